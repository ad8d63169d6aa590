"""Page furniture blanked before parsing: inline photo credits (sentences written for these
tests)."""

from __future__ import annotations

from ingest.extract.furniture import Furniture


def test_a_credit_without_a_slash_run_into_the_next_sentence_is_blanked() -> None:
    prose = ("The new measures follow a long list of sanctions, and officials in two capitals "
             "said the list would be reviewed again next month by a committee of experts. ")
    text = prose * 2 + "Photograph: Wire Pictures Service They came on the same day. " + prose
    out = Furniture().mask(text)
    assert len(out) == len(text)
    assert "Wire Pictures Service" not in out and "Photograph" not in out
    assert "They came on the same day." in out and out.count(prose) == 3

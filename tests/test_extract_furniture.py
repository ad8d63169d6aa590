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


def test_embedded_post_markup_is_blanked_inside_a_paragraph() -> None:
    text = ("Rescuers reached the school at noon. 📷 Regional Rescue Service "
            "pic.twitter.com/Ab12Cd34 — Kyiv Daily Wire (@KyivDailyWire) March 4, 2024 "
            "Maps shared by @WarMapsDaily show the line. Mail desk@paper.example for tips.")
    masked = Furniture({}).mask(text, "Any Outlet")
    assert len(masked) == len(text)
    for gone in ("pic.twitter.com", "Kyiv Daily Wire", "@KyivDailyWire", "March 4, 2024",
                 "@WarMapsDaily"):
        assert gone not in masked
    for kept in ("Rescuers reached the school at noon.", "Regional Rescue Service",
                 "show the line", "desk@paper.example"):
        assert kept in masked

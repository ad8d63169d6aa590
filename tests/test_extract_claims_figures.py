"""A number that stands for what it counts ('three were killed', 'killed five of the
militants') is a figure of a known kind; a number that counts nothing is none (sentences
written for these tests)."""

from __future__ import annotations

import pytest

from ingest.extract import SpacyExtractor


@pytest.fixture(scope="module")
def ex() -> SpacyExtractor:
    return SpacyExtractor()


def test_a_numeral_standing_for_the_counted(ex: SpacyExtractor) -> None:
    text = ("The border police said seven of them were abducted near Ruska Lozova. The "
            "regional governor said two were killed in the shelling. The navy said the storm "
            "killed four of the sailors. The two presidents said they agreed. The mayor said "
            "one of the raids took place at dawn.")
    (res,) = ex.iter_extract([("t-figures-2", text, "2024-05-08")])
    q = {c.content: c.quantity for c in res.claims}
    seven = q["seven of them were abducted near Ruska Lozova"]
    assert seven is not None and (seven.value, seven.counted) == (7, "captured")
    two = q["two were killed in the shelling"]
    assert two is not None and (two.value, two.counted, two.unit) == (2, "killed", None)
    four = q["the storm killed four of the sailors"]
    assert four is not None and (four.value, four.counted, four.unit) == (4, "killed", "sailors")
    assert q["they agreed"] is None
    assert q["one of the raids took place at dawn"] is None  # 'one' as a pronoun

"""Per-article checks that need no graph: cleaning, decoding, binary and language detection."""

from __future__ import annotations

from graph.models import ArticleStatus
from ingest.articles import Submission, clean_text, decode_bytes, prepare_submission
from ingest.dedup import signature, similarity
from tests.ingest_fixtures import english_article

PAGE_TEXT = """Kyiv says talks stalled
Kyiv says talks stalled

Ukraine said on Monday that talks had stalled, officials said.

Share on Facebook | Tweet | Email
Share this article
Comments (12)
Follow us on Twitter
Posted by admin
Copyright 2025 Example News. All rights reserved.
Leave a Reply
You must be logged in to post a comment.
Advertisement
The talks will resume next week, he said.
"""


def test_clean_text_drops_repeated_title_and_page_furniture() -> None:
    text, title = clean_text(PAGE_TEXT)
    assert title == "Kyiv says talks stalled"
    assert text == ("Ukraine said on Monday that talks had stalled, officials said.\n\n"
                    "The talks will resume next week, he said.")


def test_prose_that_mentions_furniture_words_is_kept() -> None:
    prose = ("The ministry said all rights reserved for the displaced would be honoured, and "
             "that the copyright dispute over the archive footage had nothing to do with the war.")
    assert clean_text(prose)[0] == prose


def test_decode_bytes_statuses() -> None:
    assert decode_bytes("Grüße aus Kyjiw".encode())[1] is None
    assert decode_bytes("Grüße".encode("latin-1"))[1] is ArticleStatus.NOT_UTF8
    assert decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")[1] is ArticleStatus.BINARY
    assert decode_bytes("\ufeffBOM text".encode("utf-8"))[0] == "BOM text"


def test_prepare_submission_statuses() -> None:
    def status(**kw: object) -> ArticleStatus:
        return prepare_submission(Submission(**kw), max_chars=5000).status

    assert status(text=english_article()) is ArticleStatus.OK
    assert status(text="") is ArticleStatus.EMPTY
    assert status(text="\x00\x01\x02" * 100) is ArticleStatus.BINARY
    assert status(text=english_article() * 10) is ArticleStatus.TOO_LARGE
    assert status(text="Le président a déclaré mardi que le gouvernement ne signerait aucun "
                       "accord de cessez-le-feu tant que les troupes resteraient sur place, "
                       "selon un communiqué publié à Paris.") is ArticleStatus.UNSUPPORTED_LANGUAGE
    assert status(text=english_article(), language="uk") is ArticleStatus.UNSUPPORTED_LANGUAGE
    # Too short to judge: given the benefit of the doubt.
    assert status(text="Kyiv, Monday.") is ArticleStatus.OK


def test_minhash_separates_copies_from_different_stories() -> None:
    a = english_article("story-a")
    edited = a.replace(", report", ", the agency reported in", 1) + "Reuters contributed.\n"
    assert similarity(signature(a), signature(edited)) >= 0.8
    assert similarity(signature(a), signature(english_article("story-b"))) < 0.5


def test_utf8_read_as_windows_1252_is_repaired_in_title_and_text() -> None:
    from graph.models import ArticleIn
    from ingest.articles import demojibake, prepare

    broken = "Talks in Marvik â€“ as it happened"  # '–' decoded the wrong way on the way in
    assert demojibake(broken) == "Talks in Marvik – as it happened"
    art = prepare(ArticleIn(title=broken, text="The mayor said the cafÃ© had reopened."))
    assert art.title == "Talks in Marvik – as it happened"
    assert art.text == "The mayor said the café had reopened."
    # real text is left alone: a name with a real 'Ã', mixed scripts, plain ASCII
    for ok in ("SÃO PAULO office", "Ãgua e Київ", "plain text"):
        assert demojibake(ok) == ok

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


_PROSE = ("Officials in two capitals said on Tuesday that the list of sanctions would be "
          "reviewed again next month by a committee of experts. ")


def test_a_link_title_before_read_more_is_blanked() -> None:
    text = (_PROSE + "For the full story, read on here: Sanctions widened against Arvenia and "
            "Belmora Read more\n\n" + _PROSE)
    out = Furniture().mask(text)
    assert len(out) == len(text)
    assert "Arvenia" not in out and "Read more" not in out
    assert "For the full story, read on here:" in out and out.count(_PROSE) == 2


def test_read_more_inside_a_sentence_is_kept() -> None:
    text = _PROSE + "Readers who want to read more about the Arvenia talks can ask us.\n"
    assert Furniture().mask(text) == text


def test_a_newsletter_promo_without_the_word_newsletter_is_furniture() -> None:
    f = Furniture()
    assert f.is_furniture("Morning Bulletin is delivered to thousands of inboxes every "
                          "weekday. If you're not already signed up, subscribe now.")
    assert f.is_furniture("Get the day's headlines delivered straight to your inbox.")
    assert not f.is_furniture("The minister said the inbox of the ministry was flooded with "
                              "letters from people asking how to sign up as volunteers.")


def test_a_credit_naming_a_publication_with_its_article_is_blanked() -> None:
    text = (_PROSE + "Families queue at a food tent. Photograph: Jo Bloggs/The Chronicle "
            "Women and children wait for a bus. " + _PROSE)
    out = Furniture().mask(text)
    assert "Chronicle" not in out and "Photograph" not in out
    assert "Women and children wait for a bus." in out


def test_a_credit_chain_with_an_all_caps_paper_of_two_words_is_blanked() -> None:
    text = (_PROSE + "The yacht was berthed at the wharf. Photograph: Jo Bloggs/ISLAND STAR/"
            "AFP/Getty Images Last week, police boarded it. " + _PROSE)
    out = Furniture().mask(text)
    assert "Getty" not in out and "ISLAND STAR" not in out
    assert "Last week, police boarded it." in out


def test_a_word_after_the_credit_chain_is_kept_even_in_capitals() -> None:
    text = _PROSE + "Photograph: Jo Bloggs/AFP UN officials said the convoy had left. " + _PROSE
    out = Furniture().mask(text)
    assert "AFP" not in out and "UN officials said the convoy had left." in out

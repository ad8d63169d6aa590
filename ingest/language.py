"""Language identification with py3langid: the extractor is English-only, so other languages
are stored with status ``unsupported_language`` instead of being extracted badly."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

SUPPORTED = "en"
# Below this many characters the identifier guesses; short texts are given the benefit of doubt.
_MIN_CHARS = 80
_MIN_PROB = 0.9


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    lang, prob = _identifier().classify(text[:5000])
    return str(lang), float(prob)


def english_or_reason(text: str, declared: str | None = None) -> tuple[str | None, str | None]:
    """Return (language code, reason it is unsupported or None)."""
    if declared and declared.split("-")[0].lower() != SUPPORTED:
        return declared, f"declared language {declared!r} is not supported (only English)"
    if len(text.strip()) < _MIN_CHARS:
        return declared or SUPPORTED, None
    lang, prob = detect(text)
    if lang != SUPPORTED and prob >= _MIN_PROB:
        return lang, f"detected language {lang!r} (p={prob:.2f}); only English is supported"
    if lang != SUPPORTED:
        # A confident-sounding 0.83 for Arabic is normal: the probability is shared with its
        # dialects (arz, ary, ...). Low confidence alone must not make a text English: it is
        # English only if it reads like English, i.e. has English function words.
        words = _WORD.findall(text[:5000].lower())
        share = english_word_share(text)
        if latin_share(text) < 0.5 or (len(words) >= 15 and share < _MIN_ENGLISH_SHARE):
            return lang, (f"detected language {lang!r} with low confidence (p={prob:.2f}) and "
                          f"only {share:.0%} English function words; only English is supported")
    return SUPPORTED if lang == SUPPORTED else (declared or SUPPORTED), None


_WORD = re.compile(r"[^\W\d_]+")
# English prose is 40-50 % function words; Arabic, transliterated Arabic has (almost) none. A
# headline ("Russian strikes kill 34 civilians in Deir Ezzor") has few: judged on 15+ words only.
_MIN_ENGLISH_SHARE = 0.10


def latin_share(text: str) -> float:
    """Share of letters in the Latin script (up to Latin Extended-B)."""
    letters = [c for c in text[:5000] if c.isalpha()]
    return sum(c <= "\u024f" for c in letters) / len(letters) if letters else 1.0


def english_word_share(text: str) -> float:
    """Share of words that are English function words (spaCy's English stop-word list)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _WORD.findall(text[:5000].lower())
    return sum(w in STOP_WORDS for w in words) / len(words) if words else 0.0

"""Language identification with py3langid: the extractor is English-only, so other languages
are stored with status ``unsupported_language`` instead of being extracted badly."""

from __future__ import annotations

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
    return SUPPORTED if lang == SUPPORTED else (declared or SUPPORTED), None

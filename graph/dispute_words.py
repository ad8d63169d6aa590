"""The words two claims are compared on (graph/disputes.py): proposition words as stems, and
the distance in days between two ISO dates."""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

_WORD = re.compile(r"(?<![A-Za-z'-])[a-z][a-z'-]{2,}[a-z]")
_STOP = frozenset(re.findall(r"\w+", (
    "that this these those with from have been were would could should will their there they "
    "them than then when what which while about after before into over under also more most "
    "some such only very just said says told being does didn other against")))


def stem(word: str) -> str:
    """'shelled', 'shelling', 'shells' -> 'shell': one proposition in another form of its verb
    or noun (a stem of at least 4 letters, else the word as written)."""
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 \
                and not word.endswith(("ss", "us", "is")):  # 'across', 'campus', 'crisis'
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """The words of the proposition: lower-case words of 4+ letters, not function words, as
    stems ('shelled' and 'shelling' are one word). Names (capitalized) are left out: the
    claims' shared entities are checked apart, and a shared name alone ('Nova Zora') says
    nothing about the same proposition."""
    return {stem(w) for w in _WORD.findall(text.replace("’", "'")) if w not in _STOP}


def days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat((a or "")[:10]) - date.fromisoformat((b or "")[:10])).days)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def denial_words() -> list[str]:
    """What a dismissal calls a claim ('propaganda', 'a lie', 'fake'): the extractor's own
    ``denial_words`` (``ingest/data/claim_words.json``), so both sides read one list."""
    path = Path(__file__).resolve().parent.parent / "ingest" / "data" / "claim_words.json"
    with path.open(encoding="utf-8") as fh:
        words: list[str] = json.load(fh)["denial_words"]
    return words

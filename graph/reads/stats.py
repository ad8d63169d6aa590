"""Per-entity counts kept at write time (``EntityStats``), read back as per-day series."""

from __future__ import annotations

from typing import Any

_KINDS = {"m": "mentions", "a": "articles", "c": "claims"}


def daily(counts: dict[str, Any]) -> dict[str, dict[str, int]]:
    """``{"m2024-03-01": 3, "a2024-03-01": 1, "mnone": 2, ...}`` -> ``{day: {mentions,
    articles, claims}}`` with undated evidence under the day ``""``."""
    # A hub has a few thousand keys: no dict built per key, one lookup for the kind.
    out: dict[str, dict[str, int]] = {}
    kinds = _KINDS
    for key, value in counts.items():
        name = kinds.get(key[:1])
        if name is None:
            continue  # the key itself
        day = key[1:]
        if day == "none":
            day = ""
        elif not day[:1].isdigit():
            continue  # the totals
        slot = out.get(day)
        if slot is None:
            slot = out[day] = {"mentions": 0, "articles": 0, "claims": 0}
        slot[name] += int(value)
    return out


def in_range(day: str, date_from: str | None, date_to: str | None) -> bool:
    """The date filter of the evidence reads: undated evidence only when there is none."""
    if (date_from or date_to) and not day:
        return False
    if date_from and day < date_from:
        return False
    return not (date_to and day[:len(date_to)] > date_to)

"""Statement dates: 'on Saturday', 'last week', 'yesterday', 'March 3' -> an ISO date.

Resolved only against the article's published date; without one the date stays unknown
(None) rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_MONTH_RE = re.compile(
    r"\b(" + "|".join(m[:3] for m in _MONTHS) + r")[a-z]*\.?\s+(\d{1,2})\b", re.IGNORECASE)
_DAY_MONTH_RE = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(m[:3] for m in _MONTHS) + r")[a-z]*\b", re.IGNORECASE)


def parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None


@lru_cache(maxsize=4096)
def resolve_date(expr: str, published: date | None) -> str | None:
    """Resolve a relative date expression against ``published``; None when unresolvable."""
    if published is None:
        return None
    low = " ".join(expr.lower().split())
    if low in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return published.isoformat()
    if low in ("yesterday", "last night"):
        return (published - timedelta(days=1)).isoformat()
    if low == "last week":
        # The statement fell in the previous calendar week; its Monday is the honest anchor.
        return (published - timedelta(days=published.weekday() + 7)).isoformat()
    for i, wd in enumerate(_WEEKDAYS):
        if wd in low:
            # 'on Saturday' in news means the most recent Saturday before publication
            # ('last Thursday' likewise); a same-day weekday means today.
            delta = (published.weekday() - i) % 7
            if "last" in low and delta == 0:
                delta = 7
            return (published - timedelta(days=delta)).isoformat()
    m = _MONTH_RE.search(low) or _DAY_MONTH_RE.search(low)
    if m:
        a, b = m.group(1), m.group(2)
        mon_s, day_s = (a, b) if not a.isdigit() else (b, a)
        month = next(i + 1 for i, x in enumerate(_MONTHS) if x.startswith(mon_s[:3].lower()))
        try:
            d = date(published.year, month, int(day_s))
        except ValueError:
            return None
        if d > published:  # 'December 30' in a January article is last year's
            d = date(published.year - 1, month, int(day_s))
        return d.isoformat()
    return None

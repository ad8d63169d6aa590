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
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10}
_AGO_RE = re.compile(r"\b(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) days? ago\b")
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
    words = set(re.findall(r"[a-z]+", low))
    if words & {"today", "tonight"} or re.search(r"\bthis (morning|afternoon|evening)\b", low):
        return published.isoformat()  # 'earlier today', 'this morning'
    if words & {"yesterday"} or low in ("last night", "overnight"):
        return (published - timedelta(days=1)).isoformat()
    ago = _AGO_RE.search(low)
    if ago is not None:  # 'two days ago', '3 days ago' (weeks and months are too vague)
        n = _SMALL.get(ago.group(1)) or (int(ago.group(1)) if ago.group(1).isdigit() else 0)
        if 0 < n <= 31:
            return (published - timedelta(days=n)).isoformat()
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

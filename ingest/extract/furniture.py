"""Page furniture: lines that are not the article (newsletter promos, time stamps, photo
credits, embed and transcript markup), so they produce no entity and no claim.

Two sources, both classes rather than strings:
- **learned per outlet** from the corpus itself: ``FurnitureTable`` counts, per outlet, in how
  many articles each (digit-normalised) line occurs; a line seen in at least ``min_articles``
  articles of one outlet is furniture of that outlet. The table is built incrementally
  (``observe``) and stored as ``ingest/data/furniture.json`` by
  ``scripts/build_furniture.py`` (reproducible from the corpus; only furniture lines kept);
- **generic patterns** for any outlet, also a new one: promo, time-stamp, credit and markup
  line shapes below, plus time-zone abbreviations taken from the system tz database.

``mask`` blanks furniture lines with spaces (same length), so every offset the extractor
reports still points into the stored text.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

from ingest.extract.gazetteer import DATA_DIR

DEFAULT_MIN_ARTICLES = 5
MAX_LINE = 300  # longer lines are prose, never counted whole
MIN_SENTENCE_WORDS = 4

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")

# Line shapes that are furniture on any site (whole line, case-insensitive).
_GENERIC = re.compile(
    r"""^\s*(?:
      (?:sign\ up|subscribe|get\ our|register\ now|follow\ us|download\ (?:the|our)\ app)\b.{0,200}
    | (?=.*\b(?:sign|subscribe|email|inbox|free|weekday|daily|weekly)\b)
        .{0,120}\bnewsletters?\b.{0,160}
    | .{0,120}\bdelivered\ (?:straight\ |direct\ )?to\b.{0,40}\binbox(?:es)?\b.{0,160}
    | (?:updated|last\ (?:modified|updated)|first\ published|published)(?:\ at|\ on)?\b
        [^.!?]{0,60}\d[^.!?]{0,40}
    | \d{1,2}[.:]?\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{2,5}
    | (?:photograph|photo|image|picture|illustration|credit|composite|video|watch|listen)
        (?:\ credit)?\s*:.{0,160}
    | .{0,200}\bphotograph:\ .{0,120}
    | \[?(?:embedded\ content|transcript|advertisement|video|audio)\]?
    | (?:read\ more|share\ this|share\ on|copyright|©|all\ rights\ reserved)\b.{0,160}
    | (?:more\ on\ this\ story|related\ topics?|related:)\b.{0,160}
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def line_key(line: str) -> str:
    """Lines differing only in numbers and spacing are one furniture line ('Updated at
    22.28 BST' / 'Updated at 23.36 BST')."""
    return _DIGITS.sub("0", _SPACE.sub(" ", line).strip()).casefold()


@lru_cache(maxsize=1)
def tz_abbreviations() -> frozenset[str]:
    """Alphabetic time-zone abbreviations (GMT, BST, EST, MSK, EEST ...) from the system
    tz database, in winter and summer."""
    out: set[str] = {"UTC", "GMT"}
    for name in available_timezones():
        try:
            tz = ZoneInfo(name)
        except Exception:  # noqa: BLE001 - a broken tz file is not our problem here
            continue
        for month in (1, 7):
            abbr = datetime(2024, month, 15, tzinfo=tz).tzname() or ""
            if abbr.isalpha() and abbr.isupper() and len(abbr) >= 3:
                out.add(abbr)
    return frozenset(out)


_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"])")
# inline photo credits inside a paragraph: 'Photograph: Alexey Furman/Getty Images',
# 'Composite: A Name/Getty Images/Guardian Design' (name, slash, agency words)
# ('… ed ram/The Guardian': a publication named with its article is one credit too; so is an
# all-caps one of two words inside the chain: '… /FIJI SUN/AFP/Getty Images')
_INLINE_CREDIT = re.compile(
    r"(?:Photograph|Photo|Composite|Illustration|Picture)s?:\s[^/\n]{1,80}/(?:The\s)?[A-Z][\w-]*"
    r"(?:\s(?:Images|Design|Press|Photos|Pictures|[A-Z]{2,}(?=/)))?"
    r"(?:/(?:The\s)?[A-Z][\w-]*(?:\s(?:Images|Design|Press|Photos|Pictures|[A-Z]{2,}(?=/)))?)*")
# a link's title run into the text before its 'Read more' button: '… For more, read on
# here: Sanctions widened against two states Read more' (from the last sentence end or
# colon to the button, at the end of a line)
_READ_MORE_LINK = re.compile(r"(?:(?<=[.!?:])\s|^)[^.!?:\n]{1,200}\bRead more[ \t]*$",
                             re.MULTILINE)


# a credit without a slash run into the next sentence: 'Photograph: Getty Images They came …'
_BARE_CREDIT = re.compile(
    r"(?:Photograph|Photo|Composite|Illustration|Picture)s?:\s(?:[A-Z][\w.'’-]*\s?){1,4}")


def _blank_bare_credit(m: re.Match[str]) -> str:
    """Blank the credit's marker and capitalised words, up to the first word that is a
    function word (spaCy's English stop words: 'They', 'The', 'Still') and so starts the
    next sentence."""
    from spacy.lang.en.stop_words import STOP_WORDS

    text = m.group(0)
    head, _, words = text.partition(": ")
    keep = len(head) + 2
    for w in re.finditer(r"\S+\s?", words):
        if w.group(0).strip().lower() in STOP_WORDS:
            break
        keep = len(head) + 2 + w.end()
    return " " * keep + text[keep:]


_TAG_LABEL = re.compile(r"(?:(?<=^)|(?<=[.!?]\s)|(?<=\n))(?:Tags|Topics|Keywords):?(?=\s+[A-Z])",
                        re.MULTILINE)


def segments(text: str) -> list[str]:
    """Short lines whole; long lines cut into sentences."""
    out: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) <= MAX_LINE:
            out.append(stripped)
        else:
            # a sentence needs a few words to be furniture: the splitter also cuts after
            # 'Mr.' and before 'said', which must never be learned
            out.extend(x for x in _SENT_SPLIT.split(stripped)
                       if len(x) <= MAX_LINE and len(x.split()) >= MIN_SENTENCE_WORDS)
    return out


class FurnitureTable:
    """Per-outlet line-frequency table (line key -> number of articles)."""

    def __init__(self, min_articles: int = DEFAULT_MIN_ARTICLES) -> None:
        self.min_articles = min_articles
        self.counts: dict[str, dict[str, int]] = defaultdict(dict)
        self.articles: dict[str, int] = defaultdict(int)
        self.signatures: dict[str, set[str]] = {}

    def observe(self, outlet: str | None, text: str) -> None:
        """Count each segment (a short line, or a sentence of a long one: scraped pages
        often run the promo blocks into the text) once per distinct article. Articles that
        start alike (near-duplicates) count once, so a story syndicated ten times does not
        become furniture."""
        if not outlet:
            return
        sig = line_key(text[:200])
        seen = self.signatures.setdefault(outlet, set())
        if sig in seen:
            return
        seen.add(sig)
        self.articles[outlet] += 1
        table = self.counts[outlet]
        for key in {line_key(x) for x in segments(text)}:
            table[key] = table.get(key, 0) + 1

    def furniture(self, outlet: str | None) -> frozenset[str]:
        if not outlet or outlet not in self.counts:
            return frozenset()
        return frozenset(k for k, n in self.counts[outlet].items() if n >= self.min_articles)

    def to_json(self) -> dict[str, object]:
        return {"version": 1, "min_articles": self.min_articles,
                "outlets": {o: {"articles": self.articles[o],
                                "lines": sorted(self.furniture(o))}
                            for o in sorted(self.counts) if self.furniture(o)}}


class Furniture:
    """Read-only view used by the extractor: learned lines per outlet + generic shapes."""

    def __init__(self, learned: dict[str, frozenset[str]] | None = None) -> None:
        self.learned = learned or {}

    @classmethod
    def load(cls, path: Path | None = None) -> Furniture:
        p = path or DATA_DIR / "furniture.json"
        if not p.exists():
            return cls()
        data = json.loads(p.read_text(encoding="utf-8"))
        return cls({o: frozenset(v["lines"]) for o, v in data.get("outlets", {}).items()})

    def is_furniture(self, line: str, outlet: str | None = None) -> bool:
        stripped = line.strip()
        if not stripped or len(stripped) > MAX_LINE:
            return False
        if outlet and line_key(stripped) in self.learned.get(outlet, ()):
            return True
        return bool(_GENERIC.match(stripped))

    def mask(self, text: str, outlet: str | None = None) -> str:
        """``text`` with furniture blanked (same length, newlines kept): whole furniture
        lines, learned furniture sentences inside long lines, inline photo credits."""
        parts = text.split("\n")
        changed = False
        learned = self.learned.get(outlet or "", frozenset())
        for i, line in enumerate(parts):
            if self.is_furniture(line, outlet):
                parts[i] = " " * len(line)
                changed = True
            elif len(line.strip()) > MAX_LINE and learned:
                new = _mask_sentences(line, learned)
                changed = changed or new is not line
                parts[i] = new
        out = "\n".join(parts) if changed else text
        if "Tags" in out or "Topics" in out or "Keywords" in out:
            # a keyword run's label inside a run-together page ('... a year. Tags Syria
            # Ahrar al-Sham ...'): the label must not start an entity ('Tags Syria')
            out = _TAG_LABEL.sub(lambda m: " " * len(m.group(0)), out)
        if "Read more" in out:
            out = _READ_MORE_LINK.sub(lambda m: " " * len(m.group(0)), out)
        if "/" in out:
            out = _INLINE_CREDIT.sub(lambda m: " " * len(m.group(0)), out)
        if ":" in out:
            out = _BARE_CREDIT.sub(_blank_bare_credit, out)
        return out


def _mask_sentences(line: str, learned: frozenset[str]) -> str:
    """Blank the sentences of one long line that are learned furniture (same length)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_SPLIT.finditer(line):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(line)))
    chars = list(line)
    hit = False
    for a, b in spans:
        if b > a and line_key(line[a:b]) in learned:
            chars[a:b] = " " * (b - a)
            hit = True
    return "".join(chars) if hit else line


@lru_cache(maxsize=1)
def get_furniture() -> Furniture:
    return Furniture.load()


def build_table(rows: Iterable[tuple[str | None, str]],
                min_articles: int = DEFAULT_MIN_ARTICLES) -> FurnitureTable:
    table = FurnitureTable(min_articles)
    for outlet, text in rows:
        table.observe(outlet, text)
    return table

"""From what a client gives (``ArticleIn``) to what is stored (``StoredArticle``).

The stored text is the cleaned text, and every offset the extractor reports points into it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from graph.models import (
    FIELD_LIMITS,
    ArticleIn,
    ArticleStatus,
    StoredArticle,
    content_hash,
    field_problems,
    stable_id,
)

# Page-scrape furniture that is never part of an article (comment forms, share widgets).
_BOILERPLATE_LINE = re.compile(
    r"^\s*(comments?|leave a (reply|comment)|no comments yet\b.*|why don.t you start the "
    r"discussion\?*|share (this|on)\b.*|(share|tweet|email|print|whatsapp|facebook|twitter)"
    r"(\s*[|/,]\s*(share|tweet|email|print|whatsapp|facebook|twitter))*|related( articles| "
    r"stories)?:?|advertisement|sign up for .*newsletter.*|click here to .*|read more:?|"
    r"subscribe( now)?|you must be logged in to post a comment\.?|cancel reply)\s*$",
    re.IGNORECASE,
)


# More furniture, matched only on short lines so article prose is never dropped.
_SHORT_FURNITURE = re.compile(
    r"^\s*(comments?\s*\(\d+\)|\d+\s+comments?|follow us on\b.*|posted by\b.*|"
    r"(copyright|\u00a9)\b.*|.*\ball rights reserved\.?|share this( article| story)?:?|"
    r"(image|photo)( credit)?:.*|loading\.*|skip to (main )?content)\s*$",
    re.IGNORECASE,
)
_SHORT = 90


def _furniture(line: str) -> bool:
    return bool(_BOILERPLATE_LINE.match(line)) or (
        len(line) <= _SHORT and bool(_SHORT_FURNITURE.match(line)))


def _is_headline(lines: list[str]) -> bool:
    first = lines[0].strip()
    return (
        len(lines) > 2
        and not lines[1].strip()
        and any(ln.strip() for ln in lines[2:])
        and 3 <= len(first.split()) <= 25
        and len(first) <= 160
        and first[-1] not in ".!?:;,\"”’'"
    )


# UTF-8 read as Windows-1252 on the way to us: 'â€“' for '–', 'Ã©' for 'é'.
_MOJIBAKE = ("â€", "Ã", "Â")


def demojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as Windows-1252 ('Europe â€“ as it happened' -> 'Europe – as
    it happened'), only when the whole string round-trips and the repair removes the marks;
    anything else (real 'Ã' in a name, mixed scripts) is kept as it came."""
    if not any(m in text for m in _MOJIBAKE):
        return text
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text
    return fixed if sum(fixed.count(m) for m in _MOJIBAKE) < sum(
        text.count(m) for m in _MOJIBAKE) else text


def clean_text(text: str, title: str | None = None) -> tuple[str, str | None]:
    """Strip a repeated title and trailing boilerplate lines; return (text, title)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    # Drop leading blank lines, then a title that is repeated as the first lines.
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines:
        first = lines[0].strip()
        rest = [ln for ln in lines[1:4] if ln.strip()]
        if title is None and rest and rest[0].strip() == first:
            title = first
        if title and first == title.strip():
            lines.pop(0)
            while lines and not lines[0].strip():
                lines.pop(0)
            if lines and lines[0].strip() == title.strip():
                lines.pop(0)
        elif title is None and _is_headline(lines):
            # A plain-text page-scrape starts with its headline: keep it as the title,
            # not as a sentence of the body the extractor would read.
            title = lines.pop(0).strip()
    kept = [ln for ln in lines if not _furniture(ln)]
    return "\n".join(kept).strip(), title


def prepare(article: ArticleIn, *, max_chars: int = 1_000_000) -> StoredArticle:
    """Clean and fingerprint an article; an unusable one keeps its text and gets a status."""
    raw = demojibake(article.text or "")
    text, title = clean_text(raw, demojibake(article.title) if article.title else None)
    status, error = ArticleStatus.OK, None
    if not text.strip():
        status, error = ArticleStatus.EMPTY, "the article has no text"
    elif len(raw) > max_chars:
        status, error = ArticleStatus.TOO_LARGE, f"text longer than {max_chars} characters"
        text = raw[:max_chars]
    return StoredArticle(
        id=article.resolved_id(),
        text=text if text.strip() else raw,
        title=title,
        url=article.url,
        source=article.source,
        author=article.author,
        published=article.published,
        language=article.language,
        fetched_at=datetime.now(UTC),
        content_hash=content_hash(text or raw),
        status=status,
        error=error,
    )


# --------------------------------------------------------------------------- submissions


class Submission(ArticleIn):
    """One input on its way through the queue: an article, or a URL still to fetch.

    Readers may already know an input is unusable (binary file, bad UTF-8, a page with no
    article): they set ``status``/``error`` and the worker stores it as such, so nothing is lost.
    ``fallback_text`` is used when ``url`` cannot be fetched (a feed entry's content/summary).
    """

    text: str = ""
    status: ArticleStatus | None = None
    error: str | None = None
    fallback_text: str | None = None
    needs_fetch: bool = False


def bound_fields(sub: Submission) -> Submission:
    """Keep every indexed value within what Neo4j can index (``graph.models.FIELD_LIMITS``).

    Metadata a page or feed supplied (a site name with a line break, a 300-character date) is
    tidied: whitespace collapsed, cut to the limit. An id that is over the limit cannot be
    tidied without becoming another article's id: the article is stored as failed under an
    id derived from it, with the reason."""
    problems = field_problems(sub)
    if not problems:
        return sub
    update: dict[str, object] = {}
    for name, msg in problems:
        if name == "id":
            update.update(id=stable_id(sub.id, prefix="bad-"), status=ArticleStatus.FAILED,
                          error=f"invalid id: {msg}", needs_fetch=False)
        else:
            value = "".join(ch for ch in " ".join(str(getattr(sub, name)).split())
                            if ch.isprintable())
            update[name] = value[:FIELD_LIMITS[name]] or None
    return sub.model_copy(update=update)


def looks_binary(text: str) -> bool:
    """NUL bytes or many control characters: not prose."""
    if "\x00" in text:
        return True
    sample = text[:4096]
    if not sample:
        return False
    ctrl = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return ctrl / len(sample) > 0.05


def decode_bytes(data: bytes) -> tuple[str, ArticleStatus | None, str | None]:
    """Bytes from a file or a response body -> (text, status or None, error)."""
    if b"\x00" in data[:8192] or looks_binary(data[:4096].decode("latin-1")):
        return "", ArticleStatus.BINARY, "binary content, not text"
    try:
        return data.decode("utf-8-sig"), None, None
    except UnicodeDecodeError as exc:
        # Kept (with replacement characters) so the raw input can be inspected, but not extracted.
        return (data.decode("utf-8", errors="replace"), ArticleStatus.NOT_UTF8,
                f"not valid UTF-8 at byte {exc.start}")


def prepare_submission(
    sub: Submission, *, max_chars: int, detect_language: bool = True
) -> StoredArticle:
    """Apply every per-article check: pre-decided status, binary, size, empty, language."""
    from ingest.language import english_or_reason

    if sub.status is not None:
        # Decided upstream (reader/fetcher): keep whatever text there is, cut to size.
        text = sub.text[:max_chars]
        return StoredArticle(
            id=sub.resolved_id(), text=text, title=sub.title, url=sub.url, source=sub.source,
            author=sub.author, published=sub.published, language=sub.language,
            fetched_at=datetime.now(UTC), content_hash=content_hash(text or sub.resolved_id()),
            status=sub.status, error=sub.error,
        )
    if looks_binary(sub.text):
        return prepare_submission(
            sub.model_copy(update={"status": ArticleStatus.BINARY, "text": "",
                                   "error": "binary content, not text"}),
            max_chars=max_chars,
        )
    art = prepare(sub, max_chars=max_chars)
    if art.status is ArticleStatus.OK and detect_language:
        lang, reason = english_or_reason(art.text, declared=sub.language)
        art.language = lang
        if reason:
            art.status, art.error = ArticleStatus.UNSUPPORTED_LANGUAGE, reason
    return art

"""From what a client gives (``ArticleIn``) to what is stored (``StoredArticle``).

The stored text is the cleaned text, and every offset the extractor reports points into it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from graph.models import ArticleIn, ArticleStatus, StoredArticle, content_hash

# Page-scrape furniture that is never part of an article (comment forms, share widgets).
_BOILERPLATE_LINE = re.compile(
    r"^\s*(comments?|leave a (reply|comment)|no comments yet\b.*|why don.t you start the "
    r"discussion\?*|share (this|on)\b.*|(share|tweet|email|print|whatsapp|facebook|twitter)"
    r"(\s*[|/,]\s*(share|tweet|email|print|whatsapp|facebook|twitter))*|related( articles| "
    r"stories)?:?|advertisement|sign up for .*newsletter.*|click here to .*|read more:?|"
    r"subscribe( now)?|you must be logged in to post a comment\.?|cancel reply)\s*$",
    re.IGNORECASE,
)


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
    kept = [ln for ln in lines if not _BOILERPLATE_LINE.match(ln)]
    return "\n".join(kept).strip(), title


def prepare(article: ArticleIn, *, max_chars: int = 1_000_000) -> StoredArticle:
    """Clean and fingerprint an article; an unusable one keeps its text and gets a status."""
    raw = article.text or ""
    text, title = clean_text(raw, article.title)
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

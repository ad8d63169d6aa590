"""HTML pages: main text and metadata (title, author, date, site) with trafilatura."""

from __future__ import annotations

from typing import Any

from graph.models import ArticleStatus, stable_id
from ingest.articles import Submission, decode_bytes

# Less main text than this is navigation or a teaser, not an article.
MIN_ARTICLE_CHARS = 200


def from_html(html: bytes | str, *, url: str | None = None, id: str | None = None,
              source: str | None = None) -> Submission:
    """Parse one page; a page with no article in it comes back with status ``no_article``."""
    import trafilatura

    art_id = id or (stable_id(url, prefix="url-") if url else None)
    if isinstance(html, bytes):
        text, status, error = decode_bytes(html)
        if status is ArticleStatus.BINARY:
            return Submission(id=art_id, url=url, source=source, status=status, error=error)
        html = text
    doc: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                           include_comments=False, include_tables=False)
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    body = (meta.get("text") or "").strip()
    common = {
        "id": art_id, "url": url or meta.get("url"), "title": meta.get("title"),
        "author": meta.get("author"), "published": meta.get("date"),
        "source": source or meta.get("sitename") or meta.get("hostname"),
        "language": meta.get("language"),
    }
    if len(body) < MIN_ARTICLE_CHARS:
        if art_id is None:
            common["id"] = stable_id(html[:2000], prefix="html-")
        return Submission(**common, text=body, status=ArticleStatus.NO_ARTICLE,
                          error=f"no article in the HTML page ({len(body)} characters of "
                                "main text)")
    return Submission(**common, text=body)

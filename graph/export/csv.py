"""CSV of nodes and edges (the two files Gephi's and Kumu's importers expect), either one part
at a time or both in a zip that is itself streamed (entries written with data descriptors, so
the archive never needs seeking and never sits whole in memory)."""

from __future__ import annotations

import csv as _csv
import io
import json
import zipfile
from collections.abc import Iterator

from graph.export.graphml import edge_date, node_date, node_label
from graph.export.stream import Edge, Node, PageSource, edge_pages, node_pages

NODE_COLUMNS = ("id", "label", "kind", "date", "props")
EDGE_COLUMNS = ("source", "target", "type", "date", "props")


def _json(props: dict[str, object]) -> str:
    return json.dumps(props, ensure_ascii=False, sort_keys=True, default=str)


# OWASP CSV injection: a spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """Neutralise a formula-looking cell with a leading apostrophe (shown, not evaluated)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def node_row(n: Node) -> tuple[str, ...]:
    return tuple(cell(v) for v in (n.id, node_label(n), n.kind.value, node_date(n) or "",
                                   _json(n.props)))


def edge_row(e: Edge) -> tuple[str, ...]:
    return tuple(cell(v) for v in (e.source, e.target, e.type.value, edge_date(e) or "",
                                   _json(e.props)))


def _rows(header: tuple[str, ...], pages: Iterator[list[tuple[str, ...]]]) -> Iterator[str]:
    buf = io.StringIO()
    # RFC 4180 line ends: the writer then also quotes a field holding a bare CR, which a
    # "\n"-terminated writer leaves unquoted (and so breaks the row for every reader).
    writer = _csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for rows in pages:  # one chunk per page
        writer.writerows(rows)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


def serialize_csv(source: PageSource, part: str) -> Iterator[str]:
    if part == "nodes":
        return _rows(NODE_COLUMNS, ([node_row(n) for n in ns] for ns in node_pages(source())))
    if part == "edges":
        return _rows(EDGE_COLUMNS, ([edge_row(e) for e in es] for es in edge_pages(source())))
    raise ValueError(f"unknown CSV part {part!r}")


class _Drain(io.RawIOBase):
    """A write-only, unseekable sink whose bytes are taken out after each write batch."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.pos = 0

    def writable(self) -> bool:
        return True

    def write(self, b: bytes) -> int:  # type: ignore[override]
        self.chunks.append(bytes(b))
        self.pos += len(b)
        return len(b)

    def tell(self) -> int:
        return self.pos

    def take(self) -> bytes:
        out, self.chunks = b"".join(self.chunks), []
        return out


def serialize_csv_zip(source: PageSource) -> Iterator[bytes]:
    sink = _Drain()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as zf:  # type: ignore[arg-type]
        for part in ("nodes", "edges"):
            with zf.open(f"{part}.csv", "w", force_zip64=True) as entry:
                for text in serialize_csv(source, part):
                    entry.write(text.encode("utf-8"))
                    yield sink.take()
    yield sink.take()

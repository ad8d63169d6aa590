"""A small hand-built graph for the fact-check interop tests (prefix ``t13``), written through
the real Neo4jWriter: a named speaker with a role, an anonymous source whose affiliation is a
nationality word, an article without a URL. Offsets are computed from the texts.

Also the socket guard: with ``offline`` active any connection that is not to the loopback
interface raises, so a parser that reaches for a remote JSON-LD context fails the test.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from graph.driver import Graph
from graph.models import (
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    Mention,
    QuoteType,
    RelationRecord,
    SpeakerRef,
    StoredArticle,
    content_hash,
)
from graph.writer import Neo4jWriter

MAREN, BUREAU = "t13:person:maren-holt", "t13:org:harbour-bureau"
UKRAINE = "place:geonames:690791"  # the id the extractor gives the country (GeoNames)

TEXT_1 = ("Maren Holt, director of the Harbour Bureau, said 40 ships were seized in March. "
          "A Ukrainian official said the port was shelled overnight.")
TEXT_2 = "Maren Holt said the ferry line reopened on Monday."


@dataclass
class InteropGraph:
    graph: Graph
    seized: str  # claim ids
    shelled: str
    ferry: str  # in the article without a URL


def _span(text: str, part: str) -> tuple[int, int]:
    s = text.index(part)
    return s, s + len(part)


def _sentence(text: str, part: str) -> tuple[int, int]:
    s = text.index(part)
    start = text.rfind(". ", 0, s)
    start = 0 if start < 0 else start + 2
    end = text.index(".", s) + 1
    return start, end


def _mention(text: str, part: str) -> Mention:
    s, e = _span(text, part)
    ss, se = _sentence(text, part)
    return Mention(start=s, end=e, text=part, sentence_start=ss, sentence_end=se)


def build(graph: Graph) -> InteropGraph:
    holt = SpeakerRef(id=MAREN, name="Maren Holt", type="Person")
    anon = SpeakerRef(id="t13-anon-1", name="a Ukrainian official", type="AnonymousSource",
                      anonymous=True, description="a Ukrainian official", affiliation="Ukrainian")
    art1 = StoredArticle(id="t13-art-1", text=TEXT_1, title="T13 ports", source="Port Wire T13",
                         url="https://example.org/t13 ports", published="2025-04-02",
                         content_hash=content_hash(TEXT_1), language="en")
    art2 = StoredArticle(id="t13-art-2", text=TEXT_2, title="T13 ferry", source="Port Wire T13",
                         published="2025-04-03", content_hash=content_hash(TEXT_2), language="en")
    res1 = ExtractionResult(
        id="t13-art-1", extractor_version="t13-hand-1",
        entities=[
            EntityRecord(id=MAREN, type=EntityType.PERSON, name="Maren Holt",
                         mentions=[_mention(TEXT_1, "Maren Holt")]),
            EntityRecord(id=BUREAU, type=EntityType.ORGANIZATION, name="Harbour Bureau",
                         mentions=[_mention(TEXT_1, "Harbour Bureau")]),
            EntityRecord(id=UKRAINE, type=EntityType.PLACE, name="Ukraine", geonames_id=690791,
                         country="UA", mentions=[_mention(TEXT_1, "Ukrainian")]),
        ],
        claims=[
            ClaimRecord(id="t13-claim-seized", speaker=holt, cue="say",
                        content="40 ships were seized in March",
                        content_span=_span(TEXT_1, "40 ships were seized in March"),
                        sentence_span=_sentence(TEXT_1, "40 ships"),
                        quote_type=QuoteType.INDIRECT, about=[BUREAU], date="2025-04-01"),
            ClaimRecord(id="t13-claim-shelled", speaker=anon, cue="say",
                        content="the port was shelled overnight",
                        content_span=_span(TEXT_1, "the port was shelled overnight"),
                        sentence_span=_sentence(TEXT_1, "the port was shelled"),
                        quote_type=QuoteType.INDIRECT),
        ],
        relations=[RelationRecord(type="HAS_ROLE", source=MAREN, target=BUREAU,
                                  title="director", span=_span(TEXT_1, "director"),
                                  sentence_span=_sentence(TEXT_1, "director"))],
    )
    res2 = ExtractionResult(
        id="t13-art-2", extractor_version="t13-hand-1",
        entities=[EntityRecord(id=MAREN, type=EntityType.PERSON, name="Maren Holt",
                               mentions=[_mention(TEXT_2, "Maren Holt")])],
        claims=[ClaimRecord(id="t13-claim-ferry", speaker=holt, cue="say",
                            content="the ferry line reopened on Monday",
                            content_span=_span(TEXT_2, "the ferry line reopened on Monday"),
                            sentence_span=(0, len(TEXT_2)), quote_type=QuoteType.INDIRECT)],
    )
    Neo4jWriter(graph)([art1, art2], [res1, res2])
    return InteropGraph(graph, "t13-claim-seized", "t13-claim-shelled", "t13-claim-ferry")


@pytest.fixture(scope="session")
def interop_graph(graph: Graph) -> InteropGraph:
    return build(graph)


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        return host in ("localhost", "::1") or host.startswith("127.")
    return isinstance(address, (str, bytes))  # unix sockets


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Block every non-loopback connection for the duration of a test."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def connect(self: socket.socket, address: object) -> None:
        if not _is_loopback(address):
            raise ConnectionRefusedError(f"network access blocked in this test: {address!r}")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        if not _is_loopback(address):
            raise ConnectionRefusedError(f"network access blocked in this test: {address!r}")
        return real_connect_ex(self, address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host not in (None, "localhost", "127.0.0.1", "::1", b"localhost") and not (
                isinstance(host, str) and host.startswith("127.")):
            raise socket.gaierror(f"name resolution blocked in this test: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield

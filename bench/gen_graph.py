"""A generated graph at scale, for the query benchmark.

Articles, entities, claims and roles are made up but shaped like the real thing: entity
mentions follow a Zipf law (a few hubs — the countries, the presidents — in a large share of the
articles, a long tail seen once or twice), outlets are Zipf-skewed too, every article's text is
built sentence by sentence so every offset is real, and everything is written through the real
``Neo4jWriter`` (batched UNWIND/MERGE), so the graph has exactly the production shape.

    python -m bench.gen_graph --articles 100000       # into the profile in KG_PROFILE
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field

import numpy as np

from graph.models import (
    ArticleStatus,
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

SYLLABLES = ["ka", "lo", "mir", "va", "den", "sko", "tre", "an", "vol", "ri", "na", "bor", "el",
             "shen", "ko", "dar", "is", "mo", "ul", "zan", "pe", "tro", "ga", "lin", "ov", "ya"]
CUES = ["say", "say", "say", "state", "warn", "claim", "accuse", "deny", "reject", "announce"]
TOPICS = ["the ceasefire would hold", "talks would resume next week", "the convoy was attacked",
          "the shelling had intensified", "the bridge was destroyed", "aid had been blocked",
          "troops had withdrawn from the area", "the report was false", "casualties were rising",
          "the offensive had stalled"]
TITLES = ["spokesperson", "minister", "commander", "president", "envoy", "adviser"]
ETYPES = [(EntityType.PERSON, 0.40), (EntityType.ORGANIZATION, 0.20), (EntityType.PLACE, 0.30),
          (EntityType.GROUP, 0.10)]


@dataclass(eq=False)
class Ent:
    id: str
    type: EntityType
    name: str
    aliases: list[str]
    lat: float | None = None
    lon: float | None = None


@dataclass
class Builder:
    """Appends sentences and remembers where each entity and claim landed in the text."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    mentions: dict[str, list[Mention]] = field(default_factory=dict)

    def sentence(self, chunks: list[tuple[str, str | None]]) -> tuple[int, int, list[int]]:
        start, offsets = self.pos, []
        spans: list[tuple[str, int, int]] = []
        for text, ent_id in chunks:
            offsets.append(self.pos)
            if ent_id:
                spans.append((ent_id, self.pos, self.pos + len(text)))
            self.parts.append(text)
            self.pos += len(text)
        end = self.pos
        self.parts.append(" ")
        self.pos += 1
        for ent_id, s, e in spans:
            self.mentions.setdefault(ent_id, []).append(Mention(
                start=s, end=e, text="".join(self.parts)[s:e], sentence_start=start,
                sentence_end=end))
        return start, end, offsets

    @property
    def text(self) -> str:
        return "".join(self.parts).rstrip()


def make_name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
                    for _ in range(words))


def make_entities(n: int, seed: int) -> list[Ent]:
    rng = random.Random(seed)
    types = rng.choices([t for t, _ in ETYPES], weights=[w for _, w in ETYPES], k=n)
    out = []
    for i, t in enumerate(types):
        name = make_name(rng, 2 if t is EntityType.PERSON else rng.randint(1, 2))
        if t is EntityType.ORGANIZATION:
            name = f"{name} {rng.choice(['Ministry', 'Council', 'Agency', 'Command'])}"
        elif t is EntityType.GROUP:
            name = f"{name} {rng.choice(['Brigade', 'Battalion', 'Movement', 'Front'])}"
        aliases = [name.split()[-1]] if t is EntityType.PERSON else []
        ent = Ent(id=f"gen:{t.value.lower()}:{i}", type=t, name=name, aliases=aliases)
        if t is EntityType.PLACE:
            ent.lat, ent.lon = round(rng.uniform(44, 53), 4), round(rng.uniform(22, 40), 4)
        out.append(ent)
    return out


class Zipf:
    """Draw ranks 0..n-1 with P(r) ∝ 1/(r+1)^s (precomputed CDF: fast, bounded)."""

    def __init__(self, n: int, s: float, seed: int) -> None:
        w = 1.0 / np.arange(1, n + 1) ** s
        self.cdf = np.cumsum(w / w.sum())
        self.rng = np.random.default_rng(seed)

    def draw(self, k: int) -> list[int]:
        return list(np.searchsorted(self.cdf, self.rng.random(k)))


def make_article(i: int, rng: random.Random, ents: list[Ent], by_type: dict[EntityType, Zipf],
                 persons: list[Ent], outlets: list[str], outlet_z: Zipf, pool: dict,
                 written_before: int) -> tuple[StoredArticle, ExtractionResult]:
    art_id = f"gen-art-{i}"
    day = 1 + (i * 7919) % 1400  # spread over ~4 years, deterministic
    published = time.strftime("%Y-%m-%d", time.gmtime(1640995200 + day * 86400))
    b = Builder()
    picked: dict[str, Ent] = {}
    for t, n in ((EntityType.PLACE, rng.randint(1, 3)), (EntityType.ORGANIZATION, 1),
                 (EntityType.GROUP, rng.randint(0, 1))):
        for r in by_type[t].draw(n):
            e = pool[t][r]
            picked[e.id] = e
    speakers = [persons[r] for r in by_type[EntityType.PERSON].draw(rng.randint(1, 3))]
    for e in speakers:
        picked[e.id] = e
    others = [e for e in picked.values() if e.type is not EntityType.PERSON] or speakers
    claims: list[ClaimRecord] = []
    relations: list[RelationRecord] = []
    for j, spk in enumerate(dict.fromkeys(speakers)):
        about = rng.choice(others)
        cue = rng.choice(CUES)
        target = rng.choice([s for s in speakers if s is not spk] or [None]) \
            if cue in ("accuse", "deny", "reject") else None
        verb = {"say": "said", "deny": "denied", "accuse": "accused", "reject": "rejected",
                "state": "stated", "warn": "warned", "claim": "claimed",
                "announce": "announced"}[cue]
        topic = rng.choice(TOPICS)
        chunks: list[tuple[str, str | None]] = [(spk.name, spk.id), (f" {verb} ", None)]
        if target is not None:
            chunks += [(target.name, target.id), (" and said that ", None)]
        else:
            chunks += [("that ", None)]
        content_idx = len(chunks)
        chunks += [(f"{topic} in ", None), (about.name, about.id), (".", None)]
        ss, se, offs = b.sentence(chunks)
        cs, ce = offs[content_idx], se - 1
        claims.append(ClaimRecord(
            id=f"gen-claim-{i}-{j}", cue=cue,
            speaker=SpeakerRef(id=spk.id, name=spk.name, type="Person"),
            speaker_span=(offs[0], offs[0] + len(spk.name)), cue_span=(offs[1] + 1,
                                                                        offs[1] + 1 + len(verb)),
            content=b.text[cs:ce] if ce <= len(b.text) else "", content_span=(cs, ce),
            sentence_span=(ss, se), quote_type=QuoteType.INDIRECT, about=[about.id],
            target=target.id if target else None,
            date=published if rng.random() < 0.3 else None,
        ))
        if rng.random() < 0.15:
            org = next((e for e in picked.values() if e.type is EntityType.ORGANIZATION), None)
            if org:
                title = rng.choice(TITLES)
                ss, se, offs = b.sentence([(spk.name, spk.id), (f" is the {title} of ", None),
                                           (org.name, org.id), (".", None)])
                relations.append(RelationRecord(type="HAS_ROLE", source=spk.id, target=org.id,
                                                title=title, span=(offs[1] + 8, offs[1] + 8 +
                                                                   len(title)),
                                                sentence_span=(ss, se)))
    if rng.random() < 0.1:  # an anonymous source
        about = rng.choice(others)
        ss, se, offs = b.sentence([("A senior official said that ", None),
                                   ("fighting continued near ", None), (about.name, about.id),
                                   (".", None)])
        claims.append(ClaimRecord(
            id=f"gen-claim-{i}-anon", cue="say",
            speaker=SpeakerRef(id=f"gen-anon-{i}", name="a senior official",
                               type="AnonymousSource", anonymous=True,
                               description="a senior official"),
            content_span=(offs[1], se - 1), content=f"fighting continued near {about.name}",
            sentence_span=(ss, se), quote_type=QuoteType.INDIRECT, about=[about.id]))
    rest = [e for e in picked.values()]
    ss, se, _ = b.sentence([("Observers in the region watched ", None), (rest[0].name, rest[0].id),
                            (" closely.", None)])
    text = b.text
    for c in claims:  # content must be exactly the text at its span
        c.content = text[c.content_span[0]:c.content_span[1]]
    outlet = outlets[outlet_z.draw(1)[0]]
    # A near-duplicate points at an article of an earlier batch (already written).
    dup_of = (f"gen-art-{written_before - 1 - rng.randint(0, min(50, written_before - 1))}"
              if written_before > 0 and rng.random() < 0.02 else None)
    art = StoredArticle(
        id=art_id, text=text, title=f"{rest[0].name}: {claims[0].content[:60]}",
        url=f"https://gen.example/{art_id}", source=outlet, published=published,
        language="en", content_hash=content_hash(text),
        status=ArticleStatus.NEAR_DUPLICATE if dup_of else ArticleStatus.OK,
        duplicate_of=dup_of, similarity=0.91 if dup_of else None,
    )
    records = [EntityRecord(id=e.id, type=e.type, name=e.name, aliases=e.aliases,
                            mentions=b.mentions.get(e.id, []), lat=e.lat, lon=e.lon)
               for e in picked.values() if b.mentions.get(e.id)]
    return art, ExtractionResult(id=art_id, extractor_version="gen-1", entities=records,
                                 claims=claims, relations=relations)


def generate(graph, n_articles: int, *, n_entities: int = 30_000, batch: int = 200,  # noqa: ANN001
             seed: int = 5, start: int = 0, log=print) -> int:  # noqa: ANN001
    """Write articles ``start..n_articles-1``; returns how many were written."""
    from graph.writer import Neo4jWriter

    rng = random.Random(seed + start)
    ents = make_entities(n_entities, seed)
    pool = {t: [e for e in ents if e.type is t] for t, _ in ETYPES}
    by_type = {t: Zipf(len(pool[t]), 1.05, seed + k) for k, (t, _) in enumerate(ETYPES)}
    outlets = [f"{make_name(random.Random(seed + 100 + k), 1)} News" for k in range(80)]
    outlet_z = Zipf(len(outlets), 1.0, seed + 99)
    writer = Neo4jWriter(graph)
    t0, written = time.time(), 0
    for lo in range(start, n_articles, batch):
        pairs = [make_article(i, rng, ents, by_type, pool[EntityType.PERSON], outlets, outlet_z,
                              pool, lo) for i in range(lo, min(lo + batch, n_articles))]
        writer([a for a, _ in pairs], [r for a, r in pairs if a.status is ArticleStatus.OK
                                       or a.duplicate_of])
        written += len(pairs)
        if (lo // batch) % 20 == 0:
            log(f"  generated {lo + len(pairs)}/{n_articles} articles "
                f"({written / (time.time() - t0):.0f}/s)")
    return written


def main(argv: list[str] | None = None) -> int:
    from graph.driver import Graph, connect
    from graph.schema import migrate
    from graph.settings import get_settings

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=100_000)
    p.add_argument("--entities", type=int, default=30_000)
    p.add_argument("--start", type=int, default=0, help="resume from this article number")
    args = p.parse_args(argv)
    settings = get_settings()
    graph = Graph(connect(settings), settings.neo4j_database)
    try:
        migrate(graph)
        generate(graph, args.articles, n_entities=args.entities, start=args.start,
                 log=lambda m: print(m, file=sys.stderr))
    finally:
        graph.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

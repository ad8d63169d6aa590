"""Cross-article resolution: canonical ids, aliases, fuzzy matches, audit records."""

from __future__ import annotations

from datetime import UTC, datetime

from graph.models import (
    ClaimRecord,
    EntityRecord,
    EntityType,
    ExtractionResult,
    QuoteType,
    SpeakerRef,
)
from ingest.resolve import CanonicalResolver
from ingest.stages import Resolver

NOW = datetime(2025, 3, 18, tzinfo=UTC)


def _result(aid: str, *ents: EntityRecord) -> ExtractionResult:
    speaker = SpeakerRef(id=ents[0].id, name=ents[0].name, type=ents[0].type.value)
    claim = ClaimRecord(id=f"c-{aid}", speaker=speaker, cue="say", content="x y z",
                        content_span=(0, 5), sentence_span=(0, 5),
                        quote_type=QuoteType.INDIRECT, about=[e.id for e in ents[1:]])
    return ExtractionResult(id=aid, extractor_version="t", entities=list(ents), claims=[claim])


def test_resolver_protocol_and_seeded_index() -> None:
    r = CanonicalResolver([("person:vladimir-putin", "Person", "Vladimir Putin", ["Putin"])],
                          clock=lambda: NOW)
    assert isinstance(r, Resolver)
    ent = EntityRecord(id="person:v-putin", type=EntityType.PERSON, name="V. Putin",
                       aliases=["Putin"])
    out = r([_result("a", ent)])[0]
    assert out.entities[0].id == "person:vladimir-putin"
    assert out.entities[0].name == "Vladimir Putin" and "V. Putin" in out.entities[0].aliases
    assert out.entities[0].resolution == {"method": "alias", "score": 1.0, "matched": "Putin",
                                          "at": NOW.isoformat()}
    assert out.claims[0].speaker.id == "person:vladimir-putin"


def test_fuzzy_spelling_variants_merge_but_near_names_do_not() -> None:
    r = CanonicalResolver(clock=lambda: NOW)
    a = EntityRecord(id="person:oleksii-reznikov", type=EntityType.PERSON, name="Oleksii Reznikov")
    r([_result("a", a)])
    b = EntityRecord(id="person:oleksiy-reznikov", type=EntityType.PERSON, name="Oleksiy Reznikov")
    c = EntityRecord(id="person:kim-jong-un", type=EntityType.PERSON, name="Kim Jong-un")
    d = EntityRecord(id="person:kim-jong-il", type=EntityType.PERSON, name="Kim Jong-il")
    out = r([_result("b", b, c, d)])[0]
    ids = [e.id for e in out.entities]
    assert ids == ["person:oleksii-reznikov", "person:kim-jong-un", "person:kim-jong-il"]
    dec = out.entities[0].resolution or {}
    # Oleksii / Oleksiy fold to one transliteration key before any fuzzy scoring
    assert dec["method"] == "transliteration" and dec["score"] == 1.0
    assert out.claims[0].speaker.id == "person:oleksii-reznikov"
    assert out.entities[1].resolution is None  # "new" depends on order: not recorded


def test_same_entity_in_two_articles_gets_the_same_id() -> None:
    from graph.models import StoredArticle, content_hash
    from ingest.extract import SpacyExtractor

    texts = ["Ukrainian President Volodymyr Zelenskyy said on Sunday that Kiev would hold.",
             "Zelensky warned that Russian forces were shelling Kharkov, a city in Ukraine."]
    arts = [StoredArticle(id=f"t{i}", text=t, content_hash=content_hash(t))
            for i, t in enumerate(texts)]
    res = CanonicalResolver(clock=lambda: NOW)(SpacyExtractor()(arts))
    ids = [{e.id for e in r.entities} for r in res]
    assert "person:volodymyr-zelensky" in ids[0] & ids[1]
    assert "place:geonames:703448" in ids[0]  # Kiev -> Kyiv
    assert "place:geonames:706483" in ids[1]  # Kharkov -> Kharkiv
    assert "group:russian-forces" in ids[1]


def _org(eid: str, name: str, *aliases: str) -> EntityRecord:
    return EntityRecord(id=eid, type=EntityType.ORGANIZATION, name=name, aliases=list(aliases))


def test_reference_ids_are_never_remapped_by_a_shared_generic_alias() -> None:
    # Two countries' ministries from the reference data, both called 'the defence ministry'
    # somewhere: the first one seen must not attract the other through that alias.
    r = CanonicalResolver(clock=lambda: NOW, reference_ids={"org:mod-a", "org:mod-b"})
    r([_result("a", _org("org:mod-a", "Atlantis Defence Ministry", "defence ministry"))])
    out = r([_result("b", _org("org:mod-b", "Borduria Defence Ministry", "defence ministry"))])[0]
    assert [e.id for e in out.entities] == ["org:mod-b"]
    assert out.claims[0].speaker.id == "org:mod-b"
    # an id of no authority still joins the entity whose alias it shares
    out = r([_result("c", _org("org:the-defence-ministry", "Defence Ministry"))])[0]
    assert out.entities[0].id == "org:mod-a"


def test_two_entities_of_one_article_never_merge_by_alias_or_fuzz() -> None:
    # The extractor judged them to be two: a generic alias both carry, or names a letter
    # apart, do not make them one in the graph.
    r = CanonicalResolver(clock=lambda: NOW, reference_ids=())
    out = r([_result("a", _org("org:north-ministry", "North Ministry", "the ministry"),
                     _org("org:south-ministry", "South Ministry", "the ministry"),
                     _org("org:azov-regiment", "Azov Regiment"),
                     _org("org:azov-regiments", "Azov Regiments"))])[0]
    assert [e.id for e in out.entities] == ["org:north-ministry", "org:south-ministry",
                                           "org:azov-regiment", "org:azov-regiments"]
    # across articles the fuzzy match still joins a spelling variant
    out = r([_result("b", _org("org:azov-regimen", "Azov Regimen"))])[0]
    assert out.entities[0].id in ("org:azov-regiment", "org:azov-regiments")


def test_a_bare_site_name_tagged_organization_joins_the_known_site() -> None:
    r = CanonicalResolver(clock=lambda: NOW, reference_ids=())
    site = EntityRecord(id="facility:vorstalk", type=EntityType.FACILITY,
                        name="Vorstalk steel plant", aliases=["Vorstalk plant"])
    r([_result("a", site)])
    bare = EntityRecord(id="org:vorstalk", type=EntityType.ORGANIZATION, name="Vorstalk")
    other = EntityRecord(id="org:vorstalk-holdings", type=EntityType.ORGANIZATION,
                         name="Vorstalk Holdings")
    out = r([_result("b", bare, other)])[0]
    by_name = {e.name: e for e in out.entities}
    joined = by_name["Vorstalk steel plant"]
    assert joined.id == "facility:vorstalk" and joined.type is EntityType.FACILITY
    assert "Vorstalk" in joined.aliases
    assert joined.resolution == {"method": "same-site", "score": 1.0, "matched": "Vorstalk",
                                 "at": NOW.isoformat()}
    assert out.claims[0].speaker.id == "facility:vorstalk"
    assert out.claims[0].speaker.type == "Facility"
    assert by_name["Vorstalk Holdings"].id == "org:vorstalk-holdings"  # another name: new

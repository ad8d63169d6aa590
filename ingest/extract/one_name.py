"""One name, one entity within an article: repairs made after mentions are detected.

- **One type per name**: a name the kind rules typed Equipment or Facility ('Himars rocket
  systems', 'the Azovstal steel plant') keeps that type on its bare mentions that the model
  tagged as an organization or a person ('the Himars have a range of 80km'): a weapon is not
  an Organization in one sentence and Equipment in the next.
- **Given name alone**: feature writing names a person in full once and then by the given
  name ('Vladislav Buryak, 16, ... Vladislav said'). A one-word Person that is a given name
  (the ``gender-guesser`` dictionary), joined to nobody, is the person named in full earlier
  in the article with that given name (equal after transliteration folding) -- only when
  exactly one such person exists, so two Vladimirs never merge.
- **People tagged as organizations**: the small model tags many full names ORG ('Alexei
  Navalny', 'Oleksandr Kubrakov, Ukraine's infrastructure minister'). A two- or three-word
  ORG written like a name -- title-case words (a middle initial allowed), the first a given
  name, the last no given name, no organization or facility head, no place and no title --
  is a Person; so is such a name tagged as a place that no reference data knows ('Oleksandr
  Kubrakov' as GPE). Gazetteer entries keep their type.
- **One facility, one entity**: 'the Azovstal steel plant' ... 'the Azovstal plant' ... 'the
  Azovstal complex' ... 'Azovstal' is one site: facilities that share the proper name before
  their kind nouns are one Facility named by the fullest form (the others stay aliases), and
  the model's bare Organization/Person mentions of that proper name join it; likewise a bare
  'Siverka' joins 'the Siverka River'. A proper name that is itself a place ('the Odesa
  refinery', 'the Odesa airport') names several sites: only facilities of one kind join.
- **Publications typed Person**: a one-word name, no given name, the subject of
  'report'/'publish'/'quote'/'cite' ('…, Politico reports') and otherwise only told things
  ('an official told Politico') is an Outlet (a news medium, as the gold types them).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.entities import HEAD_OF, Ment, Rules
from ingest.extract.gazetteer import norm, slug
from ingest.extract.names import fold_word, is_given_name
from ingest.extract.person_evidence import ARTICLE_GIVEN_NAMES
from ingest.extract.spans import ORG_HEADS, ORG_KIND_NOUNS

# last words of company and media names ('Rochan Consulting', 'Tui Group', 'Kyiv Post'):
# kinds of business, never surnames
_COMPANY_WORDS = frozenset({
    "consulting", "consultancy", "holdings", "partners", "capital", "media", "systems",
    "technologies", "associates", "ventures", "energy", "airlines", "airways", "motors",
    "pharmaceuticals", "international", "global", "press", "news", "times", "post", "herald",
    "tribune", "journal", "telegraph", "express", "studios", "pictures", "records", "labs",
    "industries", "investments", "securities", "logistics", "shipping", "trust", "club",
})

_INITIAL = re.compile(r"^[A-Z]\.?$")
_NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")

_THINGS = (EntityType.EQUIPMENT, EntityType.FACILITY)
_RETYPABLE = (EntityType.ORGANIZATION, EntityType.PERSON)


def one_type_per_name(ments: list[Ment]) -> None:
    """Model-typed Organization/Person mentions of an Equipment/Facility name take its type
    and key, in place (gazetteer entries keep theirs)."""
    things: dict[str, Ment] = {}
    for m in ments:
        if m.type in _THINGS and m.key:
            things.setdefault(norm(m.name or m.text), m)
            things.setdefault(norm(m.text), m)
    if not things:
        return
    for m in ments:
        if m.type not in _RETYPABLE or m.entry is not None or m.description is not None:
            continue
        hit = things.get(norm(m.text))
        if hit is not None:
            m.type, m.key, m.name, m.method = hit.type, hit.key, hit.name, "same-name"


def _stem(name: str, kinds: frozenset[str]) -> tuple[str, str]:
    """('Azovstal steel plant') -> ('azovstal', 'plant'): the words before the first
    lower-case or kind word, and the last word."""
    words = name.split()
    k = 0
    while k < len(words) - 1 and not words[k].islower() and words[k].lower() not in kinds:
        k += 1
    return norm(" ".join(words[:k])), words[-1].lower()


def one_thing_per_stem(ments: list[Ment], rules: Rules) -> None:
    """Facilities sharing a proper name are one Facility named by the fullest form; bare
    model mentions of that name (and of a river's or a sea's name) join it. In place."""
    kinds = rules.types.facility | rules.types.features
    groups: dict[str, list[Ment]] = {}
    features: dict[str, Ment] = {}
    for m in ments:
        if m.method != "kind" or not m.key or not m.name:
            continue
        stem, head = _stem(m.name, kinds)
        if not stem:
            continue
        if m.type is EntityType.FACILITY:
            place = rules.places.has_city(stem) or rules.places.country_code(stem) is not None \
                or rules.gaz.lookup(stem) is not None
            # a place's name names many sites: only one kind of site is one facility
            groups.setdefault(f"{stem}\t{head}" if place else stem, []).append(m)
        elif m.type is EntityType.PLACE and m.key.startswith("place:feature:"):
            features.setdefault(stem, m)
    best: dict[str, Ment] = {}
    for key, ms in groups.items():
        full = max(ms, key=lambda m: (len(m.name.split()), -m.start))  # type: ignore[union-attr]
        # a site's id is its proper name ('facility:azovstal'), so the articles that write
        # 'the Azovstal plant' and 'the Azovstal steel plant' name one node
        fid = full.key if "\t" in key else f"facility:{slug(key)}"
        for m in ms:
            m.key, m.name = fid, full.name
        if "\t" not in key:
            best[key] = full
    best.update({k: v for k, v in features.items() if k not in best})
    if not best:
        return
    for m in ments:
        if m.type not in _RETYPABLE or m.method != "model" or m.entry is not None \
                or m.description is not None:
            continue
        hit = best.get(norm(m.text))
        if hit is not None:
            m.type, m.key, m.name, m.place, m.method = (hit.type, hit.key, hit.name, hit.place,
                                                        "same-name")


def one_entity_per_place_name(ments: list[Ment]) -> None:
    """One name, one entity: the model's Organization mentions of a name that the article
    also names as a place the reference data resolved ('fears in Moldova' ... 'a war against
    Moldova' tagged ORG) join that place; a place no reference data knows ('On Weibo', 'the
    G7 summit') joins the Organization of that name. In place; gazetteer entries and
    institutions keep theirs."""
    known: dict[str, Ment] = {}
    orgs: dict[str, Ment] = {}
    for m in ments:
        if m.type is EntityType.PLACE and m.key and m.place is not None \
                and m.place.kind != "unresolved":
            known.setdefault(norm(m.text), m)
        elif m.type is EntityType.ORGANIZATION and m.key and m.method == "model" \
                and m.entry is None:
            orgs.setdefault(norm(m.text), m)
    for m in ments:
        t = norm(m.text)
        if m.type is EntityType.ORGANIZATION and m.method == "model" and m.entry is None \
                and t in known:
            p = known[t]
            m.type, m.key, m.name, m.place, m.method = p.type, p.key, p.name, p.place, "same-name"
        elif m.type is EntityType.PLACE and m.place is not None and m.place.method == "new" \
                and m.entry is None and t in orgs and t not in known:
            o = orgs[t]
            m.type, m.key, m.name, m.place, m.method = o.type, o.key, o.name, None, "same-name"


def one_organization_per_name(ments: list[Ment]) -> None:
    """'the new head of Roscosmos' ... 'Roscosmos said': the model's one-word Person mentions
    of a name the article shows to be an organization (``entities.HEAD_OF``, or the model's
    own one-word Organization of that name, no given name) join it."""
    heads = {norm(m.text): m for m in ments if m.method == HEAD_OF and m.key}
    # a surname of someone the article names in full is that person's, whatever the model
    # tagged ('Johnson’s government' ORG ... 'Johnson said')
    surnames = {norm((m.name or m.text).split()[-1]) for m in ments
                if m.type is EntityType.PERSON and len((m.name or m.text).split()) > 1}
    for m in ments:  # 'Kestrel’s shares fell' (ORG) ... 'Kestrel said' (PERSON)
        if m.type is EntityType.ORGANIZATION and m.method == "model" and m.key \
                and len(m.text.split()) == 1 and not is_given_name(m.text) \
                and norm(m.text) not in surnames:
            heads.setdefault(norm(m.text), m)
    if not heads:
        return
    for m in ments:
        hit = heads.get(norm(m.text))
        if hit is not None and m.type is EntityType.PERSON and m.method == "model" \
                and m.entry is None and m.description is None and not m.after_title:
            m.type, m.key, m.name, m.method = hit.type, hit.key, hit.name, "same-name"


def join_given_names(ments: list[Ment]) -> None:
    """A bare given name joins the one person named in full before it with that given name."""
    by_given: dict[str, list[tuple[int, str, str]]] = {}
    for m in ments:
        if m.type is EntityType.PERSON and m.key and m.description is None:
            words = (m.name or m.text).split()
            if len(words) >= 2:
                by_given.setdefault(fold_word(words[0]), []).append((m.start, m.key, m.name
                                                                     or m.text))
    if not by_given:
        return
    for m in ments:
        if m.type is not EntityType.PERSON or m.entry is not None or m.description is not None \
                or len(m.text.split()) != 1 or m.key != f"person:{slug(m.text)}" \
                or not is_given_name(m.text):
            continue
        cands = by_given.get(fold_word(m.text), [])
        if len({key for _, key, _ in cands}) != 1 or cands[0][0] > m.start:
            continue  # nobody, or two people of that given name, or named only later
        _, key, name = cands[0]
        m.key, m.name, m.method = key, name, "given-name"


def people_tagged_org(ments: list[Ment], rules: Rules) -> None:
    """Retype name-shaped ORG mentions as Person, in place, before people are resolved."""
    words = rules.types
    not_last = ORG_HEADS | ORG_KIND_NOUNS | _COMPANY_WORDS | words.facility | words.equipment \
        | words.features \
        | rules.title_heads | rules.settlement_words | rules.group_nouns
    for m in ments:
        unknown_place = m.type is EntityType.PLACE and m.place is not None \
            and m.place.kind == "unresolved" and m.place.method == "new"
        if not (m.type is EntityType.ORGANIZATION and m.key is None or unknown_place) \
                or m.entry is not None:
            continue
        toks = m.text.split()  # 'Anne-Marie Trevelyan' is four tokens, two words
        if not 2 <= len(toks) <= 3 or not _NAME_WORD.match(toks[0]) \
                or not _NAME_WORD.match(toks[-1]) \
                or (len(toks) == 3 and not _INITIAL.match(toks[1])):
            continue
        first, last = toks[0], toks[-1]
        if not is_given_name(first.split("-")[0]) or is_given_name(last) \
                or first.lower() in ARTICLE_GIVEN_NAMES \
                or last.lower() in not_last or rules.places.country_code(last) is not None \
                or rules.places.has_city(last) or rules.gaz.lookup(last) is not None:
            continue
        m.type, m.method, m.key, m.name, m.place = EntityType.PERSON, "rule", None, None, None


_PUBLISHING_VERBS = frozenset({"report", "publish", "quote", "cite"})
_TOLD = frozenset({"tell", "to"})


def publishers_typed_person(doc: Doc, ments: list[Ment]) -> None:
    """'…, Politico reports', 'Euromaidan reported': a one-word model Person that is no given
    name, the subject of a publishing verb and otherwise only the one told something ('told
    Politico'), never after a title or honorific, is the publication (Outlet), in place."""
    by_key: dict[str, list[Ment]] = {}
    for m in ments:
        if m.type is EntityType.PERSON and m.key and m.entry is None and m.description is None:
            by_key.setdefault(m.key, []).append(m)
    for ms in by_key.values():
        if any(m.method != "model" or m.end_tok - m.start_tok != 1 or is_given_name(m.text)
               for m in ms):
            continue
        heads = [doc[m.start_tok] for m in ms]
        publishes = [t.dep_ == "nsubj" and t.head.lemma_.lower() in _PUBLISHING_VERBS
                     for t in heads]
        # '… the official told Politico': being told something fits a publication too, once
        # another mention shows it publishing
        told = [t.dep_ in ("dobj", "dative", "pobj") and t.head.lemma_.lower() in _TOLD
                for t in heads]
        if not any(publishes) or not all(p or q for p, q in zip(publishes, told, strict=True)):
            continue
        for m in ms:
            m.type, m.key, m.name, m.method = (EntityType.OUTLET, f"outlet:{slug(m.text)}",
                                               m.text, "publisher")

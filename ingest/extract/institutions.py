"""State institutions qualified by their country.

'The defence ministry' is a different organization in Moscow and in Kyiv. Each Organization
mention whose words, without a country qualifier, are a state institution
(``types.json: state_institutions``) gets the country the text gives, in this order:
- a qualifier in or right before the mention ('Russia's defence ministry', 'the Ukrainian
  military', 'Ministry of Defence of Ukraine', 'UK Ministry of Defence');
- an earlier qualified mention of the same institution in the article;
- the nearest country or nationality word earlier in the same sentence.
The id is the gazetteer's when it knows that country's institution, else
``org:inst:<cc>:<institution>``; an institution no context qualifies stays local to its
article (``org:inst:article:<article>:<institution>``) so that ministries, armed forces and
parliaments of different countries never merge. The resolver never re-maps ``org:inst:`` ids.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.entities import Ment, Rules, demonym_code
from ingest.extract.gazetteer import GazEntry, norm, slug
from ingest.extract.place_context import generic_body_name

INST_PREFIX = "org:inst:"
_OF_RE = re.compile(r"^(?P<inst>.+?) of (?:the )?(?P<ctry>[\w .'-]+)$")


def parse(text: str, rules: Rules) -> tuple[str | None, str] | None:
    """'Russia's defence ministry' -> ('RU', 'defence ministry'); 'the military' ->
    (None, 'armed forces'); 'Azov Battalion' -> None."""
    aliases = rules.types.institution_aliases
    t = norm(text)
    if t in aliases:
        return None, aliases[t]
    words = t.split()
    for i in range(1, min(4, len(words))):  # leading qualifier of up to 3 words
        head, rest = " ".join(words[:i]), " ".join(words[i:])
        if rest in aliases:
            head = head.removesuffix("'s")
            code = rules.places.country_code(head) or demonym_code(rules, head)[1]
            if code:
                return code, aliases[rest]
            return None
    m = _OF_RE.match(t)
    if m and m.group("inst") in aliases:
        code = rules.places.country_code(m.group("ctry"))
        if code:
            return code, aliases[m.group("inst")]
    return None


_GAZ_INDEX: dict[int, dict[tuple[str, str], GazEntry]] = {}


def gazetteer_index(rules: Rules) -> dict[tuple[str, str], GazEntry]:
    """(country, institution) -> the gazetteer entry for it ('UK Ministry of Defence')."""
    idx = _GAZ_INDEX.get(id(rules))
    if idx is None:
        idx = _GAZ_INDEX[id(rules)] = {}
        for entry in rules.gaz.entries:
            if entry.type is not EntityType.ORGANIZATION:
                continue
            for name in (entry.name, *entry.aliases):
                parsed = parse(name, rules)
                if parsed is not None and parsed[0] is not None:
                    idx.setdefault((parsed[0], parsed[1]), entry)
    return idx


_LOWER_WORDS = {"of", "for", "and", "the", "on", "in"}


def _of_country(rules: Rules, code: str) -> str:
    """'Russia', 'the United Kingdom': a country's name after 'of' in a body's full name
    ('Central Bank of Russia', 'Justice Department of the United States')."""
    name = rules.places.countries.get(code, {}).get("name", code)
    plural = name.endswith("s") and not name.endswith(("us", "ss"))
    return f"the {name}" if name.startswith(("United ", "Czech ")) or plural else name


def _qualifier_before(doc: Doc, start_tok: int, rules: Rules) -> str | None:
    """'Russia's | the Russian | Ukraine’s' right before the mention."""
    i = start_tok
    if i > 0 and doc[i - 1].lower_ in ("'s", "’s"):
        return rules.places.country_code(doc[i - 2].text) if i >= 2 else None
    if i > 0:
        return demonym_code(rules, doc[i - 1].text)[1] or rules.places.country_code(
            doc[i - 1].text)
    return None


def _sentence_country(doc: Doc, tok: int, rules: Rules) -> str | None:
    """The nearest country or nationality word earlier in the sentence that qualifies a
    noun ('The US attorney general ... a justice department official'); a country that is
    an object or a possessor of something else ('visited Ukraine', 'Russia’s war crimes')
    does not qualify the institution."""
    sent = doc[tok].sent
    for t in reversed(doc[sent.start : tok]):
        if t.dep_ not in ("compound", "amod", "nmod"):
            continue
        code = demonym_code(rules, t.text)[1] or rules.places.country_code(t.text)
        if code:
            return code
    return None


def qualify(doc: Doc, ments: list[Ment], rules: Rules, article_id: str) -> None:
    """Re-key Organization mentions that are state institutions by their country, in place."""
    idx = gazetteer_index(rules)
    seen: dict[str, str] = {}  # institution -> last country qualified in this article
    for m in ments:
        if m.type is not EntityType.ORGANIZATION:
            continue
        parsed = parse(m.text, rules)
        if parsed is None:
            continue
        code, inst = parsed
        code = code or _qualifier_before(doc, m.start_tok, rules) or seen.get(inst) \
            or _sentence_country(doc, m.start_tok, rules)
        if code is None:
            named = rules.gaz.lookup(m.text)
            if named is not None and named.type is EntityType.ORGANIZATION:
                # a name only one country's institution bears ('State Department' is the
                # gazetteer's US one): no context needed, and never local to the article
                m.key, m.name, m.entry, m.method = named.id, named.name, named, "institution"
                continue
            m.key = f"{INST_PREFIX}article:{slug(article_id)}:{slug(inst)}"
            m.name, m.entry, m.method = m.text.strip(), None, "institution"
            continue
        seen[inst] = code
        entry = idx.get((code, inst))
        if entry is not None:
            m.key, m.name, m.entry, m.method = entry.id, entry.name, entry, "institution"
        else:
            m.key = f"{INST_PREFIX}{code.lower()}:{slug(inst)}"
            # the country's own word for it
            # ('justice department', 'defence ministry'), then the country as in a body's
            # full name: 'Central Bank of Russia', 'Justice Department of the United States'
            written = m.text if parsed[0] \
                else f"{' '.join(m.text.split())} of {_of_country(rules, code)}"
            # 'Army of Ukraine', 'Ministry of Defence': function words stay lower-case
            m.name = " ".join(w if w.lower() in _LOWER_WORDS and i else w[:1].upper() + w[1:]
                              for i, w in enumerate(written.split()))
            m.entry, m.method = None, "institution"


# institutions written in lower case that the model does not tag: an entity only when the
# text qualifies them ('Russia’s central bank', 'the Ukrainian defence ministry') or the
# same institution was qualified earlier ('... the central bank said'). Armed forces, navy,
# government and the like are left to the model and the Group rules (Russian forces).
_SCANNED = frozenset({"defence ministry", "foreign ministry", "interior ministry",
                      "health ministry", "justice ministry", "emergencies ministry",
                      "general staff", "security service", "prosecutor general's office",
                      "central bank", "parliament"})


def find_unnamed(doc: Doc, ments: list[Ment], rules: Rules) -> list[Ment]:
    """Organization mentions for lower-case state institutions the model missed."""
    # 'Ukraine’s prosecutor general said' is a person: an alias ending in a role title is
    # left to the model
    aliases = {tuple(a.split()): inst for a, inst in rules.types.institution_aliases.items()
               if inst in _SCANNED and a.split()[-1] not in rules.title_heads}
    if not aliases:
        return ments
    longest = max(len(a) for a in aliases)
    firsts = {a[0] for a in aliases}
    taken = bytearray(len(doc))
    for m in ments:
        taken[m.start_tok:m.end_tok] = b"\x01" * (m.end_tok - m.start_tok)
    qualified: set[str] = set()
    found: list[Ment] = []
    i = 1
    while i < len(doc):
        hit = None
        if not taken[i] and doc[i].lower_ in firsts and doc[i].is_lower:
            for n in range(min(longest, len(doc) - i), 0, -1):
                words = tuple(t.lower_.replace("’", "'") for t in doc[i:i + n])
                if words in aliases and not any(taken[i:i + n]) \
                        and all(t.is_lower or t.is_punct for t in doc[i:i + n]):
                    hit = (n, aliases[words])
                    break
        if hit is None:
            i += 1
            continue
        n, inst = hit
        code = _qualifier_before(doc, i, rules)
        if code is not None or (doc[i - 1].lower_ == "the" and inst in qualified):
            qualified.add(inst)
            span = doc[i:i + n]
            found.append(Ment(i, i + n, span.start_char, span.end_char, span.text,
                              EntityType.ORGANIZATION, method="rule"))
        i += n
    if not found:
        return ments
    return sorted([*ments, *found], key=lambda m: m.start)


def name_owned_bodies(doc: Doc, ments: list[Ment], rules: Rules) -> None:
    """'Norway’s Security Council', 'Moldova’s Constitutional Court': a body named only by
    common words (no state institution of ``types.json``) that a country owns is named
    '<Name> of <Country>', the way such bodies are called in full, with an institution id
    (``org:inst:<cc>:…``, never re-mapped): without it every country's 'Security Council'
    would be one node. 'Russia’s Gazprom' keeps its name."""
    countries = {m.end_tok: m for m in ments if m.type is EntityType.PLACE
                 and m.place is not None and m.place.kind == "country"}
    for m in ments:
        if m.type is not EntityType.ORGANIZATION or m.entry is not None or not m.key \
                or m.key.startswith(INST_PREFIX) or m.start_tok < 2 \
                or doc[m.start_tok - 1].lower_ not in ("'s", "’s") \
                or m.start_tok - 1 not in countries or not generic_body_name(m.name or "", rules):
            continue
        old, bare, owner = m.key, m.name or m.text, countries[m.start_tok - 1]
        name = f"{bare} of {owner.name}"
        key = f"{INST_PREFIX}{(owner.place.country or '').lower()}:{slug(bare)}"  # type: ignore[union-attr]
        for x in ments:
            if x.key == old:
                x.key, x.name = key, name

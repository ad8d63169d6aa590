"""One group, one entity in an article: 'Syrian opposition forces … opposition forces …
Opposition forces', 'rebel fighters … rebels', 'Syrian regime forces … the Syrian regime'.

The group rules name each phrase as written, so one collective became several Group
entities. A group whose words (singular, lower case) are all words of a longer group named
in the same article is that group, when the longer candidates are themselves one chain
('regime' ⊂ 'Syrian regime' ⊂ 'Syrian regime forces'); two different groups that both
contain it ('Russian forces', 'Ukrainian forces' for a bare 'forces') join neither."""

from __future__ import annotations

from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.entity_rules import Ment, Rules


def _words(name: str) -> frozenset[str]:
    out = set()
    for w in name.lower().replace("’", "'").split():
        w = w.removesuffix("'s").strip("'")
        if w in ("the", "a", "an"):
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return frozenset(out)


def one_group_per_name(ments: list[Ment]) -> None:
    groups: dict[str, frozenset[str]] = {}
    names: dict[str, str] = {}
    for m in ments:
        if m.type is EntityType.GROUP and m.key and m.key not in groups:
            groups[m.key] = _words(m.name or m.text)
            names[m.key] = m.name or m.text
    target: dict[str, str] = {}
    for key, words in groups.items():
        supers = [k for k, w in groups.items() if k != key and words < w]
        if not supers:
            continue
        top = max(supers, key=lambda k: len(groups[k]))
        if all(groups[k] <= groups[top] for k in supers):
            target[key] = top
    for m in ments:
        if m.type is EntityType.GROUP and m.key in target:
            top = target[m.key]
            while top in target:
                top = target[top]
            m.key, m.name = top, names[top]


def surname_regimes(doc: Doc, rules: Rules) -> list[int]:
    """Token indices of '<Surname> regime' where the surname alone is a gazetteer person's:
    'the Assad regime' names a government by its leader, not the man ('the Bashar al-Assad
    regime' -- part of a longer name -- still names him)."""
    out = []
    for i in range(1, len(doc) - 1):
        if doc[i + 1].lower_ != "regime" or " " in doc[i].text \
                or doc[i - 1].text[:1].isupper() or doc[i - 1].text == "-" \
                or doc[i].ent_iob_ == "I":
            continue
        entry = rules.gaz.lookup(doc[i].text)
        if entry is not None and entry.type is EntityType.PERSON:
            out.append(i)
    return out

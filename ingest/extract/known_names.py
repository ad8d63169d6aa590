"""Full names learned from the corpus, for articles that give a person's surname only.

American and British papers often name someone only as 'Mr. Bout' or 'Ms. Griner' in a
follow-up story, while the corpus names them in full elsewhere. ``scripts/build_names.py``
counts, over a corpus, in how many articles each '<Given> [<Initial>.] <Surname>' occurs
(the given name from the ``gender-guesser`` dictionary; surnames that are places, countries
or given names themselves are left out) and keeps a surname when one given name (equal
after transliteration folding) covers at least ``SHARE`` of its articles and at least
``MIN_ARTICLES`` of them. The table is versioned data (``ingest/data/names_learned.json``):
rerun the script on a bigger corpus and bump ``EXTRACTOR_VERSION``.

At extraction a one-word Person that joined nobody in its article (no full name there, no
gazetteer entry) is named by the table's full name, the written surname staying an alias --
unless an honorific's gender contradicts the given name's ('Ms.' before a man's name).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from graph.models import EntityType
from ingest.extract.entities import Ment, Rules
from ingest.extract.gazetteer import DATA_DIR, Gazetteer, slug
from ingest.extract.names import fold_word, is_given_name, person_gender

MIN_ARTICLES = 3
SHARE = 0.9
_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_FULL_RE = re.compile(rf"\b({_WORD}) (?:[A-Z]\. )?({_WORD})\b")
_NOT_SURNAMES = STOP_WORDS | {"monday", "tuesday", "wednesday", "thursday", "friday",
                              "saturday", "sunday", "province", "city", "street"}
_HONORIFIC_RE = re.compile(r"^(mr|mrs|ms|miss|dr|gen|general|sir|dame)\.?$", re.I)


def learn(texts: Iterable[str], is_place: object = None,
          gazetteer: Gazetteer | None = None) -> dict[str, str]:
    """Surname -> full name from raw article texts (see the module doc)."""
    seen: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    spelling: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for i, text in enumerate(texts):
        for m in _FULL_RE.finditer(text):
            given, surname = m.group(1), m.group(2)
            if not is_given_name(given) or is_given_name(surname) or len(surname) < 3 \
                    or given.lower() in STOP_WORDS or surname.lower() in _NOT_SURNAMES:
                continue  # 'The Office', 'On Monday', 'Read Also'
            if gazetteer is not None and (entry := gazetteer.lookup(m.group(0))) is not None \
                    and entry.type is not EntityType.PERSON:
                continue  # 'Al Qaeda'

            if callable(is_place) and is_place(surname):
                continue
            key = fold_word(given)
            seen[surname][key].add(i)
            spelling[(surname, key)][f"{given} {surname}"] += 1
    out: dict[str, str] = {}
    for surname, by_given in seen.items():
        total = sum(len(a) for a in by_given.values())
        key, arts = max(by_given.items(), key=lambda kv: (len(kv[1]), kv[0]))
        if len(arts) >= MIN_ARTICLES and len(arts) >= SHARE * total:
            out[surname] = spelling[(surname, key)].most_common(1)[0][0]
    return dict(sorted(out.items()))


@lru_cache(maxsize=1)
def learned_names() -> dict[str, str]:
    path = DATA_DIR / "names_learned.json"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return dict(json.load(fh)["names"])


def name_lone_surnames(doc: Doc, ments: list[Ment], rules: Rules) -> None:
    """A bare surname that joined nobody gets the corpus' full name, in place."""
    table = learned_names()
    if not table:
        return
    taken = {m.key for m in ments if m.type is EntityType.PERSON and m.key
             and len((m.name or m.text).split()) >= 2}
    for m in ments:
        if m.type is not EntityType.PERSON or m.entry is not None or m.description is not None:
            continue
        words = m.text.split()
        surname = words[-1]
        if len(words) > 2 or (len(words) == 2 and not _HONORIFIC_RE.match(words[0])) \
                or m.key != f"person:{slug(surname)}" and m.key != f"person:{slug(m.text)}":
            continue
        full = table.get(surname)
        if full is None or f"person:{slug(full)}" in taken:
            continue
        prev = doc[m.start_tok - 1].text if m.start_tok > 0 else ""
        written = f"{prev} {m.text}" if _HONORIFIC_RE.match(prev) else m.text
        said, learned = person_gender(written), person_gender(full)
        if said and learned and said != learned:
            continue
        entry = rules.gaz.lookup(full)
        if entry is not None and entry.type is EntityType.PERSON:
            m.key, m.name, m.entry, m.method = entry.id, entry.name, entry, "corpus-name"
        elif entry is None:
            m.key, m.name, m.method = f"person:{slug(full)}", full, "corpus-name"

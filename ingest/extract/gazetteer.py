"""Versioned word lists and gazetteers (``ingest/data/*.json|tsv``), loaded once and cached.

Everything the rules need to know about the world lives in data files so that adding a
spelling variant or a new person is a one-line data change, not a code change.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from graph.models import EntityType

DATA_DIR = Path(str(resources.files("ingest") / "data"))

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_SLUG_RE = re.compile(r"[^a-z0-9]+")


def norm(text: str) -> str:
    """Lookup key: case-folded, curly quotes straightened, a leading 'the' and a trailing
    possessive dropped, whitespace collapsed (so 'the Kremlin’s' finds 'Kremlin')."""
    t = " ".join(text.translate(_APOS).split()).casefold()
    if t.startswith("the "):
        t = t[4:]
    if t.endswith("'s"):
        t = t[:-2]
    return t.strip(" .,;:\"'")


# An initialism written with full stops ('W.N.B.A.', 'U.N.') is the same name as without them:
# its letters join, so both spellings give one id instead of 'w-n-b-a' and 'wnba'.
_DOTTED_INITIALS = re.compile(r"(?<![\w.])((?:[^\W\d_]\.){2,})")


def slug(text: str) -> str:
    """ASCII slug for deterministic ids ('Volodymyr Zelensky' -> 'volodymyr-zelensky')."""
    text = _DOTTED_INITIALS.sub(lambda m: m.group(1).replace(".", "") + " ", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_RE.sub("-", norm(ascii_text)).strip("-") or "x"


@dataclass(frozen=True)
class GazEntry:
    id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...] = ()
    geonames: str | None = None  # places: name to look up in GeoNames
    country: str | None = None  # places: ISO country code hint


@dataclass
class Gazetteer:
    version: str
    entries: list[GazEntry]
    by_alias: dict[str, GazEntry] = field(default_factory=dict)
    by_description: dict[str, list[GazEntry]] = field(default_factory=dict)
    lexicon: dict[str, Any] = field(default_factory=dict)

    def lookup(self, text: str) -> GazEntry | None:
        return self.by_alias.get(norm(text))

    def words(self, key: str) -> frozenset[str]:
        return frozenset(self.lexicon.get(key, ()))


# Aliases too ambiguous to pre-tag with the EntityRuler (they still resolve once spaCy has
# tagged them with a compatible label): 'IS' is a verb, 'AP'/'RT' are abbreviations, etc.
_NO_RULER = {"IS", "AP", "RT", "RIA", "Johnson", "Wagner", "Dara", "Duma", "UN", "EU", "Nusra",
             "Observatory", "Guardian", "Sputnik", "Grossi", "Austin", "Rostov"}


def _read_json(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    ents = _read_json("entities.json")
    places = _read_json("places.json")
    lexicon = _read_json("lexicon.json")
    entries: list[GazEntry] = []
    for e in ents["entities"]:
        entries.append(GazEntry(e["id"], EntityType(e["type"]), e["name"], tuple(e["aliases"]),
                                tuple(e.get("descriptions", ()))))
    for p in places["places"]:
        # Place ids are decided by the GeoNames lookup (places.py); this id is provisional.
        entries.append(GazEntry("gaz:" + slug(p["name"]), EntityType.PLACE, p["name"],
                                tuple(p["aliases"]), (), p.get("geonames"), p.get("country")))
    gaz = Gazetteer(
        version=f"entities={ents['version']};places={places['version']};"
        f"lexicon={lexicon['version']}",
        entries=entries,
        lexicon=lexicon,
    )
    for entry in entries:
        for alias in (entry.name, *entry.aliases):
            gaz.by_alias.setdefault(norm(alias), entry)
        for d in entry.descriptions:
            gaz.by_description.setdefault(norm(d), []).append(entry)
    return gaz


_SPACY_LABEL = {
    EntityType.PERSON: "PERSON",
    EntityType.ORGANIZATION: "ORG",
    EntityType.OUTLET: "ORG",
    EntityType.PLACE: "GPE",
    EntityType.GROUP: "NORP",
}


def ruler_patterns(gaz: Gazetteer) -> list[dict[str, Any]]:
    """EntityRuler phrase patterns (exact spelling) for every unambiguous name and alias.

    The ``id`` is the gazetteer key so that post-processing can tell a ruler hit from a model
    prediction without a second lookup."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in gaz.entries:
        for alias in (entry.name, *entry.aliases):
            if alias in _NO_RULER or alias.lower().startswith("the ") or alias in seen:
                continue
            seen.add(alias)
            out.append({"label": _SPACY_LABEL[entry.type], "pattern": alias, "id": entry.id})
    return out


@dataclass(frozen=True)
class Admin1:
    country: str
    code: str
    name: str
    aliases: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.country}.{self.code}"


@lru_cache(maxsize=1)
def load_admin1() -> tuple[str, list[Admin1]]:
    version = "?"
    rows: list[Admin1] = []
    for line in (DATA_DIR / "admin1.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# version:"):
            version = line.split(":", 1)[1].strip()
        if not line.strip() or line.startswith("#") or line.startswith("country\t"):
            continue
        country, code, name, aliases = line.split("\t")
        rows.append(Admin1(country, code, name, tuple(a for a in aliases.split("|") if a)))
    return version, rows

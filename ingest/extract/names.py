"""Person-name reference data and transliteration-aware name keys.

- Given names come from the first-names dictionary shipped by the ``gender-guesser`` package
  (about 45,000 names with per-country frequencies, Eastern European and Arabic names
  included): a given name is person evidence, and a token that is a given name is never
  geocoded without place evidence ('Natalia' is not a town in Brazil).
- ``translit_key`` folds the spellings one name gets in English news (Zelensky, Zelenskyy,
  Zelenskiy, Зеленський; Shoigu, Shoygu) onto one key: script transliteration by
  ``normality`` (ICU), then a phonetic-ish fold of the endings and letters that English,
  Ukrainian and Russian romanisations disagree on.

Both are loaded lazily (first use) and kept compact: a frozenset of casefolded names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from normality import ascii_text

# Romanisation variants, applied in order to an ASCII, lower-case word. Each rule folds a
# *class* of spellings (Library of Congress, BGN/PCGN, Ukrainian national, French/German
# press forms), not a particular name.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"'", ""),  # soft sign: Zelens'kyj
        (r"(iy|yy|ij|yj|ii|ey|ej|ei|y)$", "i"),  # -skyy/-skiy/-skij/-sky -> -ski; Sergey
        (r"kh", "h"),  # Kharkiv / Harkiv
        (r"zh", "z"),  # Zhytomyr / Zitomir
        (r"j", "i"),  # ICU renders й as j: Šojgu -> soigu
        (r"(shch|tsch|tch|sch|sh|ch)", "s"),
        (r"h", "g"),  # Ukrainian г is h, Russian g: Oleh / Oleg, Syniehubov / Sinegubov
        (r"(ts|tz|cz)", "c"),
        (r"w", "v"),  # Zelenskij (de) / Zelensky
        (r"(ya|ia|ja)", "a"),
        (r"(yu|iu|ju)", "u"),
        (r"(ye|ie|je|ey)", "e"),
        (r"(yo|io|jo)", "o"),
        (r"y", "i"),  # Shoygu / Shoigu, Dmytro / Dmitro
        (r"([a-z])\1+", r"\1"),  # doubled letters: Zelenskyy, Medvedev
        (r"(ii|iy)", "i"),
    )
)


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    w = ascii_text(word).lower()
    w = re.sub(r"[^a-z']", "", w)
    for pat, rep in _FOLDS:
        w = pat.sub(rep, w)
    return w


def translit_key(name: str) -> str:
    """'Volodymyr Zelenskyy' and 'Володимир Зеленський' -> one key (space-joined words)."""
    return " ".join(fold_word(w) for w in re.split(r"[\s\-]+", name) if fold_word(w))


MIN_FREQUENCY = 2


@lru_cache(maxsize=1)
def _name_dictionary() -> tuple[frozenset[str], dict[str, str]]:
    """One pass over gender-guesser's ``nam_dict.txt`` (format: gender code, name, per-country
    frequency columns; '=' lines are equivalences and skipped): the casefolded given names,
    and given name -> 'm'/'f' where the dictionary is firm (codes M/1M and F/1F; '?', '?M' and
    '?F' names are used for both and give nothing)."""
    path = resources.files("gender_guesser") / "data" / "nam_dict.txt"
    names: set[str] = set()
    genders: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line or line[0] in "#=" or len(line) < 30:
                continue
            code, name = line[:2].strip(), line[3:29].strip()
            if not name or "+" in name or " " in name:
                continue
            keys = (name.casefold(), fold_word(name))
            # per-country frequency columns: hex digits 1 (rare) .. D (very common); a name
            # seen only as 'rare' everywhere (Lyman, Odessa, London) is no person evidence
            freq = max((int(c, 16) for c in line[30:] if c in "123456789ABCDabcd"), default=0)
            if freq >= MIN_FREQUENCY:
                names.update(keys)
            g = {"M": "m", "1M": "m", "F": "f", "1F": "f"}.get(code)
            if g is not None:
                for key in keys:
                    # a spelling listed with both genders (folded forms collide) gives nothing
                    genders[key] = g if genders.get(key, g) == g else "?"
    return frozenset(names), {k: v for k, v in genders.items() if v != "?"}


def given_names() -> frozenset[str]:
    return _name_dictionary()[0]


def _name_genders() -> dict[str, str]:
    return _name_dictionary()[1]


_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def person_gender(text: str) -> str | None:
    """'m', 'f' or None for a person's name as written: an honorific decides ('Ms. Hameliak'),
    else the first given name when the dictionary is firm about it."""
    words = [w for w in re.split(r"[\s]+", text.strip()) if w]
    if not words:
        return None
    first = words[0].rstrip(".").casefold()
    if first in _HONORIFIC_GENDER:
        return _HONORIFIC_GENDER[first]
    if len(words) < 2:
        return None  # a bare surname says nothing about gender
    return _name_genders().get(first) or _name_genders().get(fold_word(first))


def is_given_name(token: str) -> bool:
    return len(token) > 1 and (token.casefold() in given_names()
                               or fold_word(token) in given_names())


def given_names_compatible(a: str, b: str) -> bool:
    """Two given names (or initials) that may denote the same person: equal after folding,
    one an initial of the other, or one absent."""
    if not a or not b:
        return True
    fa, fb = fold_word(a.rstrip(".")), fold_word(b.rstrip("."))
    if len(fa) == 1 or len(fb) == 1:
        return fa[:1] == fb[:1]
    return fa == fb


_INITIAL_WORD = re.compile(r"^[A-Z]\.?$")


def drop_initials(name: str) -> str:
    """'Sergey V. Lavrov' -> 'Sergey Lavrov', 'Janet L. Yellen' -> 'Janet Yellen': middle
    initials (American press style) are not part of the name a reference list holds."""
    words = name.split()
    if len(words) < 3:
        return name
    kept = [words[0], *(w for w in words[1:-1] if not _INITIAL_WORD.match(w)), words[-1]]
    return " ".join(kept)

"""Repeat keys: what lets the graph find a claim's repeats in other articles (a wire copy, a
reprint, a live blog's next update) with an index seek instead of reading the speaker's claims.

Each claim of a named speaker gets a few keys, all prefixed by the speaker's entity id, so only
the same speaker's claims can ever share one:

- an exact key: a hash of the content's words (lowercased, punctuation dropped);
- MinHash band keys over the content's word set (stop words dropped): ``BANDS`` bands of
  ``ROWS`` min-hashes each. Two claims share a band with probability 1 - (1 - J^ROWS)^BANDS
  for a Jaccard similarity J of their content words: 0.999 at J = 0.8, 0.91 at 0.6, 0.74 at
  0.5, but 0.08 at 0.2 and 0.01 at 0.1, so a speaker's unrelated claims rarely collide.

A key only proposes candidates; ``same_words`` (the rule of the in-article fold,
ingest/extract/claim_forms.py) decides. Anonymous speakers get no keys: "a U.S. official" in
two articles is not known to be the same person. Pure Python, no spaCy: the graph writer calls
it with the speaker id the resolver settled on, and ``kg migrate`` with the stored one.
"""

from __future__ import annotations

import hashlib
import re

BANDS = 10
ROWS = 3
MIN_EXACT_WORDS = 5  # "we will win" in two articles is a slogan, not one reported claim
MIN_BAND_WORDS = 4  # content words a band key needs (shorter contents: the exact key only)
_PRIME = (1 << 61) - 1
# Fixed (a, b) pairs of the universal hashes: keys must be the same in every process and run.
_COEFS = [
    (int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest(), "big") | 1,
     int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest(), "big"))
    for i in range(BANDS * ROWS)
]
_STOP_WORDS = """
    a an the and or but if of to in on at by for from with as is are was were be been
    being it its this that these those he she they we you i his her their our your my me
    him them us not no so than then there here have has had do does did will would shall
    should can could may might must said says say told about into over after before also
    which who whom what when where while just very more most
"""
_STOP = frozenset(_STOP_WORDS.split())


def words(content: str) -> list[str]:
    return re.findall(r"\w+", content.lower())


def same_words(a: list[str], b: list[str]) -> bool:
    """The in-article fold's rule for a near repeat (claim_forms._near_repeat): ≥ 75 % of the
    shorter's words (at least 8) are in the longer, and the shorter is at least 60 % of the
    longer; or the same words, at least ``MIN_EXACT_WORDS`` of them."""
    if a == b:
        return len(a) >= MIN_EXACT_WORDS
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 8 or len(short) < 0.6 * len(long_):
        return False
    common = sum(min(short.count(w), long_.count(w)) for w in set(short))
    return common >= 0.75 * len(short)


def _h64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def repeat_keys(speaker_id: str, content: str, *, anonymous: bool = False) -> list[str]:
    """The claim's repeat keys (empty for an anonymous speaker or an empty content)."""
    ws = words(content)
    if anonymous or not speaker_id or len(ws) < MIN_EXACT_WORDS:
        return []
    exact = hashlib.blake2b(" ".join(ws).encode(), digest_size=10).hexdigest()
    keys = [f"{speaker_id}|x|{exact}"]
    content_words = {w for w in ws if w not in _STOP}
    if len(ws) >= 8 and len(content_words) >= MIN_BAND_WORDS:
        hashed = [_h64(w) for w in content_words]
        mins = [min((a * x + b) % _PRIME for x in hashed) for a, b in _COEFS]
        for band in range(BANDS):
            part = mins[band * ROWS:(band + 1) * ROWS]
            digest = hashlib.blake2b(repr(part).encode(), digest_size=8).hexdigest()
            keys.append(f"{speaker_id}|b{band}|{digest}")
    return keys

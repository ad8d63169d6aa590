"""Article identity across worker processes: exact duplicates and near-duplicates.

- Exact duplicates share ``content_hash`` (normalized text). The graph is asked first (indexed
  ``Article.content_hash``); the index below catches copies that are in flight in another worker.
- Near-duplicates (a wire story republished by several outlets) are found with MinHash over word
  4-shingles and LSH banding (16 bands x 8 rows: candidates from Jaccard ~0.7), then confirmed
  when the estimated Jaccard is >= ``NEAR_DUP_THRESHOLD``.

The index is a small SQLite file next to the queue file, shared by every worker on the host;
each decision happens inside one ``BEGIN IMMEDIATE`` transaction, so two workers handling two
copies of the same story at once cannot both become "the original". The index remembers which
graph it describes (the schema migration's timestamp): when the graph is wiped and migrated
again, the index empties itself instead of pointing at articles that are gone.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from graph.models import ArticleStatus, StoredArticle

NEAR_DUP_THRESHOLD = 0.8
NUM_PERM, BANDS, ROWS = 128, 16, 8
_WORD = re.compile(r"\w+", re.UNICODE)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS hashes (content_hash TEXT PRIMARY KEY, article_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sigs (article_id TEXT PRIMARY KEY, sig BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS bands (band TEXT NOT NULL, article_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS bands_band ON bands (band);
"""


def signature(text: str) -> np.ndarray:
    from datasketch import MinHash

    words = [w.casefold() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i:i + 4]) for i in range(max(1, len(words) - 3))}
    mh = MinHash(num_perm=NUM_PERM, seed=17)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh.hashvalues.astype(np.uint64)


def band_keys(sig: np.ndarray) -> list[str]:
    return [f"{b}:" + hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(),
                                      digest_size=8).hexdigest() for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


class DedupIndex:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves.
        self.db = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    def _sync_epoch(self, epoch: str) -> None:
        row = self.db.execute("SELECT v FROM meta WHERE k = 'epoch'").fetchone()
        if row is None or row[0] != epoch:
            for table in ("hashes", "sigs", "bands"):
                self.db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('epoch', ?)", (epoch,))

    def assign(self, articles: Sequence[StoredArticle], epoch: str) -> None:
        """Mark exact and near duplicates among ``articles`` (status OK ones), in place, and
        register the originals so later articles, in any worker, find them."""
        todo = [a for a in articles if a.status is ArticleStatus.OK]
        sigs = {a.id: signature(a.text) for a in todo}  # outside the lock: the costly part
        t0 = time.monotonic()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._sync_epoch(epoch)
            for art in todo:
                self._assign_one(art, sigs[art.id])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.lock_seconds = time.monotonic() - t0

    def _assign_one(self, art: StoredArticle, sig: np.ndarray) -> None:
        row = self.db.execute("SELECT article_id FROM hashes WHERE content_hash = ?",
                              (art.content_hash,)).fetchone()
        if row and row[0] != art.id:
            art.status, art.duplicate_of, art.similarity = ArticleStatus.DUPLICATE, row[0], 1.0
            art.error = f"same text as article {row[0]}"
            return
        keys = band_keys(sig)
        marks = ",".join("?" * len(keys))
        cands = [r[0] for r in self.db.execute(
            f"SELECT DISTINCT article_id FROM bands WHERE band IN ({marks})",  # noqa: S608
            keys) if r[0] != art.id]
        best, best_sim = None, 0.0
        for cand in cands:
            got = self.db.execute("SELECT sig FROM sigs WHERE article_id = ?", (cand,)).fetchone()
            if got:
                sim = similarity(sig, np.frombuffer(got[0], dtype=np.uint64))
                if sim > best_sim or (sim == best_sim and best is not None and cand < best):
                    best, best_sim = cand, sim
        self.db.execute("INSERT OR IGNORE INTO hashes VALUES (?, ?)", (art.content_hash, art.id))
        if best is not None and best_sim >= NEAR_DUP_THRESHOLD:
            art.status, art.duplicate_of = ArticleStatus.NEAR_DUPLICATE, best
            art.similarity = round(best_sim, 3)
            return
        if self.db.execute("SELECT 1 FROM sigs WHERE article_id = ?", (art.id,)).fetchone():
            return  # already registered (a retried job)
        self.db.execute("INSERT INTO sigs VALUES (?, ?)", (art.id, sig.tobytes()))
        self.db.executemany("INSERT INTO bands VALUES (?, ?)", [(k, art.id) for k in keys])

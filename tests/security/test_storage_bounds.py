"""Bounded storage (issue 14, findings 5 and 6): done payloads leave the queue and the file
shrinks back; directory ingest does not follow a symlink out of the given root."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ingest.queue import SqliteJobQueue
from ingest.sources import read_targets


def test_done_payloads_are_purged_and_the_queue_file_compacted(tmp_path: Path) -> None:
    path = tmp_path / "queue.sqlite3"
    q = SqliteJobQueue(path)
    try:
        text = "word " * 40_000  # 200 kB per article
        for n in range(40):
            q.put([{"id": f"a{n}", "text": text}])
        before = path.stat().st_size + path.with_name(path.name + "-wal").stat().st_size
        assert before > 8_000_000
        while (job := q.take(timeout=0)) is not None:
            q.ack(job)
        assert q.counts() == {"queued": 0, "running": 0, "done": 40, "failed": 0}
        sizes = q.compact()
        table = q.table
    finally:
        q.close()
    assert sizes["wal_bytes"] == 0 and sizes["db_bytes"] < 500_000, sizes
    db = sqlite3.connect(path)
    rows = db.execute(f"SELECT data FROM {table}").fetchall()  # noqa: S608
    db.close()
    assert len(rows) == 40  # the job records stay
    assert all(b"word" not in bytes(r[0]) and b'"purged_items": 1' in bytes(r[0]) for r in rows)


def test_directory_ingest_does_not_follow_links_out_of_the_root(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\n")
    (outside / "dir").mkdir()
    (outside / "dir" / "secret.txt").write_text("secret file behind a linked directory\n")
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "story.txt").write_text("A story about a ceasefire that held for a week.\n")
    (inbox / "sub" / "inner.txt").write_text("An inner story about aid convoys.\n")
    (inbox / "passwd.txt").symlink_to(outside / "passwd")
    (inbox / "linked-dir").symlink_to(outside / "dir", target_is_directory=True)
    (inbox / "inner-link.txt").symlink_to(inbox / "sub" / "inner.txt")  # stays inside: fine
    subs = list(read_targets([str(inbox)], client=None, max_bytes=1000))  # type: ignore[arg-type]
    texts = [s.text for s in subs]
    assert "root:x:0:0" not in "".join(texts) and "secret file" not in "".join(texts)
    refused = [s for s in subs if s.status is not None]
    assert len(refused) == 2 and all("leads out of" in (s.error or "") for s in refused)
    assert sorted(t for t in texts if t) == sorted(
        ["A story about a ceasefire that held for a week.\n",
         "An inner story about aid convoys.\n", "An inner story about aid convoys.\n"])

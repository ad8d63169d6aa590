"""The analysts' query sandbox (graph/query_sandbox.py) keeps a child that answered in time for
the next query, survives a failed query, and kills a child that passed its deadline."""

from __future__ import annotations

import os

import pytest

from graph import query_sandbox
from graph.errors import KGError, QueryRefused
from graph.reads.query import Sandbox
from graph.settings import Settings

SLOW = "UNWIND range(1, 300000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n"


def _run(settings: Settings, cypher: str, timeout_s: float = 20) -> list[dict]:
    sb = Sandbox.from_settings(settings)
    rows, _ = query_sandbox.run_in_child(
        sb.uri, sb.auth, settings.neo4j_database, cypher, {}, timeout_s=timeout_s,
        row_limit=10, max_bytes=sb.max_bytes, memory_bytes=sb.memory_bytes)
    return rows


def _idle_pids() -> set[int]:
    return {box.proc.pid for box in query_sandbox._idle}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_child_is_kept_reused_and_survives_a_failed_query(settings: Settings, graph: object):
    assert _run(settings, "RETURN 1 AS x") == [{"x": 1}]
    kept = _idle_pids()
    assert kept
    assert _run(settings, "RETURN 2 AS x") == [{"x": 2}]
    assert _idle_pids() == kept  # the same process answered
    with pytest.raises(KGError):
        _run(settings, "RETURN 1 / 0 AS x")
    assert _run(settings, "RETURN 3 AS x") == [{"x": 3}]
    assert _idle_pids() == kept


def test_a_child_past_its_deadline_is_killed_not_kept(settings: Settings, graph: object,
                                                      monkeypatch: pytest.MonkeyPatch):
    _run(settings, "RETURN 1 AS x")
    before = _idle_pids()
    # The parent stops waiting long before the server's own timeout ends the query.
    monkeypatch.setattr(query_sandbox, "GRACE_S", -4.8)
    with pytest.raises(QueryRefused, match="time limit"):
        _run(settings, SLOW, timeout_s=5)
    monkeypatch.undo()
    killed = before - _idle_pids()
    assert killed and not any(_alive(pid) for pid in killed)
    assert _run(settings, "RETURN 4 AS x") == [{"x": 4}]

"""The open guard catches reads outside the repository, however they are spelled, in this
process and in Python subprocesses, and lets the repository, temp and caches through."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, GUARD, REPO, SEED
from tests.guard import open_guard

# A sibling of the repository: exactly what a clone with nothing beside it does not have.
OUTSIDE = REPO.parent / "shared" / "corpus" / "news_corpus.jsonl"


def _try_open(path: object) -> None:
    # Missing or refused: the guard records the attempt either way.
    with contextlib.suppress(OSError):
        open(path, "rb").close()  # noqa: PTH123 - the builtin is what is being guarded


def test_reading_a_sibling_of_the_repository_is_caught() -> None:
    with GUARD.capture() as got:
        _try_open(OUTSIDE)
    assert [e["path"] for e in got] == [os.path.realpath(OUTSIDE)]
    assert got[0]["event"] == "open" and "test_reading_a_sibling" in got[0]["test"]


def test_relative_bytes_fd_and_listing_spellings_are_caught(tmp_path: Path) -> None:
    rel = os.path.relpath(OUTSIDE, os.getcwd())
    with GUARD.capture() as got:
        _try_open(rel)  # "../shared/..." against the current directory
        _try_open(os.fsencode(OUTSIDE))
        with contextlib.suppress(OSError):
            os.close(os.open(OUTSIDE, os.O_RDONLY))
        with contextlib.suppress(OSError):
            os.listdir(REPO.parent)
    assert [e["event"] for e in got] == ["open", "open", "open", "os.listdir"]
    assert {e["path"] for e in got} == {os.path.realpath(OUTSIDE), os.path.realpath(REPO.parent)}


def test_a_symlink_in_temp_pointing_outside_is_caught(tmp_path: Path) -> None:
    link = tmp_path / "innocent.jsonl"
    link.symlink_to(OUTSIDE)
    with GUARD.capture() as got:
        _try_open(link)
    assert [e["path"] for e in got] == [os.path.realpath(OUTSIDE)]


def test_repository_temp_and_system_files_pass(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("x")
    with GUARD.capture() as got:
        for path in (SEED, CORPUS, tmp_path / "mine.txt", "/etc/hostname", sys.executable):
            _try_open(path)
    assert got == []


def test_a_sibling_stays_refused_when_the_repository_lives_in_temp(tmp_path: Path) -> None:
    # /tmp/alone/main beside /tmp/alone/shared: /tmp is allowed, the sibling is not.
    repo, tmp = tmp_path / "alone" / "main", str(tmp_path)
    guard = open_guard.OpenGuard(str(repo), [], tmp, None)
    assert guard.outside(repo / "tests" / "x") is None
    assert guard.outside(tmp_path / "elsewhere" / "x") is None
    assert guard.outside(repo.parent / "shared" / "corpus.jsonl") is not None
    assert guard.outside(repo / ".." / "shared") is not None
    # A repository right in the temp directory still lets tests use temp files.
    flat = open_guard.OpenGuard(str(tmp_path / "main"), [], tmp, None)
    assert flat.outside(tmp_path / "tmpabc" / "x") is None
    assert flat.outside("/work/elsewhere/x") is not None


def test_a_python_subprocess_is_guarded_too(tmp_path: Path) -> None:
    # The child finds the guard through sitecustomize on PYTHONPATH; its log is private here so
    # that this deliberate violation does not fail the session.
    log = tmp_path / "child.jsonl"
    cfg = {**GUARD.config(), "log": str(log)}
    env = dict(os.environ, **{open_guard.ENV_CONFIG: json.dumps(cfg)})
    code = f"import os\ntry:\n    open({str(OUTSIDE)!r})\nexcept OSError:\n    pass\n"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    entries, _ = open_guard.read_log(log)
    assert [e["path"] for e in entries] == [os.path.realpath(OUTSIDE)]


def test_a_subprocess_argument_naming_an_outside_file_is_caught() -> None:
    with GUARD.capture() as got:
        subprocess.run(["true", str(REPO.parent)], check=True)
    assert [e["event"] for e in got] == ["subprocess.Popen"]


@pytest.mark.parametrize("path", [CORPUS, SEED])
def test_test_data_lives_in_the_repository(path: Path) -> None:
    assert path.is_file() and path.resolve().is_relative_to(REPO)

"""A guard against tests that read outside the repository (issue 15).

A clone with nothing beside it must pass the suite, so no test may depend on ``../shared`` or any
other file outside the repository. An audit hook (``sys.addaudithook``) sees every ``open`` (the
builtin, ``io.open``, ``os.open``), directory listings, SQLite files and the path arguments of
subprocesses. Each path is resolved first (``os.path.realpath``: relative paths against the
current directory, ``..`` and symlinks followed), so a symlink in ``/tmp`` or a relative
``../shared`` cannot slip through. Allowed: the repository, the Python installation and venv,
the project's cache (``~/.cache/conflict-kg``, Neo4j lives there), the browser's cache, the temp
directory and pytest's base temp (but never a sibling of the repository, even when the
repository sits in a directory under it), and system directories. Python subprocesses
inherit the guard through ``sitecustomize`` on PYTHONPATH; every process appends what it
catches to one log file, which conftest turns into a failure of the test that did it and of the
session.

Stdlib only: this module is imported by ``sitecustomize`` before anything else.
"""

from __future__ import annotations

import json
import os
import site
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_CONFIG = "KG_OPEN_GUARD"  # JSON {"repo", "allow": [...], "tmp", "log"} set by conftest
SYSTEM_DIRS = ("/usr", "/etc", "/proc", "/sys", "/dev", "/lib", "/lib64", "/bin", "/sbin",
               "/run", "/var/tmp", "/var/lib/dpkg")
_PATH_EVENTS = {"open": 0, "os.listdir": 0, "os.scandir": 0, "sqlite3.connect": 0,
                "shutil.copyfile": 0, "os.chdir": 0}


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def default_allowed(repo: Path) -> list[str]:
    home = Path.home()
    roots = [sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages(),
             os.environ.get("KG_HOME") or str(home / ".cache" / "conflict-kg"),
             os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(home / ".cache" / "ms-playwright"),
             *SYSTEM_DIRS]
    return sorted({os.path.realpath(r) for r in roots if r})


class OpenGuard:
    def __init__(self, repo: str, allow: list[str], tmp: str, log: str | None) -> None:
        self.repo = os.path.realpath(repo)
        self.beside = os.path.dirname(self.repo)  # siblings of the repository are the point
        self.allow = [os.path.realpath(a) for a in allow]
        self.tmp = os.path.realpath(tmp)
        self.log = log
        self.captured: list[dict[str, str]] | None = None

    def outside(self, raw: object) -> str | None:
        """The resolved path if ``raw`` names a place a test may not read, else None."""
        if isinstance(raw, int) or raw is None:
            return None  # a file descriptor: its path was checked when it was opened
        try:
            path = os.path.realpath(os.fsdecode(os.fspath(raw)))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None
        if _under(path, self.repo):
            return None
        matching = [a for a in (*self.allow, self.tmp) if _under(path, a)]
        if not matching:
            return path
        # A sibling of the repository ("../shared" and friends) is refused even when an allowed
        # root such as /tmp contains the repository's parent; only a root that lies deeper than
        # the parent (pytest's base temp, the cache under $HOME) lets it through. A repository
        # directly in the temp directory cannot tell its siblings from temp files: allowed.
        beside = _under(path, self.beside) and self.beside != self.tmp
        if beside and not any(len(a) > len(self.beside) for a in matching):
            return path
        return None

    def hook(self, event: str, args: tuple) -> None:
        if event in _PATH_EVENTS:
            candidates = [args[_PATH_EVENTS[event]]] if args else []
        elif event == "subprocess.Popen":
            _exe, argv, cwd, _env = args
            candidates = [a for a in (argv if isinstance(argv, (list, tuple)) else [argv])
                          if isinstance(a, (str, bytes, os.PathLike))]
            candidates = [self._arg_path(a, cwd) for a in candidates]
        else:
            return
        for c in candidates:
            bad = self.outside(c) if c is not None else None
            if bad is not None:
                self.record(event, bad)

    def _arg_path(self, arg: object, cwd: object) -> str | None:
        """A subprocess argument that names an existing file or directory, else None."""
        text = os.fsdecode(os.fspath(arg))  # type: ignore[arg-type]
        if text.startswith("-") or os.sep not in text:
            return None
        full = os.path.join(os.fsdecode(cwd) if cwd else os.getcwd(), text)
        return full if os.path.exists(full) else None

    def record(self, event: str, path: str) -> None:
        entry = {"pid": str(os.getpid()), "event": event, "path": path,
                 "test": os.environ.get("PYTEST_CURRENT_TEST", "")}
        if self.captured is not None:
            self.captured.append(entry)
            return
        if self.log:
            fd = os.open(self.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, (json.dumps(entry) + "\n").encode())
            finally:
                os.close(fd)

    @contextmanager
    def capture(self) -> Iterator[list[dict[str, str]]]:
        """Collect this process's violations instead of reporting them (for the guard's tests)."""
        self.captured = got = []
        try:
            yield got
        finally:
            self.captured = None

    def config(self) -> dict[str, object]:
        return {"repo": self.repo, "allow": self.allow, "tmp": self.tmp, "log": self.log}


_installed: OpenGuard | None = None


def install(guard: OpenGuard) -> OpenGuard:
    """Install once per process (audit hooks cannot be removed); later calls reconfigure."""
    global _installed
    if _installed is None:
        _installed = guard
        sys.addaudithook(lambda event, args: _installed.hook(event, args))  # type: ignore[union-attr]
    else:
        _installed.__dict__.update(guard.__dict__)
    return _installed


def install_from_env() -> OpenGuard | None:
    raw = os.environ.get(ENV_CONFIG)
    if not raw:
        return None
    cfg = json.loads(raw)
    # The child's own interpreter and venv too: a console script's shebang may name another
    # venv's Python (a copied venv), whose standard library is not the tests' doing.
    own = [sys.prefix, sys.base_prefix, sys.exec_prefix, *site.getsitepackages()]
    return install(OpenGuard(cfg["repo"], [*cfg["allow"], *own], cfg["tmp"], cfg["log"]))


def for_session(repo: Path, log: Path) -> OpenGuard:
    """The guard for this test session, also exported to every Python child process."""
    guard = install(OpenGuard(str(repo), default_allowed(repo), tempfile.gettempdir(), str(log)))
    os.environ[ENV_CONFIG] = json.dumps(guard.config())
    here = str(Path(__file__).resolve().parent)
    parts = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != here]
    os.environ["PYTHONPATH"] = os.pathsep.join([here, *parts])
    return guard


def allow_also(guard: OpenGuard, path: Path) -> None:
    """Add an allowed root (pytest's base temp, known only once the session runs)."""
    guard.allow.append(os.path.realpath(path))
    os.environ[ENV_CONFIG] = json.dumps(guard.config())


def read_log(log: Path, start: int = 0) -> tuple[list[dict[str, str]], int]:
    """Entries appended to ``log`` since byte ``start``, and the new end offset."""
    if not log.exists():
        return [], start
    with log.open("rb") as f:
        f.seek(start)
        data = f.read()
    return [json.loads(line) for line in data.splitlines() if line.strip()], start + len(data)

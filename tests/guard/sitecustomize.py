"""Loaded by every Python process the tests start (conftest puts this directory first on
PYTHONPATH), so that `kg` subprocesses and their workers are guarded like the test process."""

import open_guard

open_guard.install_from_env()

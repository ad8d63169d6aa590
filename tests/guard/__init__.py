"""The open guard: no test may read outside the repository (see open_guard.py)."""

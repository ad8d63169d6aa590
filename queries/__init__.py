"""Cypher lives in ``queries/*.cypher``, loaded by name; values only go in $parameters."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load(name: str) -> str:
    """Return the text of ``queries/<name>.cypher`` (cached; raises KeyError if absent)."""
    try:
        return resources.files(__package__).joinpath(f"{name}.cypher").read_text("utf-8")
    except FileNotFoundError as exc:
        raise KeyError(f"no query named {name!r}") from exc


def names() -> list[str]:
    return sorted(
        p.name.removesuffix(".cypher")
        for p in resources.files(__package__).iterdir()
        if p.name.endswith(".cypher")
    )

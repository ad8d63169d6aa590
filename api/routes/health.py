"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import GraphDep
from graph.schema import current_version

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
def readyz(graph: GraphDep) -> dict[str, object]:
    return {"status": "ok", "schema_version": current_version(graph)}

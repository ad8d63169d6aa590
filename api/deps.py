"""Dependencies: the process's Graph handle, settings, and API-key roles."""

from __future__ import annotations

import secrets
from datetime import date
from enum import IntEnum
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from pydantic import AfterValidator, StringConstraints

from graph.driver import Graph
from graph.settings import Settings


class Role(IntEnum):
    READ = 1
    INGEST = 2
    ADMIN = 3


def parse_api_keys(raw: str) -> dict[str, Role]:
    """``"key:role,key:role"`` -> {key: Role}; unknown roles are a configuration error."""
    keys: dict[str, Role] = {}
    for item in filter(None, (p.strip() for p in raw.split(","))):
        key, _, role = item.rpartition(":")
        if not key or role.upper() not in Role.__members__:
            raise ValueError(f"KG_API_KEYS entry {item[:4]}… must be key:read|ingest|admin")
        keys[key] = Role[role.upper()]
    return keys


def get_graph(request: Request) -> Graph:
    return request.app.state.graph


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def _presented_key(x_api_key: str | None, authorization: str | None) -> str | None:
    if x_api_key:
        return x_api_key
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def require(role: Role):  # noqa: ANN201 - returns a FastAPI dependency
    def check(
        request: Request,
        x_api_key: Annotated[str | None, Header()] = None,
        authorization: Annotated[str | None, Header()] = None,
    ) -> Role:
        keys: dict[str, Role] = request.app.state.api_keys
        if not keys:
            # No keys configured: open only when explicitly asked for (KG_AUTH_REQUIRED=false,
            # a local instance); otherwise fail closed rather than serve everything to anyone.
            if not request.app.state.settings.auth_required:
                return Role.ADMIN
            raise HTTPException(
                401, "no API keys are configured on this server: set KG_API_KEYS "
                "(or KG_AUTH_REQUIRED=false for an open local instance)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        presented = _presented_key(x_api_key, authorization)
        if presented is None:
            raise HTTPException(
                401,
                "missing API key: send X-API-Key: <key> or Authorization: Bearer <key>",
                headers={"WWW-Authenticate": "Bearer"},
            )
        have = next((r for k, r in keys.items() if secrets.compare_digest(k, presented)), None)
        if have is None:
            raise HTTPException(401, "invalid API key", headers={"WWW-Authenticate": "Bearer"})
        if have < role:
            raise HTTPException(
                403, f"this key has the role '{have.name.lower()}'; '{role.name.lower()}' needed"
            )
        return have

    return check


GraphDep = Annotated[Graph, Depends(get_graph)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
ReadRole = Depends(require(Role.READ))
IngestRole = Depends(require(Role.INGEST))
AdminRole = Depends(require(Role.ADMIN))


def public_base_url(request: Request) -> str:
    """Base of the IRIs we mint: always the configured public address (KG_PUBLIC_BASE_URL),
    never the request's host, so a claim has the same IRIs however it was fetched."""
    return settings_base_url(request.app.state.settings)


def settings_base_url(settings: Settings) -> str:
    return (settings.public_base_url or "http://localhost:8000").rstrip("/")


def _calendar_date(value: str) -> str:
    if len(value) == 10:
        date.fromisoformat(value)  # 2025-02-30 matches the pattern but is no date: 422
    return value


# A date filter: YYYY, YYYY-MM or YYYY-MM-DD, compared as a prefix of the stored ISO dates.
# Anything else (``not-a-date``) is a 422 instead of a filter that silently matches wrongly.
IsoDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"),
    AfterValidator(_calendar_date),
]

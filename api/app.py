"""The app factory. The driver is created in the lifespan (one per process) and closed at
shutdown; nothing connects at import time."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import import_module

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import errors, limits, openapi
from api.deps import parse_api_keys
from graph.driver import Graph, connect
from graph.schema import migrate
from graph.settings import Settings, get_settings

log = logging.getLogger("kg.api")

# Route modules, each exposing ``router`` (imported here so importing api.app stays cheap).
ROUTE_MODULES = (
    "api.routes.health",
    "api.routes.claims",
    "api.routes.stats",
    "api.routes.entities",
    "api.routes.judgements",
    "api.routes.graph",
    "api.routes.sources",
    "api.routes.query",
    "api.routes.articles",
    "api.routes.jobs",
    "api.routes.export",
    "api.routes.feed",
    "api.routes.ids",
    "api.routes.web",
)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        graph = Graph(connect(settings), settings.neo4j_database)
        migrate(graph)
        app.state.graph = graph
        try:
            yield
        finally:
            graph.close()

    app = FastAPI(
        title="Conflict-news knowledge graph",
        version="0.1.0",
        description="Who said what, where, when and about whom — every answer with its evidence.",
        lifespan=lifespan,
        # operationId = the route function's name (unique across routes): generated clients
        # get list_claims, not list_claims_v1_claims_get.
        generate_unique_id_function=openapi.operation_id,
    )
    app.state.settings = settings
    app.state.api_keys = parse_api_keys(settings.api_keys.get_secret_value())
    if not app.state.api_keys:
        log.warning("KG_API_KEYS is empty: %s", "every request is refused (401)"
                    if settings.auth_required else "the API is open (KG_AUTH_REQUIRED=false)")
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=origins, allow_methods=["*"], allow_headers=["*"]
        )
    errors.install(app)
    limits.install(app, settings)
    for name in ROUTE_MODULES:
        app.include_router(import_module(name).router)
    openapi.install(app)
    return app

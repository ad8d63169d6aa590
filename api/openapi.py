"""The OpenAPI document, made to generate working clients.

- ``securitySchemes``: the ``X-API-Key`` header and the same key as a bearer token; every
  operation behind a key says so (derived from the ``require`` dependency's header parameters,
  which are removed from the operation: they are the scheme, not arguments).
- one error schema (``ErrorOut``) for 401/403/404/422/429 on every ``/v1`` and ``/id`` route;
- streamed and linked-data answers declared with their real media types (``media``).

Non-JSON media types a generator does not know (N-Triples, GraphML, GEXF, zip, ndjson) map to
bytes with its content-type overrides: see ``docs/openapi-client.yaml``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from graph.models import ArticleIn, ErrorOut

_TEXT = {"type": "string"}
_BINARY = {"type": "string", "format": "binary"}


# One Server-Sent Event, as SSE clients (and schemathesis) parse the stream: each event's
# ``data`` is one claim as JSON text, ``id`` the cursor to resume from.
_SSE_EVENT: dict[str, Any] = {
    "type": "object",
    "properties": {"event": {"type": "string"}, "data": {"type": "string"},
                   "id": {"type": "string"}, "retry": {"type": "integer"}},
}


def media(*types: str, description: str = "OK") -> dict[str, Any]:
    """A 200 response with these media types (the first is what generators pick)."""
    content: dict[str, Any] = {}
    for t in types:
        if t.endswith("json") and t != "application/x-ndjson":
            content[t] = {"schema": {"type": "object", "additionalProperties": True}}
        elif t == "text/event-stream":
            content[t] = {"schema": _SSE_EVENT}
        elif t.startswith("text/"):
            content[t] = {"schema": _TEXT}
        else:
            content[t] = {"schema": _BINARY}
    return {"description": description, "content": content}


_ERROR_TEXT = {
    400: "invalid input: a bad cursor, id, value or query (the reason is in message)",
    401: "no or an unknown API key", 403: "the key's role is not enough",
    404: "no such node", 422: "invalid parameters or body (the fields are named in detail)",
    413: "the request body is larger than KG_MAX_BODY_BYTES",
    429: "too many requests: retry after the Retry-After header",
    503: "the graph database is unavailable: retry later",
}
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text} for code, text in _ERROR_TEXT.items()
}

_AUTH_HEADERS = {"x-api-key", "authorization"}


def _secure(op: dict[str, Any], optional: bool = False) -> None:
    params = op.get("parameters") or []
    auth = [p for p in params if p.get("in") == "header" and p["name"].lower() in _AUTH_HEADERS]
    if not auth:
        return
    op["parameters"] = [p for p in params if p not in auth]
    if not op["parameters"]:
        op.pop("parameters")
    op["security"] = [{"ApiKeyHeader": []}, {"BearerToken": []}]
    if optional:  # /id/: public for some kinds (KG_ID_PUBLIC_KINDS)
        op["security"].insert(0, {})


def _drop_untyped_json(op: dict[str, Any]) -> None:
    """FastAPI adds an empty ``application/json`` to every 200; where the route declared its
    real media types that placeholder would be what a generator picks first."""
    content = op.get("responses", {}).get("200", {}).get("content", {})
    if len(content) > 1 and not content.get("application/json", {"schema": 1}).get("schema"):
        content.pop("application/json")


def _json_or_jsonld(op: dict[str, Any]) -> None:
    """A route answering its model as JSON or, with ``format=jsonld``, JSON-LD: a generated
    client reads the ``application/json`` schema for both, so let it be either."""
    content = op.get("responses", {}).get("200", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    if "application/ld+json" in content and "$ref" in schema:
        content["application/json"]["schema"] = {"anyOf": [
            {"$ref": schema["$ref"]},
            {"type": "object", "additionalProperties": True, "title": "JSON-LD document"}]}


def _error_refs(op: dict[str, Any]) -> None:
    responses = op.setdefault("responses", {})
    for code, text in _ERROR_TEXT.items():
        responses.setdefault(str(code), {
            "description": text,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
        })
    if "422" in responses:  # FastAPI's own HTTPValidationError is not what we answer
        responses["422"]["content"] = {
            "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}


def _article_body(spec: dict[str, Any]) -> None:
    """POST /v1/articles reads its body by hand (one, a list or {articles}); say so."""
    op = spec["paths"].get("/v1/articles", {}).get("post")
    if not op:
        return
    schemas = spec["components"]["schemas"]
    art = ArticleIn.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(art.pop("$defs", {}))
    schemas["ArticleIn"] = art
    ref = {"$ref": "#/components/schemas/ArticleIn"}
    schemas["ArticleBatch"] = {"type": "object", "title": "ArticleBatch", "required": ["articles"],
                               "properties": {"articles": {"type": "array", "items": ref}}}
    op["requestBody"] = {"required": True, "content": {"application/json": {"schema": {
        "anyOf": [ref, {"type": "array", "items": ref},
                  {"$ref": "#/components/schemas/ArticleBatch"}]}}}}


def operation_id(route: APIRoute) -> str:
    return route.name


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, description=app.description,
                           routes=app.routes)
        comps = spec.setdefault("components", {})
        comps.setdefault("schemas", {})["ErrorOut"] = ErrorOut.model_json_schema(
            ref_template="#/components/schemas/{model}")
        comps["schemas"].update(comps["schemas"]["ErrorOut"].pop("$defs", {}))
        comps["securitySchemes"] = {
            "ApiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            "BearerToken": {"type": "http", "scheme": "bearer",
                            "description": "the same API key as a bearer token"},
        }
        for path, item in spec.get("paths", {}).items():
            for op in item.values():
                _secure(op, optional=path.startswith("/id/"))
                _drop_untyped_json(op)
                _json_or_jsonld(op)
                if path.startswith(("/v1/", "/id/")) and "security" in op:
                    _error_refs(op)
                elif "422" in op.get("responses", {}):  # FastAPI's HTTPValidationError
                    op["responses"]["422"]["content"] = {"application/json": {
                        "schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        _article_body(spec)
        comps["schemas"].pop("HTTPValidationError", None)
        comps["schemas"].pop("ValidationError", None)
        ids = [op["operationId"] for item in spec["paths"].values() for op in item.values()]
        if len(ids) != len(set(ids)):  # two routes with one function name: a build error
            raise RuntimeError(f"duplicate operationIds: {sorted(ids)}")
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]

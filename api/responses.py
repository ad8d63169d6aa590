"""A model already built and validated by graph/reads, sent as JSON without a second pass.

FastAPI's default for a route with ``response_model`` dumps the returned model to Python
objects, validates them again into the response model, serialises them to JSON-able values and
json-encodes the result: four passes over the data. For the graph reads (a neighbourhood is
~150 KB, a timeline several hundred) that took 15-45 ms of the one worker process's time per
request, more than the Cypher itself (measured: bench/queries.py, docs/api.md "Benchmark").
Here pydantic-core writes the JSON once. The routes keep ``response_model`` for the OpenAPI
schema, and the body is that same model's serialisation, so it matches the schema.
"""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def model_json(model: BaseModel, *, status_code: int = 200) -> Response:
    """``model`` as an ``application/json`` response (the shape FastAPI would produce)."""
    return Response(content=model.model_dump_json(by_alias=True), status_code=status_code,
                    media_type="application/json")


__all__ = ["model_json"]

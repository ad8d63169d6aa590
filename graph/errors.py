"""One error root with a few subclasses.

Neo4j driver errors are translated here, at the graph/ boundary; api/errors.py maps
these classes to HTTP status codes in one place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class KGError(Exception):
    """Root of every error this service raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, detail: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class InvalidInput(KGError):
    code = "invalid_input"


class QuerySyntaxError(InvalidInput):
    """A search expression (``q``) that does not parse: the client can fix it (HTTP 422)."""

    code = "query_syntax"


class NotFound(KGError):
    code = "not_found"


class QueryRefused(KGError):
    """A read-only query tried to write, call an admin procedure, or ran too long."""

    code = "query_refused"


class GraphUnavailable(KGError):
    """Neo4j cannot be reached or is overloaded: transient, worth retrying."""

    code = "graph_unavailable"


class GraphError(KGError):
    """Neo4j answered with an error that retrying will not fix."""

    code = "graph_error"


class ServerError(KGError):
    """The local Neo4j server could not be started or stopped."""

    code = "server_error"


def _public(message: str | None) -> str:
    """Neo4j's message without the engine's internals: a failed procedure reports its Java
    cause ("Caused by: org.apache.lucene...TooManyClauses ..."), which is cut off here."""
    head = (message or "").split("Caused by:", 1)[0].strip().rstrip(":").strip()
    return head or "the query could not be run"


@contextmanager
def translate_neo4j_errors() -> Iterator[None]:
    """Turn driver exceptions into KGError subclasses (import inside: keeps import cheap)."""
    from neo4j import exceptions as ne

    try:
        yield
    except KGError:
        raise
    except (ne.ServiceUnavailable, ne.SessionExpired, ne.TransientError) as exc:
        raise GraphUnavailable(f"Neo4j unavailable: {exc}") from exc
    except ne.ClientError as exc:
        code = getattr(exc, "code", "") or ""
        if "Forbidden" in code or "AccessMode" in code or "Security" in code:
            raise QueryRefused(f"refused by Neo4j: {exc.message}") from exc
        if "TransactionTimedOut" in code or "Timeout" in code:
            raise QueryRefused(f"query exceeded its time limit: {exc.message}") from exc
        raise InvalidInput(f"Neo4j rejected the query: {_public(exc.message)}") from exc
    except ne.Neo4jError as exc:
        raise GraphError(f"Neo4j error: {exc}") from exc
    except ne.DriverError as exc:
        raise GraphUnavailable(f"Neo4j driver error: {exc}") from exc

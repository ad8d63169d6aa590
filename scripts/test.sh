#!/usr/bin/env bash
# The test command (`make test`; .ci/run calls it). Starts the test profile's own Neo4j unless
# KG_TEST_NEO4J_URI names one or it is already running (`kg neo4j status` exits 3 when it is
# not), runs the whole suite, then stops what it started.
# The browser tests run in a second pytest session: each session starts from a wiped database,
# so the page is checked against exactly the seed article's graph.
set -euo pipefail
cd "$(dirname "$0")/.."
export KG_PROFILE="${KG_TEST_PROFILE:-test}"
started=0
if [ -z "${KG_TEST_NEO4J_URI:-}" ] && ! .venv/bin/kg neo4j status >/dev/null; then
  .venv/bin/kg neo4j start && started=1
fi
status=0
.venv/bin/ruff check graph ingest api queries tests bench || status=$?
.venv/bin/python -m pytest -q -p no:cacheprovider -m "not browser" "$@" || status=$?
.venv/bin/python -m pytest -q -p no:cacheprovider -m browser "$@" || status=$?
if [ "$started" = 1 ] && [ -z "${KG_KEEP_NEO4J:-}" ]; then .venv/bin/kg neo4j stop || true; fi
exit $status

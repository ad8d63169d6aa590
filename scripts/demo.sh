#!/usr/bin/env bash
# `make demo`: Neo4j (demo profile) started for you, the sample article ingested, and the API
# and web page served on http://127.0.0.1:8000 with a generated API key.
set -euo pipefail
cd "$(dirname "$0")/.."
export KG_PROFILE=demo
KG=.venv/bin/kg
# `kg neo4j status` exits 3 when the server is not running.
$KG neo4j status >/dev/null || $KG neo4j start
SAMPLE=ingest/data/samples/ceasefire_call.txt
$KG ingest "$SAMPLE" --source "Demo Wire" --workers 0 -q
KEYFILE="${HOME}/.cache/conflict-kg/demo/api_key"
mkdir -p "$(dirname "$KEYFILE")"
[ -s "$KEYFILE" ] || .venv/bin/python -c "import secrets; print(secrets.token_urlsafe(24))" > "$KEYFILE"
chmod 600 "$KEYFILE"
KEY=$(cat "$KEYFILE")
export KG_API_KEYS="${KEY}:admin"
echo "API key (admin): ${KEY}"
echo "  curl -H 'X-API-Key: ${KEY}' 'http://127.0.0.1:8000/v1/claims?speaker=Zelensky'"
echo "Web page: http://127.0.0.1:8000/#key=${KEY}"
# A worker consumes what POST /v1/articles queues; it stops with the demo.
$KG worker &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
$KG serve --host 127.0.0.1 --port 8000

#!/usr/bin/env bash
# Builds the web page's vendored JavaScript from npm (no CDN at run time).
set -euo pipefail
cd "$(dirname "$0")/../web" 2>/dev/null || exit 0
[ -f package.json ] || exit 0
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
[ -x build.sh ] && bash build.sh || true

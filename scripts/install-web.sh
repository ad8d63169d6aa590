#!/usr/bin/env bash
# Builds the web page's assets into web/dist/ from npm packages pinned in web/package-lock.json
# (no CDN at run time). Called by `make install`; a failed build fails the install.
set -euo pipefail
cd "$(dirname "$0")/../web" 2>/dev/null || exit 0
[ -f package.json ] || exit 0
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ -f build.sh ]; then bash build.sh; fi

#!/usr/bin/env bash
# Builds web/dist/ (served by api/routes/web.py) from web/src/ and node_modules: one esbuild
# bundle of our ES modules plus cytoscape, fcose, d3-geo and topojson-client, and the bundled
# Natural Earth country outlines from world-atlas. No CDN, no network at run time.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
rm -rf dist.tmp && mkdir -p dist.tmp
node_modules/.bin/esbuild src/main.js --bundle --format=iife --target=es2020 --minify \
  --sourcemap --legal-comments=linked --outfile=dist.tmp/app.js --log-level=warning
cp src/index.html src/styles.css dist.tmp/
# 1:50m outlines: detailed enough to zoom into a region, 740 kB (the 1:10m set is 3.5 MB).
cp node_modules/world-atlas/countries-50m.json dist.tmp/countries.json
rm -rf dist && mv dist.tmp dist
echo "web/dist built: $(ls dist | tr '\n' ' ')"

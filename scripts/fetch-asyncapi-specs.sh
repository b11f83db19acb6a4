#!/usr/bin/env bash
# Puts the AsyncAPI specification's JSON Schemas (npm package @asyncapi/specs) in .cache/tools/,
# for the test that validates schemas/asyncapi.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/tools/asyncapi
[ -f "$dest/node_modules/@asyncapi/specs/schemas/3.0.0.json" ] && exit 0
command -v npm >/dev/null || { echo "no npm: skipping @asyncapi/specs" >&2; exit 0; }
mkdir -p "$dest"
npm install --silent --no-audit --no-fund --prefix "$dest" @asyncapi/specs@6 >/dev/null
echo "@asyncapi/specs installed in $dest"

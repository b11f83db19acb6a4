#!/usr/bin/env bash
# Puts Prometheus's `promtool` in .cache/tools/ (for the tests that check deploy/prometheus/).
# Unpacks Debian's prometheus package instead of installing it, so no Prometheus service is set up.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/tools
[ -x "$dest/promtool" ] && exit 0
command -v apt-get >/dev/null || { echo "no apt-get: skipping promtool" >&2; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && { apt-get download prometheus >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get download prometheus >/dev/null; }; } )
dpkg -x "$work"/prometheus_*.deb "$work/x"
mkdir -p "$dest"
cp "$work/x/usr/bin/promtool" "$dest/promtool"
"$dest/promtool" --version | sed -n 1p

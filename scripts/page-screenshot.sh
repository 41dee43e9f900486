#!/usr/bin/env bash
# The gallery's screenshot of its interactive page, in headless Chromium (Debian's chromium):
# gallery/page-compare.html as it first opens (its middle ball shown), 1400x900.
# `fisherballs gallery` makes the page; this makes gallery/page-compare.screenshot.png.
# Usage: scripts/page-screenshot.sh   (after `cargo run --release -- gallery`)
set -euo pipefail
cd "$(dirname "$0")/.."
page=gallery/page-compare.html
[ -f "$page" ] || { echo "$page is missing: run 'cargo run --release -- gallery' first" >&2; exit 1; }
command -v chromium >/dev/null || { echo "chromium is missing: apt-get install chromium" >&2; exit 1; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size=1400,900 \
    --screenshot="$PWD/gallery/page-compare.screenshot.png" \
    "file://$PWD/$page" 2>/dev/null
echo "wrote gallery/page-compare.screenshot.png"

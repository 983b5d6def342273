#!/usr/bin/env bash
# Renders an HTML report in headless Chromium (Debian package "chromium") and writes a PNG screenshot.
# Usage: scripts/render-report.sh REPORT.html OUT.png [WIDTHxHEIGHT]
# With no arguments: reconciles the samples in Examples/findings/ (as of 2026-11-23) into
# .build/reconcile-report.html and renders docs/reconcile-report.png.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    echo "render-report: chromium not found; install it with: apt-get install -y chromium" >&2
    exit 2
fi
if [ $# -eq 0 ]; then
    mkdir -p .build
    gateway=${MRA_GATEWAY:-$(ls -t .build*/debug/mra-gateway 2>/dev/null | head -1)}
    [ -x "$gateway" ] || { echo "render-report: build the gateway first (swift build)" >&2; exit 2; }
    "$gateway" reconcile --today 2026-11-23 --format html -o .build/reconcile-report.html \
        --members ctpat=Examples/ctpat/ctpat-partners-2026-11.xml \
        --members ctpat=Examples/findings/members/ctpat-dual-certified-2026-11.xml \
        --members eu-aeo=Examples/eu-aeo/eu-aeo-list-2026-11.xml \
        --members kr-aeo=Examples/kr-aeo/kr-aeo-companies-2026-11.xml \
        --members mx-oea=Examples/mx-oea/mx-oea-padron-2026-11.xml \
        Examples/findings/*.xml || [ $? -eq 1 ]
    set -- .build/reconcile-report.html docs/reconcile-report.png
fi
report=$(realpath "$1")
out=$(realpath -m "$2")
size=${3:-1280x900}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# No network: the report is self-contained; --user-data-dir keeps Chromium away from any profile.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --window-size="${size/x/,}" --screenshot="$out" "file://$report" >/dev/null 2>&1
[ -s "$out" ] || { echo "render-report: no screenshot written" >&2; exit 1; }
echo "$out"

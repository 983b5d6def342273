#!/usr/bin/env bash
# A lookup server's first read of a registry: the time from `serve`'s start to "serving on" (every member read and
# indexed), and its peak memory then (VmHWM).
#
#     scripts/bench-first-read.sh GATEWAY REGISTRY [RUNS]
#
# REGISTRY is a SQLite file or a postgres:// URL (its password in MRA_REGISTRY_PASSWORD). Give several gateways'
# figures by running it for each in turn, on the same registry.
set -euo pipefail
gateway=$1 registry=$2 runs=${3:-1}
home=$(cd "$(dirname "$0")/.." && pwd)
for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    coproc SERVER { exec "$gateway" serve --registry "$registry" --port 0 --home "$home" --refresh 600 2>&1; }
    pid=$SERVER_PID
    served=
    while read -r line <&"${SERVER[0]}"; do
        case "$line" in *"serving on"*) served=yes; break ;; esac
        echo "$line" >&2
    done
    [ -n "$served" ] || { echo "bench-first-read: serve ended before serving" >&2; exit 2; }
    end=$(date +%s.%N)
    peak=$(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status")
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    printf '%s on %s: %.1f s to serving, %d MiB\n' "$gateway" "${registry%%\?*}" "$(echo "$end - $start" | bc)" "$peak"
done

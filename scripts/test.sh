#!/usr/bin/env bash
# Checks the formatting (.swift-format), builds everything with warnings as errors and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
# Where pip puts schemathesis's `st` when it installs for the user.
export PATH="$PATH:$HOME/.local/bin"
swift format lint --strict --recursive --parallel Package.swift Sources Tests
swift build --build-tests -Xswiftc -warnings-as-errors
# A throwaway PostgreSQL cluster on loopback for the PostgreSQL cases (skipped, saying so, without one), and
# a hot standby of it, by pg_basebackup, for the cases that read a replica.
eval "$(bash scripts/postgres-cluster.sh start)"
trap 'for folder in "${MRA_TEST_POSTGRES_STANDBY_FOLDER:-}" "${MRA_TEST_POSTGRES_FOLDER:-}"; do
    [ -n "$folder" ] && bash scripts/postgres-cluster.sh stop "$folder"; done' EXIT
[ -n "${MRA_TEST_POSTGRES_FOLDER:-}" ] && eval "$(bash scripts/postgres-cluster.sh standby "$MRA_TEST_POSTGRES_FOLDER")"
swift test --skip-build

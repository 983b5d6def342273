#!/usr/bin/env bash
# Checks the formatting (.swift-format), builds everything with warnings as errors and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
# Where pip puts schemathesis's `st` when it installs for the user.
export PATH="$PATH:$HOME/.local/bin"
swift format lint --strict --recursive --parallel Package.swift Sources Tests
swift build --build-tests -Xswiftc -warnings-as-errors
# A throwaway PostgreSQL cluster on loopback for the PostgreSQL cases (skipped, saying so, without one).
eval "$(bash scripts/postgres-cluster.sh start)"
trap '[ -n "${MRA_TEST_POSTGRES_FOLDER:-}" ] && bash scripts/postgres-cluster.sh stop "$MRA_TEST_POSTGRES_FOLDER"' EXIT
swift test --skip-build

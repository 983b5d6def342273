#!/usr/bin/env bash
# Checks the formatting (.swift-format), builds everything with warnings as errors and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift format lint --strict --recursive --parallel Package.swift Sources Tests
swift build --build-tests -Xswiftc -warnings-as-errors
swift test --skip-build

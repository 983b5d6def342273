#!/usr/bin/env bash
# Installs the Debian packages the gateway builds and tests with, when missing.
# (The Swift 6 toolchain itself is expected on PATH: https://www.swift.org/install/linux/)
set -euo pipefail
packages=(libxml2-dev libssl-dev libsqlite3-dev pkg-config xmlsec1 libxml2-utils)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q "${missing[@]}"
fi
command -v swift >/dev/null || { echo "swift not found on PATH: install the Swift 6 toolchain" >&2; exit 1; }

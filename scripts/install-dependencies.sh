#!/usr/bin/env bash
# Installs the Debian packages the gateway builds and tests with, when missing.
# (The Swift 6 toolchain itself is expected on PATH: https://www.swift.org/install/linux/)
set -euo pipefail
# softhsm2 and libengine-pkcs11-openssl (libp11's OpenSSL engine): signing with a key in a PKCS#11 token; the tests
# make a SoftHSM2 token and sign with it, so they are needed to test, not to run the gateway with key files.
# systemd: the tests check the units of deploy/systemd/ with systemd-analyze verify and systemd-sysusers (a
# container image may lack it; installing it does not make it PID 1).
# curl and python3-pip: the API tests call the server with curl and install schemathesis with pip (below).
# chromium, chromium-driver and the Noto fonts (Latin, Arabic, CJK): the console's tests drive it in headless Chromium
# through WebDriver (selenium, below) and its screenshots show Hangul, Kanji and Arabic names.
# postgresql: the PostgreSQL registry's tests run against a throwaway cluster (scripts/postgres-cluster.sh).
packages=(libxml2-dev libssl-dev libsqlite3-dev pkg-config xmlsec1 libxml2-utils softhsm2 libengine-pkcs11-openssl
    systemd curl python3-pip chromium chromium-driver fonts-noto-core fonts-noto-cjk postgresql)
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
# schemathesis (PyPI): the tests hold the lookup API to docs/openapi.yaml with it (OpenAPISchemathesisTests).
if ! command -v st >/dev/null 2>&1; then
    echo "installing: schemathesis (PyPI)"
    python3 -m pip install --quiet schemathesis 2>/dev/null \
        || python3 -m pip install --quiet --user --break-system-packages schemathesis
    command -v pyenv >/dev/null 2>&1 && pyenv rehash
fi
# selenium (PyPI): the WebDriver client of the console's browser tests (ConsoleBrowserTests).
if ! python3 -c 'import selenium' >/dev/null 2>&1; then
    echo "installing: selenium (PyPI)"
    python3 -m pip install --quiet selenium 2>/dev/null \
        || python3 -m pip install --quiet --user --break-system-packages selenium
fi
command -v swift >/dev/null || { echo "swift not found on PATH: install the Swift 6 toolchain" >&2; exit 1; }

#!/usr/bin/env bash
# Generates the DEMO transport PKI (mutual TLS between gateways, docs/exchange-link.md) for every programme of the
# catalogue, or those named, beside its signing PKI, which it never touches:
#
#   Certs/<p>/transport/anchors/root.pem   DEMO transport root CA of <p> (trusts <p>'s TLS client and server)
#   Certs/<p>/transport/crls/root.crl.pem  empty CRL issued by that root
#   Certs/<p>/transport/intermediates/     empty (.gitkeep): where a partner's intermediate TLS CAs go
#   Certs/<p>/demo/transport.cert.pem      DEMO TLS certificate of <p>'s gateway (serverAuth + clientAuth,
#                                          SAN localhost and 127.0.0.1), issued by the transport root
#   Certs/<p>/demo/transport.key.pem       its key (PKCS#8, unencrypted: PUBLIC DEMO MATERIAL)
#
#   bash scripts/make-demo-transport-certs.sh            # all programmes
#   bash scripts/make-demo-transport-certs.sh eu-aeo     # only some
#
# EC P-256 throughout; valid 2025-01-01 .. 2075-12-31; the CRL is issued now with nextUpdate 2075-12-31. Re-running
# replaces these files (new keys and serials) and nothing else: the signing PKI of scripts/make-demo-certs.sh
# (anchors/, intermediates/, crls/, demo/signer.*, demo/chain.pem) stays byte for byte, so signed samples still
# verify. Never use any of it in production (Certs/README.md).
set -euo pipefail

root_dir="$(cd "$(dirname "$0")/.." && pwd)"
source "$root_dir/scripts/lib/pki.sh"
certs="$root_dir/Certs"
catalogue="$root_dir/Mappings/programs.xml"
mapfile -t programmes < <(xmllint --xpath '//*[local-name()="program"]/@id' "$catalogue" | sed -E 's/^ *id="([^"]*)"$/\1/')
if [[ $# -gt 0 ]]; then programmes=("$@"); fi
start="20250101000000Z"
end="20751231235959Z"

generate() {
    local p="$1" work
    [[ -d "$certs/$p" ]] || { echo "no Certs/$p: make its signing PKI first (scripts/make-demo-certs.sh $p)" >&2; return 1; }
    work="$(mktemp -d)"
    pki_ca_config "$work/ca.cnf"
    cat >>"$work/ca.cnf" <<'CNF'

[ transport ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CNF
    mkdir -p "$work/root/new"
    : >"$work/root/index.txt"
    echo 01 >"$work/root/crlnumber"
    local dn="/O=DEMO - not for production"
    pki_genkey "$work/root.key" ec:P-256
    openssl req -new -key "$work/root.key" -subj "$dn/CN=DEMO $p MRA transport root" -out "$work/root.csr"
    CA_DIR="$work/root" openssl ca -batch -notext -rand_serial -config "$work/ca.cnf" -selfsign -keyfile "$work/root.key" \
        -extensions root -startdate "$start" -enddate "$end" -in "$work/root.csr" -out "$work/root.pem" 2>"$work/ca.log" \
        || { cat "$work/ca.log" >&2; return 1; }
    pki_genkey "$work/gateway.key" ec:P-256
    openssl req -new -key "$work/gateway.key" -subj "$dn/CN=DEMO $p MRA gateway" -out "$work/gateway.csr"
    CA_DIR="$work/root" openssl ca -batch -notext -rand_serial -config "$work/ca.cnf" -cert "$work/root.pem" \
        -keyfile "$work/root.key" -extensions transport -startdate "$start" -enddate "$end" -in "$work/gateway.csr" \
        -out "$work/gateway.pem" 2>"$work/ca.log" || { cat "$work/ca.log" >&2; return 1; }
    local out="$certs/$p/transport"
    rm -rf "$out"
    mkdir -p "$out/anchors" "$out/crls" "$out/intermediates"
    : >"$out/intermediates/.gitkeep"
    CA_DIR="$work/root" openssl ca -batch -config "$work/ca.cnf" -gencrl -keyfile "$work/root.key" \
        -cert "$work/root.pem" -crl_nextupdate "$end" -out "$out/crls/root.crl.pem" 2>"$work/ca.log" \
        || { cat "$work/ca.log" >&2; return 1; }
    cp "$work/root.pem" "$out/anchors/root.pem"
    cp "$work/gateway.pem" "$certs/$p/demo/transport.cert.pem"
    openssl pkey -in "$work/gateway.key" -out "$certs/$p/demo/transport.key.pem"
    rm -rf "$work"
    echo "$p: transport"
}

pki_parallel generate "${programmes[@]}"
echo "demo transport PKI written to $certs/*/transport and $certs/*/demo/transport.*"

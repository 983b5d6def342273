#!/usr/bin/env bash
# Regenerates the PKI used by the signature tests (TEST material only, never for production).
#
#   bash Tests/MRAGatewayTests/Fixtures/signatures/make-fixtures.sh
#
# Unlike Tests/MRACryptoTests/Fixtures, every signer keeps its private key, so the
# tests can make otherwise valid signatures with expired, revoked and rogue certificates.
#   root (P-384) -> intermediate (RSA-2048) -> signer-rsa (RSA-2048), signer-ec (P-256),
#                                              signer-p384, signer-expired (2000..2001), signer-revoked
#   rogue-self-signed: self-signed, same subject as signer-ec
#   rogue-root: same subject as root, own key -> rogue-leaf: same subject as signer-ec
#   other-root: another partner's root
#   CRLs: root.crl.pem, intermediate.crl.pem (revokes signer-revoked), intermediate-stale.crl.pem (nextUpdate 2021)
# Long-lived material is valid 2025-01-01 .. 2075-12-31.
set -euo pipefail

out="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start="20250101000000Z"
end="20751231235959Z"

source "$out/../../../../scripts/lib/pki.sh"
pki_ca_config "$work/ca.cnf"

org="/C=NZ/O=MRA Gateway Signature Tests"
key root ec:P-384 && cadir root 1000
issue root root "$org/CN=Signature Test Root CA" root
key intermediate rsa:2048 && cadir intermediate 2000
issue root intermediate "$org/CN=Signature Test Intermediate CA" intermediate
key signer-rsa rsa:2048
issue intermediate signer-rsa "$org/CN=Signature Test RSA Signer" signer
key signer-ec ec:P-256
issue intermediate signer-ec "$org/CN=Signature Test Signer" signer
key signer-p384 ec:P-384
issue intermediate signer-p384 "$org/CN=Signature Test P-384 Signer" signer
key signer-expired ec:P-256
issue intermediate signer-expired "$org/CN=Signature Test Expired Signer" signer 20000101000000Z 20010101000000Z
key signer-revoked ec:P-256
issue intermediate signer-revoked "$org/CN=Signature Test Revoked Signer" signer

key rogue-self-signed ec:P-256 && cadir rogue-self-signed 4000
issue rogue-self-signed rogue-self-signed "$org/CN=Signature Test Signer" signer
key rogue-root ec:P-384 && cadir rogue-root 1000
issue rogue-root rogue-root "$org/CN=Signature Test Root CA" root
key rogue-leaf ec:P-256
issue rogue-root rogue-leaf "$org/CN=Signature Test Signer" signer
key other-root ec:P-256 && cadir other-root 5000
issue other-root other-root "/C=SG/O=Other Partner/CN=Other Partner Root CA" root

crl root root.crl.pem
CA_DIR="$work/ca-intermediate" openssl ca -batch -config "$work/ca.cnf" -keyfile "$work/intermediate.key" \
    -cert "$work/intermediate.pem" -revoke "$work/signer-revoked.pem" -crl_reason keyCompromise 2>/dev/null
crl intermediate intermediate.crl.pem
crl intermediate intermediate-stale.crl.pem 20200101000000Z 20210101000000Z

for name in root intermediate other-root rogue-root; do cp "$work/$name.pem" "$out/$name.pem"; done
for name in signer-rsa signer-ec signer-p384 signer-expired signer-revoked rogue-self-signed rogue-leaf; do
    cp "$work/$name.pem" "$out/$name.pem"
    cp "$work/$name.key" "$out/$name.key.pem"
done
echo "fixtures written to $out"

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
source "$out/../../../../scripts/lib/pki.sh"
pki_scratch

org="/C=NZ/O=MRA Gateway Signature Tests"
pki_test_cas "$org" "Signature Test"
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

pki_test_rogues "$org" "Signature Test" signer
key other-root ec:P-256 && cadir other-root 5000
issue other-root other-root "/C=SG/O=Other Partner/CN=Other Partner Root CA" root

pki_test_crls signer-revoked
for name in root intermediate other-root rogue-root; do cp "$work/$name.pem" "$out/$name.pem"; done
for name in signer-rsa signer-ec signer-p384 signer-expired signer-revoked rogue-self-signed rogue-leaf; do
    cp "$work/$name.pem" "$out/$name.pem"
    cp "$work/$name.key" "$out/$name.key.pem"
done
echo "fixtures written to $out"

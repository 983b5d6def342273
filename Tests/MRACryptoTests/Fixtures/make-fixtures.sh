#!/usr/bin/env bash
# Regenerates the PKI fixtures used by MRACryptoTests (test material only, never for production).
#
#   bash Tests/MRACryptoTests/Fixtures/make-fixtures.sh
#
# Keys are random; file names, subjects, serial numbers and the fixed validity
# windows below are stable, and the tests rely on them:
#   - long-lived material is valid until 2075-12-31;
#   - leaf-expired.pem is valid 2000-01-01 .. 2001-01-01;
#   - leaf-not-yet-valid.pem is valid from 2090-01-01;
#   - intermediate-stale.crl.pem has nextUpdate 2021-01-01.
# Uses `openssl ca` (OpenSSL 3.0's `req -x509` has no -not_before/-not_after).
set -euo pipefail

out="$(cd "$(dirname "$0")" && pwd)"
source "$out/../../../scripts/lib/pki.sh"
pki_scratch
cat >>"$work/ca.cnf" <<'CNF'

[ encipher_only ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ not_ca ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CNF

org="/C=NZ/O=MRA Gateway Tests"

# The real hierarchy: root (EC P-384) -> intermediate (RSA-2048) -> leaves.
pki_test_cas "$org" Test

key leaf ec:P-256
issue intermediate leaf "$org/CN=Test Signer" signer
key leaf-rsa rsa:3072
issue intermediate leaf-rsa "$org/CN=Test RSA Signer" signer
key leaf-twin ec:P-256
issue intermediate leaf-twin "$org/CN=Test Signer" signer
key leaf-expired ec:P-256
issue intermediate leaf-expired "$org/CN=Test Expired Signer" signer 20000101000000Z 20010101000000Z
key leaf-not-yet-valid ec:P-256
issue intermediate leaf-not-yet-valid "$org/CN=Test Future Signer" signer 20900101000000Z 20950101000000Z
key leaf-revoked ec:P-256
issue intermediate leaf-revoked "$org/CN=Test Revoked Signer" signer
key leaf-no-signing-usage ec:P-256
issue intermediate leaf-no-signing-usage "$org/CN=Test Encipherment Only" encipher_only
key leaf-rsa1024 rsa:1024
issue intermediate leaf-rsa1024 "$org/CN=Test Weak RSA-1024 Signer" signer
key leaf-p521 ec:P-521
issue intermediate leaf-p521 "$org/CN=Test P-521 Signer" signer

# An intermediate whose basicConstraints say CA:FALSE, and a leaf under it.
key not-ca ec:P-256 && cadir not-ca 3000
issue root not-ca "$org/CN=Test Not-A-CA Intermediate" not_ca
key leaf-under-not-ca ec:P-256
issue not-ca leaf-under-not-ca "$org/CN=Test Signer Under Non-CA" signer

# Rogues: a self-signed leaf, a root with the real root's subject but its own key
# (and a leaf under it), an intermediate impostor that signs a CRL, an unrelated root.
pki_test_rogues "$org" Test root
key rogue-intermediate rsa:2048 && cadir rogue-intermediate 2000
issue root rogue-intermediate "$org/CN=Test Intermediate CA" intermediate
key other-root ec:P-256 && cadir other-root 5000
issue other-root other-root "/C=SG/O=Other Programme/CN=Other Root CA" root

# CRLs. intermediate.crl.pem revokes leaf-revoked.pem.
pki_test_crls leaf-revoked
# Same issuer name as the real intermediate, signed by the impostor's key.
crl rogue-intermediate intermediate-wrong-key.crl.pem

certs=(root intermediate leaf leaf-rsa leaf-twin leaf-expired leaf-not-yet-valid leaf-revoked
    leaf-no-signing-usage leaf-rsa1024 leaf-p521 not-ca leaf-under-not-ca rogue-self-signed
    rogue-root rogue-leaf rogue-intermediate other-root)
for name in "${certs[@]}"; do
    cp "$work/$name.pem" "$out/$name.pem"
done
cp "$work/leaf.key" "$out/leaf.key.pem"
cp "$work/leaf-rsa.key" "$out/leaf-rsa.key.pem"
# The leaf key again, encrypted with the passphrase "fixture-passphrase".
openssl pkey -in "$work/leaf.key" -aes-256-cbc -passout pass:fixture-passphrase -out "$out/leaf.encrypted-key.pem"
# A bundle of two certificates, and the leaf in DER.
cat "$out/intermediate.pem" "$out/root.pem" >"$out/bundle.pem"
openssl x509 -in "$out/leaf.pem" -outform DER -out "$out/leaf.der"
echo "fixtures written to $out"

#!/usr/bin/env bash
# Generates the DEMO PKI for every programme of the catalogue (Mappings/programs.xml) into Certs/<programme>/.
#
#   bash scripts/make-demo-certs.sh            # all programmes
#   bash scripts/make-demo-certs.sh ctpat      # only some
#
# Everything written here is PUBLIC DEMO MATERIAL (the private keys are committed
# to the repository): never use it in production. See Certs/README.md.
#
# Layout (stable; keys and serial numbers are random on every run):
#   Certs/<p>/anchors/root.pem            DEMO root CA (the partner's trust anchor)
#   Certs/<p>/intermediates/intermediate.pem  the intermediate CA, untrusted (builds chains of leaf-only signatures)
#   Certs/<p>/crls/root.crl.pem           empty CRL issued by the root
#   Certs/<p>/crls/intermediate.crl.pem   empty CRL issued by the intermediate
#   Certs/<p>/demo/signer.key.pem         DEMO signing key (PKCS#8, unencrypted)
#   Certs/<p>/demo/signer.cert.pem        signing certificate (digitalSignature, nonRepudiation)
#   Certs/<p>/demo/chain.pem              the intermediate CA certificate
#   Certs/<p>/demo/README.txt             warning that the keys are public
#   Certs/<p>/partner.xml                 trust settings (schema: Schemas/partner-1.xsd)
# Certificates are valid 2025-01-01 .. 2075-12-31; CRLs are issued now with
# nextUpdate 2075-12-31. Re-running replaces all of the above in every programme it generates; the transport
# (TLS) material of scripts/make-demo-transport-certs.sh (transport/, demo/transport.*) is left as it is.
set -euo pipefail

root_dir="$(cd "$(dirname "$0")/.." && pwd)"
source "$root_dir/scripts/lib/pki.sh"
certs="$root_dir/Certs"

# The programmes are the catalogue's (Mappings/programs.xml), in its order: a programme added there gets its
# demo PKI from this script with no change to it.
catalogue="$root_dir/Mappings/programs.xml"
mapfile -t programmes < <(xmllint --xpath '//*[local-name()="program"]/@id' "$catalogue" | sed -E 's/^ *id="([^"]*)"$/\1/')
((${#programmes[@]} > 0)) || { echo "no programme in $catalogue" >&2; exit 2; }
all_programmes=" ${programmes[*]} "
if [[ $# -gt 0 ]]; then programmes=("$@"); fi

start="20250101000000Z"
end="20751231235959Z"
max_crl_age_days=36500

country() {
    case "$1" in
        ctpat) echo US ;;
        eu-aeo) echo EU ;;
        *) echo "${1%%-*}" | tr '[:lower:]' '[:upper:]' ;;
    esac
}

# Alternate algorithms so that RSA and both EC curves are exercised, by position in the catalogue:
# the first (ctpat) and every third programme after it use RSA-3072, the others P-256 or P-384.
algorithm() {
    local index=$1
    case $((index % 3)) in
        0) echo rsa:3072 ;;
        1) echo ec:P-256 ;;
        2) echo ec:P-384 ;;
    esac
}

# sign WORK CA NAME EXTENSIONS: CA signs WORK/NAME.csr (CA == NAME: self-signed).
sign() {
    local work="$1" ca="$2" name="$3" ext="$4" issuer=(-cert "$1/$2.pem")
    if [[ "$ca" == "$name" ]]; then issuer=(-selfsign); fi
    CA_DIR="$work/$ca" openssl ca -batch -notext -rand_serial -config "$work/ca.cnf" "${issuer[@]}" \
        -keyfile "$work/$ca.key" -extensions "$ext" -startdate "$start" -enddate "$end" \
        -in "$work/$name.csr" -out "$work/$name.pem" 2>"$work/ca.log" || { cat "$work/ca.log" >&2; return 1; }
}

# generate PROGRAMME
generate() {
    local p="$1" alg
    alg="$(algorithm "$(position "$p")")"
    local dn="/C=$(country "$p")/O=DEMO - not for production"
    local work
    work="$(mktemp -d)"
    pki_ca_config "$work/ca.cnf"
    for ca in root intermediate; do
        mkdir -p "$work/$ca/new"
        : >"$work/$ca/index.txt"
        echo 01 >"$work/$ca/crlnumber"
    done
    pki_genkey "$work/root.key" "$alg"
    openssl req -new -key "$work/root.key" -subj "$dn/CN=DEMO $p MRA Root CA" -out "$work/root.csr"
    sign "$work" root root root
    pki_genkey "$work/intermediate.key" "$alg"
    openssl req -new -key "$work/intermediate.key" -subj "$dn/CN=DEMO $p MRA Intermediate CA" \
        -out "$work/intermediate.csr"
    sign "$work" root intermediate intermediate
    pki_genkey "$work/signer.key" "$alg"
    openssl req -new -key "$work/signer.key" -subj "$dn/CN=DEMO $p MRA Signer" -out "$work/signer.csr"
    sign "$work" intermediate signer signer

    local out="$certs/$p"
    rm -rf "$out/anchors" "$out/intermediates" "$out/crls" "$out/partner.xml" "$out/demo/signer".* \
        "$out/demo/chain.pem" "$out/demo/README.txt"
    mkdir -p "$out/anchors" "$out/intermediates" "$out/crls" "$out/demo"
    for ca in root intermediate; do
        CA_DIR="$work/$ca" openssl ca -batch -config "$work/ca.cnf" -gencrl -keyfile "$work/$ca.key" \
            -cert "$work/$ca.pem" -crl_nextupdate "$end" -out "$out/crls/$ca.crl.pem" 2>"$work/ca.log" \
            || { cat "$work/ca.log" >&2; return 1; }
    done
    cp "$work/root.pem" "$out/anchors/root.pem"
    cp "$work/intermediate.pem" "$out/demo/chain.pem"
    cp "$work/intermediate.pem" "$out/intermediates/intermediate.pem"
    cp "$work/signer.pem" "$out/demo/signer.cert.pem"
    openssl pkey -in "$work/signer.key" -out "$out/demo/signer.key.pem"
    cat >"$out/demo/README.txt" <<TXT
DEMO MATERIAL - NEVER USE IN PRODUCTION

signer.key.pem is a private key that is committed to a public repository.
Anyone can sign with it. It exists only so that the $p demo partner can
sign and verify test messages end to end. chain.pem is the DEMO intermediate
CA, signer.cert.pem the DEMO signing certificate ($alg).

transport.key.pem and transport.cert.pem, when present, are the DEMO TLS
identity of the $p gateway for the exchange link (mutual TLS), issued by
../transport/anchors/root.pem and made by scripts/make-demo-transport-certs.sh:
public as well.

Generated by scripts/make-demo-certs.sh; see Certs/README.md for how an
operator replaces the anchors and CRLs and passes a real key by path.
TXT
    cat >"$out/partner.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- DEMO trust settings for $p. The demo CRLs are valid for decades, hence the
     large maxCrlAgeDays; production partners publish CRLs daily or weekly. -->
<partner xmlns="urn:mra-gateway:partner:1" program="$p" requireRevocationCheck="true" maxCrlAgeDays="$max_crl_age_days"/>
XML
    rm -rf "$work"
    echo "$p: $alg"
}

# position PROGRAMME: index in the full list, so the algorithm doesn't depend on "$@".
position() {
    local before="${all_programmes%% $1 *}"
    [[ "$before" != "$all_programmes" ]] || { echo "unknown programme: $1 (not in $catalogue)" >&2; return 1; }
    local words=($before)
    echo "${#words[@]}"
}

# Every name is checked before any key is made; then two programmes at a time (pki_parallel).
for p in "${programmes[@]}"; do position "$p" >/dev/null; done
pki_parallel generate "${programmes[@]}"
echo "demo PKI written to $certs"

#!/usr/bin/env bash
# Makes a SoftHSM2 token in a folder of its own and imports signing keys into it: a software stand-in for the
# hardware security module that holds our signing key in production (Certs/README.md, "Keys in a PKCS#11 token").
#
#   MRA_TOKEN_PIN=… bash scripts/softhsm-token.sh DIR [LABEL:KEY.pem …]
#   export SOFTHSM2_CONF=DIR/softhsm2.conf
#   mra-gateway sign --key 'pkcs11:token=mra;object=signer;type=private' --key-pin-env MRA_TOKEN_PIN \
#       --pkcs11-module /usr/lib/softhsm/libsofthsm2.so --cert Certs/ctpat/demo/signer.cert.pem FILE -o OUT
#
# Without LABEL:KEY pairs it imports the DEMO key of Certs/ctpat/demo/ as object "signer". Keys are unencrypted
# PKCS#8 PEM files (softhsm2-util --import); their ids are 01, 02, … in the order given. The token is labelled
# "mra"; its user PIN is MRA_TOKEN_PIN (required), its security-officer PIN random and not kept (this is a demo and
# test token: a production token's SO PIN is kept by its custodians). DIR must not hold a token already.
# Needs softhsm2 (Debian: apt-get install softhsm2; scripts/install-dependencies.sh installs it).
set -euo pipefail

root_dir="$(cd "$(dirname "$0")/.." && pwd)"
module=/usr/lib/softhsm/libsofthsm2.so
[[ $# -ge 1 ]] || { echo "usage: MRA_TOKEN_PIN=… $0 DIR [LABEL:KEY.pem …]" >&2; exit 2; }
[[ -n "${MRA_TOKEN_PIN:-}" ]] || { echo "$0: set MRA_TOKEN_PIN to the token's user PIN" >&2; exit 2; }
command -v softhsm2-util >/dev/null && [[ -f $module ]] || {
    echo "$0: SoftHSM2 is not installed ($module, softhsm2-util): apt-get install softhsm2" >&2
    exit 2
}
dir="$(mkdir -p "$1" && cd "$1" && pwd)"
shift
[[ ! -e "$dir/tokens" ]] || { echo "$0: $dir/tokens exists: give an empty folder" >&2; exit 2; }
keys=("$@")
[[ ${#keys[@]} -gt 0 ]] || keys=("signer:$root_dir/Certs/ctpat/demo/signer.key.pem")

mkdir -m 700 "$dir/tokens"
cat >"$dir/softhsm2.conf" <<CONF
directories.tokendir = $dir/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
export SOFTHSM2_CONF="$dir/softhsm2.conf"

so_pin="$(openssl rand -hex 16)"
softhsm2-util --init-token --free --label mra --so-pin "$so_pin" --pin "$MRA_TOKEN_PIN" >/dev/null
id=1
for pair in "${keys[@]}"; do
    label="${pair%%:*}"
    file="${pair#*:}"
    softhsm2-util --import "$file" --token mra --label "$label" --id "$(printf '%02x' "$id")" \
        --pin "$MRA_TOKEN_PIN" >/dev/null
    id=$((id + 1))
done
echo "$SOFTHSM2_CONF"

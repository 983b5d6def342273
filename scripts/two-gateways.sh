#!/usr/bin/env bash
# Two gateways on one machine, linked over HTTPS with mutual TLS (docs/exchange-link.md), on the DEMO PKI:
#   A, CBP's gateway (own program ctpat) on https://127.0.0.1:8443
#   B, the EU's gateway (own program eu-aeo) on https://127.0.0.1:8444
# each with its own home (a copy of Schemas/, Mappings/, Certs/), exchange root and registry under OUT.
# A loads CTPAT's list and pushes it to B; then a suspension dropped into A's inbox reaches B's lookup.
#
#   bash scripts/two-gateways.sh [OUT]      # default out/two-gateways; both gateways stop when it ends
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-out/two-gateways}"
rm -rf "$out" && mkdir -p "$out/a" "$out/b"
out="$(cd "$out" && pwd)"
swift build -c release --product mra-gateway >/dev/null
gw="$PWD/.build/release/mra-gateway"
for site in a b; do cp -r Schemas Mappings Certs "$out/$site/"; done
a() { MRA_GATEWAY_HOME="$out/a" "$gw" exchange "$@" --root "$out/a/exchange" --own-program ctpat; }
b() { MRA_GATEWAY_HOME="$out/b" "$gw" exchange "$@" --root "$out/b/exchange" --own-program eu-aeo; }
lookup_at_b() { MRA_GATEWAY_HOME="$out/b" "$gw" lookup 7730145521 --root "$out/b/exchange" "$@"; }
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
# wait_for WHAT COMMAND…: runs COMMAND every 0.1 s until it succeeds, for at most 60 s.
wait_for() {
    local what="$1"; shift
    for _ in $(seq 600); do "$@" && return 0; sleep 0.1; done
    echo "$what did not happen within 60 s; see $out/a.log and $out/b.log" >&2; exit 1
}
suspended_at_b() { [[ "$(lookup_at_b --format json 2>/dev/null)" == *'"status":"suspended"'* ]]; }

# B serves; A's trust store of eu-aeo names B's endpoint, and A sends B its own (CTPAT) format.
b serve --port 8444 --log-level notice 2>"$out/b.log" &
sed -i 's|maxCrlAgeDays="36500"/>|maxCrlAgeDays="36500" sendFormat="own">\n  <endpoint url="https://127.0.0.1:8444"/>\n</partner>|' \
    "$out/a/Certs/eu-aeo/partner.xml"

# CTPAT's own list (signed by CBP's DEMO identity) loaded at A, then A serves: the full list goes to B at once.
demo="$out/a/Certs/ctpat/demo"
mkdir -p "$out/a/exchange/inbox/ctpat"
"$gw" sign --home "$out/a" --key "$demo/signer.key.pem" --cert "$demo/signer.cert.pem" --chain "$demo/chain.pem" \
    Examples/ctpat/ctpat-partners-2026-11.xml -o "$out/a/exchange/inbox/ctpat/ctpat-full.xml" 2>/dev/null
a run --log-level error >/dev/null
a serve --port 8443 --log-level notice 2>"$out/a.log" &
wait_for "the full list at B" eval "lookup_at_b >/dev/null 2>&1"
echo "B knows CBP's member 7730145521:"
lookup_at_b | grep -E "status|benefits" || true

# A suspension at A: a delta of CTPAT's list, signed, renamed into A's inbox.
sed -e 's|<TransmissionType>FULL|<TransmissionType>DELTA|; s|CBP-CTPAT-MRA-202611-0007|CBP-CTPAT-MRA-202611-0101|' \
    -e 's|2026-11-03T14:20:00-05:00|2026-11-20T10:00:00-05:00|' \
    -e '0,/<CertificationStatus>CERTIFIED<\/CertificationStatus>/s//<CertificationStatus>SUSPENDED<\/CertificationStatus><StatusReason>security review<\/StatusReason>/' \
    Examples/ctpat/ctpat-partners-2026-11.xml >"$out/delta.xml"
"$gw" sign --home "$out/a" --key "$demo/signer.key.pem" --cert "$demo/signer.cert.pem" --chain "$demo/chain.pem" \
    "$out/delta.xml" -o "$out/a/exchange/.delta.xml" 2>/dev/null
start=$(date +%s%N)
mv "$out/a/exchange/.delta.xml" "$out/a/exchange/inbox/ctpat/ctpat-delta.xml"
wait_for "the suspension at B" suspended_at_b
echo "the suspension reached B's lookup $((($(date +%s%N) - start) / 1000000)) ms after it was dropped into A's inbox:"
lookup_at_b | grep -E "status|benefits" || true
echo "ledgers: $gw exchange status --root $out/a/exchange  (and $out/b/exchange); logs: $out/a.log, $out/b.log"

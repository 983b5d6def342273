#!/usr/bin/env bash
# Sets up a fresh machine and runs the gateway's main job, the daily exchange, on a fresh folder:
# stage a signed file from every partner, process the inbox into the registry, show the result;
# then the single-file checks and translations on the embedded samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift build -c release --product mra-gateway
gateway=".build/release/mra-gateway"
out="${1:-out/demo}"
root="$out/exchange"
rm -rf "$root"
mkdir -p "$out"

echo "== exchange demo: signed partner files in $root/inbox/ (plus a duplicate, a tampered file, an old delta, an unsigned file)"
"$gateway" exchange demo --root "$root" --with-problems
echo "== exchange run: verify, check, load in one transaction each, archive or quarantine, receipts"
status=0
"$gateway" exchange run --root "$root" --log-level warning || status=$?
echo "exit code $status (1: some files were quarantined, as staged)"
test "$status" -eq 1
echo "== quarantine: every file with its reason"
for reason in "$root"/quarantine/*/*.reason.txt; do
    echo "-- $reason"
    sed -n '1,4p;/^$/,$p' "$reason"
done
echo "== exchange export: our eligible CTPAT members to the EU, signed, in the EU format"
"$gateway" exchange export --root "$root" --program eu-aeo --log-level error
"$gateway" verify --partner ctpat "$root"/outbox/eu-aeo/*.xml
echo "== exchange status"
"$gateway" exchange status --root "$root" --last 6
echo "== registry export: $out/registry.jsonl (first line)"
"$gateway" registry export --root "$root" > "$out/registry.jsonl"
head -1 "$out/registry.jsonl"
echo "== run again: nothing left to do"
"$gateway" exchange run --root "$root" --log-level warning

echo "== a broken file: every problem with file, line, record, field and rule"
"$gateway" validate --program eu-aeo Examples/eu-aeo/broken-eu-aeo-list.xml || true
echo "== translate eu-aeo → ctpat → eu-aeo"
"$gateway" translate --from eu-aeo --to ctpat Examples/eu-aeo/eu-aeo-list-2026-11.xml -o "$out/eu-aeo-as-ctpat.xml"
"$gateway" translate --from ctpat --to eu-aeo "$out/eu-aeo-as-ctpat.xml" -o "$out/eu-aeo-round-trip.xml"
"$gateway" inspect --format json --program eu-aeo Examples/eu-aeo/eu-aeo-list-2026-11.xml > "$out/original.jsonl"
"$gateway" inspect --format json --program eu-aeo "$out/eu-aeo-round-trip.xml" > "$out/round-trip.jsonl"
cmp "$out/original.jsonl" "$out/round-trip.jsonl" && echo "round trip: identical canonical records ($(wc -l < "$out/original.jsonl") records)"
xmllint --noout --schema Schemas/formats/ctpat-1.xsd "$out/eu-aeo-as-ctpat.xml"
echo "outputs in $out/"

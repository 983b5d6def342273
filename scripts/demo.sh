#!/usr/bin/env bash
# Sets up a fresh machine and runs the gateway's main job on the embedded
# samples: check the partner files, translate the EU list to CTPAT and back.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift build -c release --product mra-gateway
gateway=".build/release/mra-gateway"
out="${1:-out/demo}"
mkdir -p "$out"

echo "== programs"
"$gateway" programs
for folder in Examples/*/; do
    program=$(basename "$folder")
    for file in "$folder"*.xml; do
        case "$(basename "$file")" in broken*) continue ;; esac
        echo "== validate $file"
        "$gateway" validate --program "$program" "$file"
    done
done
echo "== a broken file: every problem with file, line, record, field and rule"
"$gateway" validate --program eu-aeo Examples/eu-aeo/broken-eu-aeo-list.xml || true
echo "== translate eu-aeo → ctpat → eu-aeo"
"$gateway" translate --from eu-aeo --to ctpat Examples/eu-aeo/eu-aeo-list-2026-11.xml -o "$out/eu-aeo-as-ctpat.xml"
"$gateway" translate --from ctpat --to eu-aeo "$out/eu-aeo-as-ctpat.xml" -o "$out/eu-aeo-round-trip.xml"
"$gateway" inspect --program eu-aeo Examples/eu-aeo/eu-aeo-list-2026-11.xml > "$out/original.jsonl"
"$gateway" inspect --program eu-aeo "$out/eu-aeo-round-trip.xml" > "$out/round-trip.jsonl"
cmp "$out/original.jsonl" "$out/round-trip.jsonl" && echo "round trip: identical canonical records ($(wc -l < "$out/original.jsonl") records)"
xmllint --noout --schema Schemas/formats/ctpat-1.xsd "$out/eu-aeo-as-ctpat.xml"
echo "outputs in $out/"

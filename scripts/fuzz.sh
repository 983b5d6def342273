#!/usr/bin/env bash
# Builds one libFuzzer target (or each in turn: all) with AddressSanitizer and LeakSanitizer, and fuzzes it for
# SECONDS, starting from the committed corpus in Tests/FuzzCorpus/TARGET (read only). New inputs go to a scratch
# corpus in $MRA_FUZZ_DIR (default /tmp/mra-fuzz/TARGET/corpus), crashes, leaks and time-outs to
# /tmp/mra-fuzz/TARGET/artifacts/, libFuzzer's output to /tmp/mra-fuzz/TARGET/fuzz.log. Exit status: libFuzzer's
# (0 when nothing was found). More arguments go to libFuzzer. See docs/fuzzing.md.
#
#   bash scripts/fuzz.sh secure-reader 600
#   bash scripts/fuzz.sh all 60
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(secure-reader mapping-reader signature-verifier findings-reader lookup-request)
usage() {
    echo "usage: $0 TARGET|all SECONDS [libFuzzer options…]; targets: ${targets[*]}" >&2
    exit 2
}
[ $# -ge 2 ] || usage
target=$1
seconds=$2
shift 2
[[ $seconds =~ ^[0-9]+$ ]] || usage

if [ "$target" = all ]; then
    for each in "${targets[@]}"; do
        bash "$0" "$each" "$seconds" "$@"
    done
    exit 0
fi
[[ " ${targets[*]} " == *" $target "* ]] || usage

case $target in
    lookup-request) dictionary=Tests/FuzzCorpus/http.dict ;;
    *) dictionary=Tests/FuzzCorpus/xml.dict ;;
esac

# SwiftPM's --sanitize=fuzzer leaves main to libFuzzer when it links an executable (with -Xswiftc alone the link
# fails), and instruments the C targets. It passes swiftc one -sanitize= per sanitizer, of which swiftc keeps only
# the last: -Xswiftc -sanitize=fuzzer,address, which comes after them, gives Swift code both coverage and ASan.
# MRA_FUZZING drops the executable's replay main. Its own scratch path: the normal .build stays as it is. A fixed
# environment: a build from another environment recompiles every package.
env -i PATH="$PATH" HOME="$HOME" swift build --scratch-path .build-fuzz -c debug --sanitize=fuzzer --sanitize=address \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DMRA_FUZZING --product mra-fuzz
binary=.build-fuzz/debug/mra-fuzz

work=${MRA_FUZZ_DIR:-/tmp/mra-fuzz}/$target
mkdir -p "$work/corpus" "$work/artifacts"
echo "fuzzing $target for ${seconds}s: $binary, scratch corpus $work/corpus, log $work/fuzz.log"

# No Swift backtracer on a crash (it would hold the output open); ASan's report and libFuzzer's artifact suffice.
# LeakSanitizer is on with AddressSanitizer on Linux; libFuzzer also checks each new input for leaks. Leaks inside
# libxml2 itself are suppressed (Tests/FuzzCorpus/lsan.supp says why).
status=0
MRA_FUZZ_TARGET=$target SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 \
    LSAN_OPTIONS=suppressions="$PWD/Tests/FuzzCorpus/lsan.supp" \
    "$binary" "$work/corpus" "Tests/FuzzCorpus/$target" \
    -dict="$dictionary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$@" >"$work/fuzz.log" 2>&1 || status=$?
grep -E '^#[0-9]+ +(INITED|DONE)|^stat::|^Done|ERROR|SUMMARY|Test unit written|^artifact' "$work/fuzz.log" || true
exit $status

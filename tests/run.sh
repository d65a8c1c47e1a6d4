#!/bin/sh
# Runs every test against the programs in BUILD (make test uses the sanitizer build) and ends
# with the line "N passed, N failed". Each test prints "PASS name" or "FAIL name: expected/got".
# usage: tests/run.sh BUILD
set -u
BUILD=${1:-build/asan}
export BUILD
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Each file's name and how long it took, so a slow one is seen (make test should stay near 8 min).
took() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "   %.1f s\n", b - a }'; }
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    echo "== $name"
    from=$(date +%s.%N)
    "$t" >>"$log" 2>&1
    rc=$?
    took "$from"
    # A crash or a sanitizer report fails the file even if every check passed.
    [ $rc -ne 0 ] && ! grep -q '^FAIL' "$log" && echo "FAIL $name: exited with status $rc" >>"$log"
    grep -E '^(PASS|FAIL)' "$log" | grep '^FAIL' || true
    cat "$log" >>"$log.all"
    : >"$log"
done
for t in tests/*_test.sh; do
    echo "== $(basename "$t")"
    from=$(date +%s.%N)
    sh "$t" >"$log" 2>&1
    took "$from"
    grep '^FAIL' "$log" || true
    cat "$log" >>"$log.all"
    : >"$log"
done
passed=$(grep -c '^PASS' "$log.all")
failed=$(grep -c '^FAIL' "$log.all")
rm -f "$log.all"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

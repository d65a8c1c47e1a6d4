#!/bin/sh
# Runs every test against the programs in BUILD (make test uses the sanitizer build) and ends
# with the line "N passed, N failed". Each test prints "PASS name" or "FAIL name: expected/got".
# usage: tests/run.sh BUILD
#
# The test files run two at a time (PALLAY_TEST_JOBS=N for another number; 1: one after the
# other), the slowest first, each in its own temporary folder on its own port and display. The
# few that measure time themselves (a start within 2 s, 1.5 s of recording, inputs per second)
# or share X display numbers run afterwards, alone.
set -u
BUILD=${1:-build/asan}
export BUILD
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
JOBS=${PALLAY_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$JOBS" -gt 2 ] 2>/dev/null && JOBS=2
[ "$JOBS" -ge 1 ] 2>/dev/null || JOBS=1
OUT=$(mktemp -d /tmp/pallay-run.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

# Slowest first (as measured on a two-core machine), so both lanes end near the same time; the
# others follow in name order.
SLOW="test_kill packs_test screens_test netpack_test network_test davfault_test privacy_test sync_test usb_test webdav_test
      writers_test report_test learner_test facilitator_test"
ALONE="service_test recording_test tellus_test soak_test fullscreen_test"
alone() { case " $(echo $ALONE) " in *" $1 "*) return 0 ;; esac; return 1; }

# Every test file as "NAME COMMAND": unit test binaries, then shell tests.
{
    for t in "$BUILD"/tests/test_*; do [ -x "$t" ] && echo "$(basename "$t") $t"; done
    for t in tests/*_test.sh; do echo "$(basename "$t" .sh) sh $t"; done
} >"$OUT/all"
{
    for s in $SLOW; do grep "^$s " "$OUT/all"; done
    while read -r name cmd; do
        case " $(echo $SLOW) " in *" $name "*) continue ;; esac
        alone "$name" || echo "$name $cmd"
    done <"$OUT/all"
} >"$OUT/shared"
for a in $ALONE; do grep "^$a " "$OUT/all"; done >"$OUT/alone"

# one NAME COMMAND...: runs one test file, its output in $OUT/NAME.log; then prints its name, how
# long it took and its failures in one write, so two lanes never mix their lines.
one() {
    name=$1
    shift
    from=$(date +%s.%N)
    "$@" >"$OUT/$name.log" 2>&1
    rc=$?
    # A crash or a sanitizer report fails a unit test binary even if every check passed.
    case "$name" in test_*) [ $rc -ne 0 ] && ! grep -q '^FAIL' "$OUT/$name.log" && echo "FAIL $name: exited with status $rc" >>"$OUT/$name.log" ;; esac
    report=$(awk -v a="$from" -v b="$(date +%s.%N)" -v n="$name" 'BEGIN { printf "== %s   %.1f s\n", n, b - a }'
        grep '^FAIL' "$OUT/$name.log")
    printf '%s\n' "$report"
}

# lane LIST: runs every file of LIST nobody has taken yet (mkdir is the atomic claim).
lane() {
    while read -r name cmd; do
        mkdir "$OUT/claim.$name" 2>/dev/null || continue
        one "$name" $cmd </dev/null
    done <"$1"
}

i=0
while [ $i -lt "$JOBS" ]; do
    lane "$OUT/shared" &
    i=$((i + 1))
done
wait
lane "$OUT/alone"

cat "$OUT"/*.log >"$OUT/every"
passed=$(grep -c '^PASS' "$OUT/every")
failed=$(grep -c '^FAIL' "$OUT/every")
missing=$(while read -r name cmd; do [ -f "$OUT/$name.log" ] || echo "$name"; done <"$OUT/all")
[ -z "$missing" ] || { echo "FAIL these test files did not run: $missing"; failed=$((failed + 1)); }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

# The fuzz corpus replayed without libFuzzer: every seed and every crash reproducer found so far
# (tests/fuzz/NAME/) through its target, built with the normal compiler and the sanitizers
# (BUILD/tests/fuzz_replay_NAME). One line per target with the count of files; a fault fails it.
. tests/lib.sh

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for dir in tests/fuzz/*/; do
    name=$(basename "$dir")
    bin="$BUILD/tests/fuzz_replay_$name"
    files=$(find "$dir" -type f | sort)
    count=$(printf '%s\n' "$files" | grep -c .)
    if [ ! -x "$bin" ]; then fail "fuzz corpus $name" "expected $bin (make $bin), got none"; continue; fi
    # Each run writes its temporary input file under TMP, which lib.sh removes.
    TMPDIR="$TMP" "$bin" $files >"$TMP/$name.out" 2>&1
    rc=$?
    got=$(tail -1 "$TMP/$name.out")
    if [ $rc -eq 0 ] && [ "$got" = "$count files" ]; then
        pass "fuzz corpus $name: $count files"
    else
        fail "fuzz corpus $name" "expected $count files replayed cleanly, got status $rc: $(grep -m3 -E 'ERROR|runtime error|SUMMARY' "$TMP/$name.out" | tr '\n' ' ')"
    fi
done

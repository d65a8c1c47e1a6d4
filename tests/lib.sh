# Helpers for the shell tests: run the kiosk headless, check its trace and outputs.
# Each check prints "PASS name" or "FAIL name: expected ..., got ...".
BUILD=${BUILD:-build/asan}
TMP=$(mktemp -d /tmp/pallay-test.XXXXXX)
trap '[ -n "${PALLAY_KEEP:-}" ] || rm -rf "$TMP"' EXIT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
# same NAME GOT WANT: two strings are equal.
same() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$3', got '$2'"; fi; }
# wait_for FILE PATTERN: waits (up to 30 s) for a line matching PATTERN in FILE; 1 if none came.
wait_for() {
    n=0
    until grep -Eq -- "$2" "$1" 2>/dev/null; do
        n=$((n + 1))
        [ $n -gt 600 ] && return 1
        sleep 0.05
    done
}

# flip FILE OFFSET VALUE: xors one byte of FILE in place (a VALUE other than 0 always changes it).
flip() {
    old=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    printf "\\$(printf %03o $((old ^ $3)))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# pin PIN: the script steps that type PIN on the facilitator's pad and touch OK.
pin() { for d in $(printf '%s' "$1" | sed 's/./& /g'); do echo "tap pin:$d"; done; echo "tap pin:ok"; }

# signin_mine: the script of a learner registered as llama/red (pallayctl add-participant --sign
# llama/red) who picks Spanish and signs in by her sign (each button touched twice: the first
# touch says what it is, the second does it), to her home screen.
signin_mine() {
    printf 'tap lang:es\ntap lang:es\nexpect screen who\ntap mine\ntap mine\ntap symbol:llama\ntap symbol:llama\n'
    printf 'tap colour:red\ntap colour:red\nexpect screen home\n'
}

# signin_play MODULE [SLIDES]: signin_mine, then she opens MODULE and, with SLIDES, turns that
# many slides to its quiz.
signin_play() {
    signin_mine
    printf 'tap play:%s\n' "$1"
    i=0
    while [ "$i" -lt "${2:-0}" ]; do echo 'tap next'; i=$((i + 1)); done
    [ -z "${2:-}" ] || echo "expect quiz question module=$1 q=1"
}

# kiosk NAME SCRIPT-TEXT [flags...]: runs the kiosk headless on the script, trace in $TMP/NAME.trace,
# stderr in $TMP/NAME.err, exit status in $TMP/NAME.rc. The kiosk ends with its script; timeout
# stops it (by its own PID) if it hangs.
kiosk() {
    name=$1; script=$2; shift 2
    printf '%s\n' "$script" >"$TMP/$name.script"
    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout -k 5 120 "$BUILD/pallay" \
        --db "$TMP/$name.db" --trace "$TMP/$name.trace" --script "$TMP/$name.script" --pin_setup 0 "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    echo $? >"$TMP/$name.rc"
}

# on KIOSK NAME ARGS...: pallayctl ($CTL, set by the test) on kiosk KIOSK's machine
# ($TMP/KIOSK.machine), stdin the facilitator PIN; output in $TMP/NAME.out and .err, status in .rc.
on() {
    kiosk=$1; name=$2; shift 2
    printf '2580\n2580\n' | PALLAY_MACHINE_ID="$TMP/$kiosk.machine" "$CTL" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    echo $? >"$TMP/$name.rc"
}

# expect_rc NAME RUN WANT: the run's exit status.
expect_rc() {
    got=$(cat "$TMP/$2.rc")
    if [ "$got" = "$3" ]; then pass "$1"; else fail "$1" "expected exit status $3, got $got; stderr: $(tail -3 "$TMP/$2.err" | tr '\n' ' ')"; fi
}

# expect_line NAME FILE PATTERN: FILE has a line matching the extended regex PATTERN.
expect_line() {
    if grep -Eq -- "$3" "$2"; then pass "$1"; else fail "$1" "expected a line matching /$3/ in $(basename "$2"), got: $(tail -4 "$2" | tr '\n' '|')"; fi
}

# expect_no_line NAME FILE PATTERN
expect_no_line() {
    if grep -Eq -- "$3" "$2"; then fail "$1" "expected no line matching /$3/, got: $(grep -E -- "$3" "$2" | head -2 | tr '\n' '|')"; else pass "$1"; fi
}

# expect_count NAME FILE PATTERN N: exactly N lines match.
expect_count() {
    got=$(grep -Ec -- "$3" "$2")
    if [ "$got" = "$4" ]; then pass "$1"; else fail "$1" "expected $4 lines matching /$3/, got $got"; fi
}

# expect_seq NAME FILE P1 P2 ...: lines matching the patterns appear in this order.
expect_seq() {
    name=$1; file=$2; shift 2
    rest=$(cat "$file")
    for p in "$@"; do
        line=$(printf '%s\n' "$rest" | grep -nE -- "$p" | head -1 | cut -d: -f1)
        if [ -z "$line" ]; then fail "$name" "expected /$p/ after the previous steps, got none (trace: $file)"; return; fi
        rest=$(printf '%s\n' "$rest" | tail -n +"$((line + 1))")
    done
    pass "$name"
}

# A copy of the shipped content (assets, locales, built content) to break on purpose.
copy_content() {
    mkdir -p "$1/build"
    cp -r assets locales "$1/"
    cp -r build/content "$1/build/content"
}

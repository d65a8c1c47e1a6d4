# The kiosk's compose table (assets/x11.compose), which replaces the locale's under X11 for a
# faster start: every dead-key sequence in it types its letter through libX11's input method,
# on an X server of the test's own (its keyboard mapping is changed); and the kiosk reads it,
# unless the user chose a table of her own.
. tests/lib.sh

# An X display of its own: Xvfb picks a free display number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 800x480x24 -nolisten tcp 3>"$TMP/display" 2>"$TMP/xvfb.err" &
xpid=$!
trap 'kill "$xpid" 2>/dev/null; rm -rf "$TMP"' EXIT
wait_for "$TMP/display" '^[0-9]+$' || fail "Xvfb starts" "no display number; $(tail -2 "$TMP/xvfb.err")"
export DISPLAY=":$(cat "$TMP/display")"

# The kiosk under X11 reads its own table, unless the user chose one: a ~/.XCompose of hers, or
# XCOMPOSEFILE. (Its start trace says which.)
compose_of() {
    d="$TMP/$1"; shift
    mkdir -p "$d/home"
    printf 'expect screen language\nquit\n' >"$d/script"
    env HOME="$d/home" SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy "$@" \
        "$BUILD/pallay" --software --db "$d/db" --pin_setup 0 --trace "$d/trace" --script "$d/script" >"$d/out" 2>&1
    sed -n 's/.* start .*compose=\([a-z]*\).*/\1/p' "$d/trace"
}
same "the kiosk under X11 reads its own compose table" "$(compose_of own)" kiosk
mkdir -p "$TMP/hers/home" && echo 'include "%L"' >"$TMP/hers/home/.XCompose"
same "a ~/.XCompose of the user's is kept" "$(compose_of hers)" user
same "an XCOMPOSEFILE the user set is kept" "$(compose_of chosen XCOMPOSEFILE=/usr/share/X11/locale/en_US.UTF-8/Compose)" user

"$BUILD/tests/x11compose" assets/x11.compose >"$TMP/out" 2>"$TMP/err"
rc=$?
cat "$TMP/out"
same "x11compose writes nothing on stderr" "$(head -3 "$TMP/err")" ""
same "x11compose ends with success" "$rc" 0

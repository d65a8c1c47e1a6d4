# Fullscreen on a kiosk, which has no window manager: the X root window (what the screen shows)
# must be the kiosk's own picture of itself, at every size, with nothing shifted or cut.
. tests/lib.sh

# fullscreen W H: runs the kiosk fullscreen on its own Xvfb screen of WxH (no window manager),
# waits for its screenshot of the first screen, then compares the root window with it.
fullscreen() {
    w=$1; h=$2; d="$TMP/fs-$w"
    mkdir -p "$d"
    printf 'expect screen language\nshot %s/kiosk.png\nexpect shot\nwait 60000\nquit\n' "$d" >"$d/script"
    # xvfb-run starts only the X server: no window manager, as on a kiosk.
    xvfb-run -a -s "-screen 0 ${w}x${h}x24 -nolisten tcp" sh -c '
        d=$1; shift
        SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy "$@" >"$d/out" 2>"$d/err" &
        pid=$!
        n=0
        # Wait for the screenshot, then for the screen to show it (the frame is presented just
        # after): compare the root window with it until they agree, or give up after 10 s.
        until grep -q "^t=[0-9]* shot" "$d/trace" 2>/dev/null; do
            n=$((n + 1)); [ $n -gt 200 ] && break; sleep 0.05
        done
        n=0
        while [ $n -lt 100 ]; do
            xwd -root -silent -out "$d/root.xwd" && xwdtopnm "$d/root.xwd" >"$d/root.ppm" 2>/dev/null &&
                pngtopnm "$d/kiosk.png" >"$d/kiosk.ppm" 2>/dev/null &&
                cmp -s "$d/root.ppm" "$d/kiosk.ppm" && break
            n=$((n + 1)); sleep 0.1
        done
        xwininfo -root -tree | grep -i "\"pallay\"" >"$d/window"
        kill "$pid"; wait "$pid"
    ' sh "$d" "$BUILD/pallay" --fullscreen 1 --software --db "$d/db" --pin_setup 0 --trace "$d/trace" --script "$d/script"
    geometry=$(sed -n 's/.*) *\([0-9]*x[0-9]*+-*[0-9]*+-*[0-9]*\).*/\1/p' "$d/window" | head -1)
    if [ "$geometry" = "${w}x${h}+0+0" ]; then pass "fullscreen at ${w}x${h} without a window manager: the window covers the screen"
    else fail "fullscreen at ${w}x${h} without a window manager: the window covers the screen" "expected ${w}x${h}+0+0, got \"$geometry\""; fi
    if [ -s "$d/kiosk.ppm" ] && cmp -s "$d/root.ppm" "$d/kiosk.ppm"; then
        pass "fullscreen at ${w}x${h}: the screen shows exactly the kiosk's own screenshot"
    else
        fail "fullscreen at ${w}x${h}: the screen shows exactly the kiosk's own screenshot" \
            "expected the root window ($(head -c 20 "$d/root.ppm" 2>/dev/null | sed -n 2p)) equal to the screenshot ($(head -c 20 "$d/kiosk.ppm" 2>/dev/null | sed -n 2p)), PSNR: $(pnmpsnr "$d/root.ppm" "$d/kiosk.ppm" 2>&1 | grep -o 'Y: *[0-9.a-z]* *dB')"
    fi
    expect_line "fullscreen at ${w}x${h}: the kiosk lays out for the whole screen" "$d/trace" "start size=${w}x${h} "
}

fullscreen 800 480
fullscreen 1920 1080

# make run: the default 1280x800 window on a smaller screen is shrunk to fit it, not cut off.
d="$TMP/fit"; mkdir -p "$d"
printf 'expect screen language\nquit\n' >"$d/script"
xvfb-run -a -s "-screen 0 1024x600x24 -nolisten tcp" env SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy \
    "$BUILD/pallay" --software --db "$d/db" --pin_setup 0 --trace "$d/trace" --script "$d/script" >"$d/out" 2>"$d/err"
size=$(sed -n 's/.*start size=\([0-9]*\)x\([0-9]*\) .*/\1 \2/p' "$d/trace")
set -- $size
if [ -n "$size" ] && [ "$1" -le 1024 ] && [ "$2" -le 600 ]; then pass "a window too big for the screen is shrunk to fit it"
else fail "a window too big for the screen is shrunk to fit it" "expected at most 1024x600 on a 1024x600 screen, got \"$size\""; fi

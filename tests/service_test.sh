# The kiosk as its service runs it: installed (make install), started by kiosk/pallay.service's own
# command line, environment, working folder and watchdog, through a supervisor of the test's own
# that reads that unit and acts as systemd does (tests/supervise.py: this machine's PID 1 is not
# systemd, so systemd-run cannot be used). The screen is an Xvfb display: this machine's kernel
# has no DRM device, virtual (vkms) or real, for the unit's SDL_VIDEODRIVER=kmsdrm, which is the
# one setting the test overrides (with the watchdog's 30 s, shortened to 2 s).
# Checked: the first screen is up and READY=1 said within 2 s of each start, the screen shows it,
# a SIGKILLed kiosk comes back, a hung one (SIGSTOP) is killed by the watchdog and comes back.
. tests/lib.sh

P="$TMP/usr" E="$TMP/etc" V="$TMP/var"
make --no-print-directory install BUILD="$BUILD" SAN=1 PREFIX="$P" SYSCONFDIR="$E" STATEDIR="$V" >"$TMP/install.out" 2>&1
same "make install succeeds" "$?" 0
# As the deploy steps say: the facilitator's PIN is set before the first start.
printf '2580\n2580\n' | "$P/bin/pallayctl" set-pin "$V/pallay.db" --name "Rosa Quispe" >"$TMP/pin.out" 2>&1
same "the PIN is set beforehand" "$?" 0
# Xvfb has no GPU: SDL's GL renderer would run on Mesa's software GL, which alone takes 0.9 s to
# start (2 s under the sanitizers). A board without a working GPU driver is set the same way.
printf 'trace = %s\nsoftware = 1\n' "$TMP/kiosk.trace" >>"$E/pallay/pallay.conf"
sed -e "s|/usr/local/bin/pallay|$P/bin/pallay|" -e "s|/etc/pallay/|$E/pallay/|" -e "s|^WorkingDirectory=.*|WorkingDirectory=$V|" \
    kiosk/pallay.service >"$TMP/pallay.service"

# An X display of its own: Xvfb picks a free display number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 800x480x24 -nolisten tcp 3>"$TMP/display" 2>"$TMP/xvfb.err" &
xpid=$!
wait_for "$TMP/display" '^[0-9]+$' || fail "Xvfb starts" "no display number; $(tail -2 "$TMP/xvfb.err")"
export DISPLAY=":$(cat "$TMP/display")"

python3 tests/supervise.py "$TMP/pallay.service" --log "$TMP/sup.log" --env SDL_VIDEODRIVER=x11 --env SDL_AUDIODRIVER=dummy \
    --watchdog-sec 2 --time-limit 100 &
spid=$!
wait_for "$TMP/sup.log" '^unit'
expect_line "the supervisor reads the unit: notify, restart always, its watchdog (30 s, shortened)" "$TMP/sup.log" \
    "^unit type=notify restart=always restart_sec=2 watchdog_sec=2 unit_watchdog_sec=30$"

# ready N: waits for the Nth READY=1, then prints that start's pid and ms from exec to READY=1.
ready() {
    n=0
    until [ "$(grep -c '^ready ' "$TMP/sup.log")" -ge "$1" ]; do
        n=$((n + 1)); [ $n -gt 600 ] && return 1; sleep 0.05
    done
    grep '^ready ' "$TMP/sup.log" | sed -n "${1}p" | sed 's/^ready pid=\([0-9]*\) ms=\([0-9]*\)$/\1 \2/'
}
up_in_time() {
    ms=${2#* }
    if [ -n "$2" ] && [ "$ms" -le 2000 ]; then pass "$1"; else fail "$1" "expected READY=1 within 2000 ms of the start, got '${ms:-none}' ms"; fi
}

r1=$(ready 1); pid1=${r1%% *}
up_in_time "at boot the kiosk is up within 2 s, and says READY=1" "$r1"
expect_line "its first screen, fullscreen on the whole display" "$TMP/kiosk.trace" "start size=800x480 "
expect_line "is the language choice" "$TMP/kiosk.trace" "screen language"
xwd -root -silent -out "$TMP/screen.xwd" && xwdtopnm "$TMP/screen.xwd" 2>/dev/null | pnmtopng >"$TMP/screen.png" 2>/dev/null
colours=$(xwdtopnm "$TMP/screen.xwd" 2>/dev/null | ppmhist -noheader 2>/dev/null | wc -l)
same "the screen shows it (a picture of many colours, not a blank screen)" "$([ "$colours" -gt 50 ] && echo yes || echo "$colours colours")" yes
[ -n "${PALLAY_SHOTS:-}" ] && cp "$TMP/screen.png" "$PALLAY_SHOTS/service-boot.png"

# Killed (a crash, the OOM killer): the supervisor brings it back.
kill -KILL "$pid1"
r2=$(ready 2); pid2=${r2%% *}
expect_line "a SIGKILLed kiosk is seen to exit" "$TMP/sup.log" "^exit pid=$pid1 status=-9$"
same "and is started again, a new process" "$([ -n "$pid2" ] && [ "$pid2" != "$pid1" ] && echo yes)" yes
up_in_time "which is up within 2 s again" "$r2"

# Hung (SIGSTOP: a main loop that never comes back): its pings stop, the watchdog kills it.
kill -STOP "$pid2"
r3=$(ready 3); pid3=${r3%% *}
expect_line "a hung kiosk stops pinging and the watchdog sees it" "$TMP/sup.log" "^watchdog pid=$pid2 silent_ms=2[0-9]{3}$"
expect_line "it is killed" "$TMP/sup.log" "^exit pid=$pid2 status=-9$"
same "and started again" "$([ -n "$pid3" ] && [ "$pid3" != "$pid2" ] && echo yes)" yes
up_in_time "up within 2 s" "$r3"
expect_line "on its first screen" "$TMP/kiosk.trace" "screen language"
same "its records survived both: the PIN set before the first start is still there" \
    "$(sqlite3 "$V/pallay.db" "SELECT count(*) FROM facilitator")" 1

kill -TERM "$spid"
wait "$spid"
expect_line "stopping the service stops the kiosk" "$TMP/sup.log" "^exit pid=$pid3 status="
kill "$xpid" 2>/dev/null
wait "$xpid" 2>/dev/null

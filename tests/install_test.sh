# make install: both programs, the course and its built content, and settings with absolute
# paths, under a prefix of the test's own; the installed kiosk starts from any folder on them.
# With DESTDIR everything lands below it while the settings name the final paths; a second
# install keeps the settings a network has edited.
. tests/lib.sh

P="$TMP/usr" E="$TMP/etc" V="$TMP/var"
make --no-print-directory install BUILD="$BUILD" SAN=1 PREFIX="$P" SYSCONFDIR="$E" STATEDIR="$V" >"$TMP/install.out" 2>&1
same "make install succeeds" "$?" 0
same "both programs are installed, executable" "$(ls "$P/bin" | tr '\n' ' ')" "pallay pallayctl "
same "the course and its built content are installed" \
    "$(ls "$P/share/pallay" | tr '\n' ' ')" "assets content locales "
"$P/bin/pallayctl" check-config "$E/pallay/pallay.conf" >"$TMP/config.out" 2>&1
same "the installed settings are valid" "$(cat "$TMP/config.out")" "settings OK"
expect_line "and name the installed course" "$E/pallay/pallay.conf" "^assets = $P/share/pallay/assets$"
mkdir -p "$TMP/elsewhere"
printf 'expect screen language\nquit\n' >"$TMP/start.script"
(cd "$TMP/elsewhere" && SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout -k 5 60 "$P/bin/pallay" --config "$E/pallay/pallay.conf" \
    --fullscreen 0 --pin_setup 0 --trace "$TMP/start.trace" --script "$TMP/start.script" >/dev/null 2>"$TMP/start.err")
same "the installed kiosk starts from another folder" "$?" 0
expect_line "with the whole installed course" "$TMP/start.trace" "content languages=2 modules=8 problems=0$"
same "its records go to the state folder" "$(ls "$V" | grep -c '^pallay\.db$')" 1
# Again, with DESTDIR: the settings name the final paths, and a settings file already there stays.
echo "# edited by the network" >>"$E/pallay/pallay.conf"
make --no-print-directory install BUILD="$BUILD" SAN=1 PREFIX="$P" SYSCONFDIR="$E" STATEDIR="$V" >"$TMP/again.out" 2>&1
expect_line "a second install keeps the settings a network edited" "$E/pallay/pallay.conf" "^# edited by the network$"
expect_line "and puts the new ones beside them" "$TMP/again.out" "pallay.conf.new"
make --no-print-directory install BUILD="$BUILD" SAN=1 DESTDIR="$TMP/stage" PREFIX=/usr/local >"$TMP/stage.out" 2>&1
same "with DESTDIR, everything lands below it" "$(ls "$TMP/stage" | tr '\n' ' ')" "etc usr var "
expect_line "while the settings name the final paths" "$TMP/stage/etc/pallay/pallay.conf" "^assets = /usr/local/share/pallay/assets$"

# The service unit, with the paths of this install, passes systemd's own check.
sed "s|/usr/local/bin/pallay|$P/bin/pallay|; s|/etc/pallay/|$E/pallay/|" kiosk/pallay.service >"$TMP/pallay.service"
systemd-analyze verify --man=no "$TMP/pallay.service" >"$TMP/verify.out" 2>&1
same "systemd-analyze verify accepts kiosk/pallay.service" "$?: $(head -2 "$TMP/verify.out" | tr '\n' ' ')" "0: "

# The service's watchdog: started as systemd would (NOTIFY_SOCKET, WATCHDOG_USEC), the kiosk says
# READY=1 once its first screen is up, then WATCHDOG=1 from its loop while it runs, STOPPING=1 at
# the end. A listener on a datagram socket of the test's own writes down what it hears.
timeout 60 python3 -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[1] + ".ready", "w").close()
with open(sys.argv[2], "w") as out:
    while True:
        m = s.recv(4096).decode()
        out.write(m + "\n"); out.flush()
        if m == "STOPPING=1": break
' "$TMP/notify.sock" "$TMP/notify.log" &
lpid=$!
n=0; until [ -e "$TMP/notify.sock.ready" ] || [ $n -gt 200 ]; do n=$((n + 1)); sleep 0.05; done
printf 'expect screen language\nexpect notify ready\nwait 1500\nquit\n' >"$TMP/dog.script"
NOTIFY_SOCKET="$TMP/notify.sock" WATCHDOG_USEC=400000 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
    "$BUILD/pallay" --db "$TMP/dog.db" --trace "$TMP/dog.trace" --script "$TMP/dog.script" --pin_setup 0 >/dev/null 2>&1
same "under a watchdog the kiosk runs its script" "$?" 0
wait "$lpid"
same "it says READY=1 first and STOPPING=1 last" "$(head -1 "$TMP/notify.log") $(tail -1 "$TMP/notify.log")" "READY=1 STOPPING=1"
pings=$(grep -c '^WATCHDOG=1$' "$TMP/notify.log")
same "and pings the watchdog from its loop while idle (every 200 ms over 1.5 s)" "$([ "$pings" -ge 4 ] && echo yes || echo "$pings pings")" yes
expect_line "the trace says how often" "$TMP/dog.trace" "notify ready watchdog_ms=200$"

# kiosk/install.sh into a root folder of the test's own (a copy of this system's user files), as
# for an SD card image: the pallay user with only the groups it needs, the programs, settings only
# the kiosk can read, the service enabled with this prefix, the console's getty masked. A second
# run changes nothing, byte or owner.
R="$TMP/root"
mkdir -p "$R/etc"
cp /etc/passwd /etc/group /etc/shadow /etc/gshadow "$R/etc/"
SAN=1 BUILD="$BUILD" sh kiosk/install.sh --root "$R" --no-build >"$TMP/install1.out" 2>&1
same "install.sh into an image folder succeeds" "$?" 0
same "it makes the pallay user: a system user, no login, its data as home" \
    "$(awk -F: '$1 == "pallay" { print $6, $7, ($3 < 1000) }' "$R/etc/passwd")" "/var/lib/pallay /usr/sbin/nologin 1"
same "in the groups for the screen, the touch screen and the speaker, and no others" \
    "$(grep -E '(^|[:,])pallay(,|$)' "$R/etc/group" | cut -d: -f1 | sort | tr '\n' ' ')" "audio input render video "
same "both programs are installed" "$(ls "$R/usr/local/bin" | tr '\n' ' ')" "pallay pallayctl "
ids=$(awk -F: '$1 == "pallay" { print $3, $4 }' "$R/etc/passwd")
same "the settings are readable by the kiosk and root only" "$(stat -c '%a %u %g' "$R/etc/pallay/pallay.conf")" "640 0 ${ids#* }"
same "its data folder is its own" "$(stat -c '%a %u %g' "$R/var/lib/pallay")" "750 $ids"
same "the service is enabled for every boot" "$(readlink "$R/etc/systemd/system/multi-user.target.wants/pallay.service")" /etc/systemd/system/pallay.service
same "the console's login prompt is masked" "$(readlink "$R/etc/systemd/system/getty@tty1.service")" /dev/null
expect_line "the stick rule is installed" "$R/etc/udev/rules.d/99-pallay-usb.rules" "systemd-mount .*nosuid,nodev,noexec"
expect_line "and the console never blanks" "$R/etc/tmpfiles.d/pallay.conf" "consoleblank - - - - 0$"
sed "s|/usr/local/bin/pallay|$R/usr/local/bin/pallay|; s|/etc/pallay/|$R/etc/pallay/|" "$R/etc/systemd/system/pallay.service" >"$TMP/installed.service"
systemd-analyze verify --man=no "$TMP/installed.service" >"$TMP/verify2.out" 2>&1
same "systemd-analyze verify accepts the installed unit" "$?: $(head -2 "$TMP/verify2.out" | tr '\n' ' ')" "0: "
snapshot() { (cd "$R" && find . -printf '%p %y %m %U %G %s %l\n' | sort && find . -type f -exec sha256sum {} + | sort -k2); }
snapshot >"$TMP/before"
SAN=1 BUILD="$BUILD" sh kiosk/install.sh --root "$R" --no-build >"$TMP/install2.out" 2>&1
same "a second run succeeds" "$?" 0
snapshot >"$TMP/after"
same "and changes nothing" "$(diff "$TMP/before" "$TMP/after" | head -5)" ""
same "nor says it did" "$(grep -c 'installed /etc\|created' "$TMP/install2.out")" 0

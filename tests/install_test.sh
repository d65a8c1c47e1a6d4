# make install: both programs, the course and its built content, and settings with absolute
# paths, under a prefix of the test's own; the installed kiosk starts from any folder on them.
# With DESTDIR everything lands below it while the settings name the final paths; a second
# install keeps the settings a network has edited.
. tests/lib.sh

same() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$3', got '$2'"; fi; }
P="$TMP/usr" E="$TMP/etc" V="$TMP/var"
make --no-print-directory install BUILD="$BUILD" PREFIX="$P" SYSCONFDIR="$E" STATEDIR="$V" >"$TMP/install.out" 2>&1
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
make --no-print-directory install BUILD="$BUILD" PREFIX="$P" SYSCONFDIR="$E" STATEDIR="$V" >"$TMP/again.out" 2>&1
expect_line "a second install keeps the settings a network edited" "$E/pallay/pallay.conf" "^# edited by the network$"
expect_line "and puts the new ones beside them" "$TMP/again.out" "pallay.conf.new"
make --no-print-directory install BUILD="$BUILD" DESTDIR="$TMP/stage" PREFIX=/usr/local >"$TMP/stage.out" 2>&1
same "with DESTDIR, everything lands below it" "$(ls "$TMP/stage" | tr '\n' ' ')" "etc usr var "
expect_line "while the settings name the final paths" "$TMP/stage/etc/pallay/pallay.conf" "^assets = /usr/local/share/pallay/assets$"

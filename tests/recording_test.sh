# Community recording: a speaker records a slide's narration through the microphone (here SDL's
# disk audio driver reading a known tone as the microphone), hears it, keeps it, and the kiosk
# then plays her recording instead of the generated voice. pack-recordings signs it as a voice pack another kiosk installs.
. tests/lib.sh

R="$TMP/course"
copy_content "$R"
mkdir -p "$R/var"
# The "microphone": four seconds of a 440 Hz tone, 16-bit mono at the kiosk's 22050 Hz.
sox -n -r 22050 -c 1 -b 16 -e signed-integer -t raw "$TMP/mic.raw" synth 4 sine 440 vol 0.5
printf '2580\n2580\n' | "$BUILD/pallayctl" set-pin "$R/var/pallay.db" --name Rosa >/dev/null
pin=$(pin 2580)
printf '%s\n' "hold facilitator
$pin
expect screen facilitator
tap recorder
expect screen recorder
tap module:ppe
tap next
expect key=ppe.helmet
tap record
expect capture start key=ppe.helmet lang=es
wait 1500
tap stop
expect key=take
tap hear
tap keep
expect voice saved
tap back
tap back
tap leave
tap lang:es
tap lang:es
tap guest
tap guest
tap play:ppe
expect slide module=ppe index=1
quit" >"$TMP/rec.script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILEIN="$TMP/mic.raw" SDL_DISKAUDIOFILE=/dev/null \
    timeout -k 5 120 "$BUILD/pallay" --db "$R/var/pallay.db" --recordings "$R/var/voice" --assets "$R/assets" \
    --locales "$R/locales" --generated "$R/build/content" --pin_setup 0 --secret_hold 100 \
    --trace "$TMP/rec.trace" --script "$TMP/rec.script" >/dev/null 2>"$TMP/rec.err"
echo $? >"$TMP/rec.rc"
expect_rc "a recording session ends cleanly" rec 0
V="$R/var/voice/es/ppe.helmet.ogg"
expect_seq "she records, hears her take, keeps it, and the slide speaks it" "$TMP/rec.trace" \
    "capture start key=ppe.helmet lang=es" "capture stop samples=[0-9]+" "audio start .*\.take-ppe\.helmet\.ogg key=take" \
    "voice saved .*es/ppe.helmet.ogg key=ppe.helmet lang=es" "audio start $V key=ppe.helmet lang=es source=recorded"
samples=$(sed -n 's/.*capture stop samples=\([0-9]*\).*/\1/p' "$TMP/rec.trace")
if [ "${samples:-0}" -ge 22050 ] && [ "$samples" -le 66150 ]; then pass "about 1.5 s were recorded"; else fail "about 1.5 s were recorded" "expected 1 to 3 s of samples, got '$samples'"; fi
if [ -f "$V" ]; then pass "the recording is saved as OGG"; else fail "the recording is saved as OGG" "no $V"; fi
freq=$(sox "$V" -n stat 2>&1 | sed -n 's/Rough *frequency: *\([0-9]*\)/\1/p')
if [ "${freq:-0}" -ge 420 ] && [ "$freq" -le 460 ]; then pass "the saved voice is what the microphone heard (440 Hz)"; else fail "the saved voice is what the microphone heard (440 Hz)" "expected about 440 Hz, got '$freq'"; fi
expect_no_line "no take is left behind" "$(ls -a "$R/var/voice/es" > "$TMP/ls.txt"; echo "$TMP/ls.txt")" "^\.take"

"$BUILD/pallayctl" check-content "$R" >"$TMP/cov.txt" 2>&1
expect_line "the coverage table counts the recording" "$TMP/cov.txt" "^es +[0-9]+ +[0-9]+ +0 +1 +[0-9]+$"
"$BUILD/pallayctl" keygen --out "$TMP/keys" >/dev/null
"$BUILD/pallayctl" pack-recordings "$R" --key "$TMP/keys/content.key" --out "$TMP/voices.pack" --version 5 >"$TMP/pack.out" 2>&1
expect_line "pack-recordings makes a signed voice pack of it" "$TMP/pack.out" "voices.pack: voices pack, version 5, 1 files, [0-9]+ bytes; signed as"
minisign -Vm "$TMP/voices.pack" -p "$TMP/keys/content.pub" -q
same "the stock minisign verifies it" "$?" 0
# Another kiosk installs it over its course: the recording lands in assets/voice/, where it wins.
printf 'content_dir = %s\ncontent_key = %s\n' "$TMP/other" "$(tail -1 "$TMP/keys/content.pub")" >"$TMP/other.conf"
PALLAY_TEST_NO_CHECK=1 "$BUILD/pallayctl" install-pack "$TMP/voices.pack" --config "$TMP/other.conf" >"$TMP/tar.err" 2>&1
if cmp -s "$TMP/other/current/assets/voice/es/ppe.helmet.ogg" "$V"; then pass "another kiosk installs the same bytes over its course"; else fail "another kiosk installs the same bytes over its course" "$(cat "$TMP/tar.err")"; fi
if [ -f "$TMP/other/current/assets/modules/10-ppe.module" ]; then pass "and keeps its course beside them"; else fail "and keeps its course beside them" "no modules in $TMP/other/current/assets"; fi

# Without a microphone the option says so, and nothing else changes. (SDL's dummy driver offers
# a silent microphone; the disk driver with no input file has none that opens.)
printf '%s\n' "hold facilitator
$pin
tap recorder
expect capture none
expect key=fac.record.nomic
quit" >"$TMP/nomic.script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIOFILEIN="$TMP/no-such-microphone" \
    timeout -k 5 120 "$BUILD/pallay" --db "$R/var/pallay.db" --recordings "$R/var/voice" \
    --pin_setup 0 --secret_hold 100 --trace "$TMP/nomic.trace" --script "$TMP/nomic.script" >/dev/null 2>"$TMP/nomic.err"
echo $? >"$TMP/nomic.rc"
expect_rc "without a microphone the kiosk goes on" nomic 0
expect_no_line "and records nothing" "$TMP/nomic.trace" "capture start"

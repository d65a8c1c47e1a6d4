# The kiosk, driven headless by scripts: what a learner does and what the trace says.
. tests/lib.sh

# A learner picks Spanish, hears a tile, opens the module and goes through every slide to the end.
kiosk tour "expect screen language
tap lang:es
expect key=lang.prompt lang=es
tap lang:es
expect screen who lang=es
tap guest
tap guest
expect screen home lang=es
tap tile:ppe
expect key=ppe.title
tap tile:ppe
expect slide module=ppe index=1
tap next
tap next
tap next
tap next
tap next
tap next
tap next
tap next
tap next
expect slide module=ppe index=10
tap next
expect module end module=ppe
expect screen quiz
tap home
expect screen home
quit"
expect_rc "a scripted tour ends cleanly" tour 0
expect_seq "the tour goes language, who, home, player, quiz, home" "$TMP/tour.trace" \
    "screen language" "tap lang:es via=touch" "screen who lang=es" "signin guest" "screen home lang=es" "tap tile:ppe" \
    "audio start .*key=ppe.title lang=es source=generated" "screen player" "module end module=ppe" "screen quiz" "screen home"
for i in 1 2 3 4 5 6 7 8 9 10; do
    expect_line "slide $i of ppe is shown" "$TMP/tour.trace" "slide module=ppe index=$i of=10 "
done
expect_count "each slide starts its own narration" "$TMP/tour.trace" "audio start build/content/voice/es/ppe\.[a-z]+\.ogg key=ppe\.[a-z]+ lang=es source=generated" 11
expect_line "the end of the slides starts the quiz, spoken" "$TMP/tour.trace" "audio start .*key=quiz.intro lang=es"
expect_no_line "a guest's tour records nothing personal" "$TMP/tour.trace" "record (module_open|completion|learner)"
expect_line "the first frame is traced" "$TMP/tour.trace" "frame first mono_us=[0-9]+"

# Quechua: the same course speaks from the quy voices.
kiosk quy "tap lang:quy
tap go
tap guest
tap go
expect screen home lang=quy
tap play:lift
expect slide module=lift index=1
quit"
expect_line "Runasimi opens the home screen in quy" "$TMP/quy.trace" "screen home lang=quy"
expect_line "a Quechua slide speaks the quy voice" "$TMP/quy.trace" "audio start build/content/voice/quy/lift.knees.ogg key=lift.knees lang=quy"

# Keyboard only (a USB keypad): the first arrow shows the focus on the first button, the next
# ones move it, Enter presses, Escape goes back.
kiosk keys "key Right
key Right
key Return
key Return
expect screen who lang=quy
key Escape
expect screen language
quit"
expect_seq "arrows and Enter choose a language" "$TMP/keys.trace" "key Right" "tap lang:quy via=key" "screen who lang=quy" "key Escape" "screen language"

# Mouse clicks work like touches.
kiosk mouse "click lang:es
click lang:es
expect screen who
quit"
expect_line "a mouse click presses a button" "$TMP/mouse.trace" "tap lang:es via=mouse"
expect_line "two clicks go on to signing in" "$TMP/mouse.trace" "screen who lang=es"

# Holding a button speaks its name and does not press it; back and repeat do what they show.
kiosk hold "tap lang:es
tap lang:es
tap guest
tap go
tap play:ppe
expect slide module=ppe index=1
hold next
expect key=button.next
tap next
expect slide module=ppe index=2
tap back
expect slide module=ppe index=1
tap repeat
expect key=ppe.helmet
quit"
expect_seq "holding next speaks its name" "$TMP/hold.trace" "hold next" "audio start .*key=button.next lang=es"
expect_count "holding next does not turn the slide" "$TMP/hold.trace" "slide module=ppe index=2" 1
expect_seq "back returns to the slide before" "$TMP/hold.trace" "slide module=ppe index=2" "tap back" "slide module=ppe index=1"
expect_count "repeat speaks the slide again" "$TMP/hold.trace" "key=ppe.helmet lang=es" 3

# Narration ends by itself and the kiosk notices (the loop learns it from an event, not a poll).
kiosk voice_end "tap lang:es
expect key=lang.prompt
expect audio end
quit"
expect_seq "a narration that ends is traced" "$TMP/voice_end.trace" "audio start .*lang.prompt" "audio end"

# Screens fit other sizes: after a resize to 800x480 the buttons are still where the touch lands.
kiosk small "size 800 480
expect resize 800x480
tap lang:es
tap lang:es
tap guest
tap guest
tap play:ppe
tap next
expect slide module=ppe index=2
shot $TMP/small.png
quit"
expect_line "the kiosk lays itself out again after a resize" "$TMP/small.trace" "resize 800x480"
expect_line "buttons work at 800x480" "$TMP/small.trace" "slide module=ppe index=2"
# A PNG starts with its signature; bytes 16-23 of the IHDR chunk are width and height.
head_hex=$(od -An -tx1 -N24 "$TMP/small.png" 2>/dev/null | tr -d ' \n')
if [ "$(printf '%s' "$head_hex" | cut -c1-16)" = "89504e470d0a1a0a" ] && [ "$(printf '%s' "$head_hex" | cut -c33-48)" = "00000320000001e0" ]; then
    pass "a screenshot is an 800x480 PNG"
else
    fail "a screenshot is an 800x480 PNG" "expected PNG signature and 800x480 (00000320000001e0), got $head_hex"
fi

# The database under var/ is made at the first start and keeps its kiosk id.
kiosk store1 "quit"
kiosk store2 "quit" --db "$TMP/store1.db"
id1=$(sed -n 's/.*store open .* kiosk=\([0-9a-f-]*\) schema=[0-9]*/\1/p' "$TMP/store1.trace")
id2=$(sed -n 's/.*store open .* kiosk=\([0-9a-f-]*\) schema=[0-9]*/\1/p' "$TMP/store2.trace")
if printf '%s' "$id1" | grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'; then pass "the kiosk gets a random UUID"; else fail "the kiosk gets a random UUID" "expected a version-4 UUID, got '$id1'"; fi
if [ -n "$id1" ] && [ "$id1" = "$id2" ]; then pass "the kiosk id survives a restart"; else fail "the kiosk id survives a restart" "expected '$id1', got '$id2'"; fi

# A file that is not a database is set aside byte for byte; the kiosk says so on screen and
# aloud, starts a new database, and goes on.
printf 'these are not the droids\n' >"$TMP/broken.db"
cp "$TMP/broken.db" "$TMP/broken.orig"
kiosk broken_db "expect screen error
expect key=error.store
shot $TMP/broken.png
tap next
expect screen language
tap lang:es
tap lang:es
tap new
tap go
expect screen sign
quit" --db "$TMP/broken.db"
expect_rc "a broken database does not stop the kiosk" broken_db 0
expect_line "a broken database is named on stderr" "$TMP/broken_db.err" "broken.db: file is not a database; set aside as .*broken.db.broken-1"
expect_line "the set-aside file is traced" "$TMP/broken_db.trace" "store damaged aside=.*broken.db.broken-1"
if cmp -s "$TMP/broken.db.broken-1" "$TMP/broken.orig"; then pass "a broken database is kept aside unchanged"; else fail "a broken database is kept aside unchanged" "expected the same bytes in broken.db.broken-1"; fi
expect_line "a new database replaces it" "$TMP/broken_db.trace" "store open .*broken.db kiosk=.* schema=[0-9]+"

# A database that cannot be opened at all (here a folder): the error screen, then guests only.
mkdir "$TMP/folder.db"
kiosk folder_db "expect screen error
tap next
tap lang:es
tap lang:es
expect screen who
quit" --db "$TMP/folder.db"
expect_rc "a database that cannot be opened does not stop the kiosk" folder_db 0
expect_line "it is named on stderr" "$TMP/folder_db.err" "folder.db"
expect_line "only the guest's way is offered" "$TMP/folder_db.trace" "store error"
kiosk folder_db2 "tap lang:es
tap lang:es
tap new
quit" --db "$TMP/folder.db"
expect_rc "without a database there is no new sign to take" folder_db2 2

# No display: one clear line that names make demo.
SDL_VIDEODRIVER=nosuchdriver "$BUILD/pallay" --db "$TMP/nodisplay.db" >"$TMP/nodisplay.out" 2>"$TMP/nodisplay.err"
echo $? >"$TMP/nodisplay.rc"
expect_rc "without a display the kiosk exits with status 3" nodisplay 3
expect_line "without a display the kiosk names make demo" "$TMP/nodisplay.err" "make demo"
expect_count "without a display the kiosk says one line" "$TMP/nodisplay.err" "." 1

# With no display SDL falls back to a driver nobody can see: the kiosk says so instead of running.
env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=dummy "$BUILD/pallay" --db "$TMP/headless.db" >"$TMP/headless.out" 2>"$TMP/headless.err"
echo $? >"$TMP/headless.rc"
expect_rc "on a headless video driver without a script the kiosk exits with status 3" headless 3
expect_line "on a headless video driver the kiosk names make demo" "$TMP/headless.err" "no display.*make demo"

# Without a sound device the kiosk goes on silent, and says so for each string it cannot speak.
printf 'tap lang:es\ntap lang:es\ntap guest\ntap guest\nexpect screen home\nquit\n' >"$TMP/mute.script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=nosuchdriver "$BUILD/pallay" --db "$TMP/mute.db" --trace "$TMP/mute.trace" \
    --script "$TMP/mute.script" --pin_setup 0 >"$TMP/mute.out" 2>"$TMP/mute.err"
echo $? >"$TMP/mute.rc"
expect_rc "a kiosk without sound still runs its session" mute 0
expect_line "without sound the kiosk says so on stderr" "$TMP/mute.err" "going on without sound"
expect_seq "without sound each string is traced as not spoken" "$TMP/mute.trace" "audio off$" "audio off key=lang.prompt lang=es" "screen home lang=es" "audio off key=home.prompt"

# A bad script is refused with its file and line.
kiosk badscript "tap lang:es
dance"
expect_rc "a bad script is refused" badscript 1
expect_line "a bad script names its line" "$TMP/badscript.err" "badscript.script:2: unknown step"

# A script step that cannot happen fails the run with status 2 instead of hanging.
kiosk missing "tap nosuchbutton"
expect_rc "tapping a button that is not there fails the script" missing 2
expect_line "the failure names the button and screen" "$TMP/missing.err" "no button \"nosuchbutton\" on screen language"

# A stretch slide has a countdown she starts: a tick each second, a chime at the end.
B="$TMP/timer"
copy_content "$B"
sed -i 's/^\(slide  *breaks-neck  *breaks\.neck\)  *[0-9]*$/\1 2/' "$B/assets/modules/40-breaks.module"
kiosk timer "tap lang:es
tap lang:es
tap guest
tap guest
tap play:breaks
expect slide module=breaks index=1
tap timer
expect timer end
quit" --assets "$B/assets" --locales "$B/locales" --generated "$B/build/content"
expect_rc "a countdown slide runs cleanly" timer 0
expect_seq "the countdown starts, ticks each second and chimes at the end" "$TMP/timer.trace" \
    "timer start module=breaks slide=1 seconds=2" "timer tick left=1" "effect tap" "timer end module=breaks slide=1" "effect done"

# The help slide shows the network's own contacts, from the settings, never from the course.
n=$(grep -n '^slide' assets/modules/80-care.module | grep -n ' help\( \|$\)' | cut -d: -f1)
help_script="tap lang:es
tap lang:es
tap guest
tap guest
tap play:care
$(i=1; while [ $i -lt "$n" ]; do echo "tap next"; i=$((i + 1)); done)
expect help contacts
quit"
kiosk help "$help_script" --help_contacts "Línea 100 · Centro Emergencia Mujer"
expect_line "the help slide shows the contacts that are set" "$TMP/help.trace" "help contacts shown"
kiosk defaulthelp "$help_script"
expect_line "without a setting, the help slide shows Peru's national lines" "$TMP/defaulthelp.trace" "help contacts shown"
expect_line "and says the words that point at them" "$TMP/defaulthelp.trace" "slide module=care .* text=care.help$"
kiosk nohelp "$help_script" --help_contacts ""
expect_line "with contacts set empty on purpose, the slide says nothing false" "$TMP/nohelp.trace" "help contacts not set"
expect_line "it sends her to the facilitator instead" "$TMP/nohelp.trace" "slide module=care .* text=care.help.none$"
expect_line "which is what she hears" "$TMP/nohelp.trace" "audio start .*key=care.help.none "
expect_line "and the kiosk tells whoever set it up" "$TMP/nohelp.err" "80-care.module: a slide shows the network's help contacts, but none are set"

# The course content: pallayctl check-content on the shipped course and on a broken copy,
# the .po files under msgfmt, the incremental content build, and the kiosk on bad content.
. tests/lib.sh

"$BUILD/pallayctl" check-content >"$TMP/clean.out" 2>&1
rc=$?
if [ $rc -eq 0 ]; then pass "check-content finds nothing in the shipped course"; else fail "check-content finds nothing in the shipped course" "expected status 0, got $rc: $(head -3 "$TMP/clean.out" | tr '\n' '|')"; fi
expect_line "check-content sums up the course" "$TMP/clean.out" "content OK: 2 languages, [0-9]+ modules \([0-9]+ still drafts\), [0-9]+ slides"
nmod=$(ls assets/modules/*.module | wc -l)
ndraft=$(grep -l '^review  *draft *$' assets/modules/*.module | wc -l)
expect_count "the lesson table has one row per module, drafts marked" "$TMP/clean.out" "^[a-z]+ +[0-9]+ +[0-9]+  draft$" "$ndraft"
expect_line "and the summary counts them" "$TMP/clean.out" "content OK: .* $nmod modules \($ndraft still drafts\)"

for po in locales/*.po; do
    if msgfmt --check -o /dev/null "$po" 2>"$TMP/msgfmt.err"; then pass "msgfmt --check accepts $po"; else fail "msgfmt --check accepts $po" "expected no error, got $(head -2 "$TMP/msgfmt.err" | tr '\n' ' ')"; fi
done

# A broken copy, one problem of each kind.
B="$TMP/broken"
copy_content "$B"
rm "$B/assets/pictures/lift-rest.svg" "$B/build/content/pictures/lift-rest.png"       # missing picture
printf 'not a png' >"$B/build/content/pictures/ppe-gloves.png"                         # picture that does not decode
printf 'hello\n' >"$B/assets/pictures/ppe-mask.svg"                                    # SVG source that is not one
printf 'not an ogg' >"$B/build/content/voice/es/ppe.goggles.ogg"                          # voice that does not decode
rm "$B/build/content/voice/quy/lift.rest.ogg"                                          # missing voice
rm "$B/build/content/sounds/done.ogg"                                                  # missing effect
sed -i '/^msgid "ppe.care"$/,/^msgstr/d' "$B/locales/quy.po"                            # key missing in one language
care_line=$(grep -n '^slide .* ppe.care$' "$B/assets/modules/10-ppe.module" | cut -d: -f1)
printf '\nmsgid "broken.entry"\nmsgstr "no end\n' >>"$B/locales/es.po"                 # .po syntax error
printf 'slied ppe-helmet ppe.helmet\n' >>"$B/assets/modules/10-ppe.module"            # unknown directive
printf 'slide ppe-helmet\n' >>"$B/assets/modules/20-lift.module"                      # slide without a key
slied_line=$(wc -l <"$B/assets/modules/10-ppe.module")
printf 'question ppe.q.head ppe.q.head.why\nanswer item-helmet ppe.item.helmet right\nanswer item-belt ppe.item.belt right\n' >>"$B/assets/modules/10-ppe.module"
tworight_line=$(($(wc -l <"$B/assets/modules/10-ppe.module") - 2))                    # a question with two right answers
sed -i 's/^symbol  *sun .*/symbol sun sign-sun sign.sunshine/' "$B/assets/signs.list"   # a sign whose name no language has
sed -i 's/^review .*/review Rosa Quispe 2026-02-30/' "$B/assets/modules/30-ground.module"  # a day that does not exist
baddate_line=$(grep -n '^review' "$B/assets/modules/30-ground.module" | cut -d: -f1)
sed -i 's/^review .*/review Rosa Quispe Huamán 2026-03-01/' "$B/assets/modules/40-breaks.module"  # signed off
printf 'equipment helmet visor\n' >>"$B/assets/modules/80-care.module"               # an item ppe.list lacks
visor_line=$(wc -l <"$B/assets/modules/80-care.module")
nokey_line=$(wc -l <"$B/assets/modules/20-lift.module")
"$BUILD/pallayctl" check-content "$B" >"$TMP/broken.out" 2>&1
rc=$?
if [ $rc -eq 1 ]; then pass "check-content fails on broken content"; else fail "check-content fails on broken content" "expected status 1, got $rc"; fi
out="$TMP/broken.out"
expect_line "a missing picture is named with module file and line" "$out" \
    "20-lift.module:$(grep -n '^slide  *lift-rest ' assets/modules/20-lift.module | cut -d: -f1): picture \"lift-rest\" not found"
expect_line "a picture that does not decode is named" "$out" "ppe-gloves.png: does not decode as a picture"
expect_line "an SVG that is not one is named" "$out" "ppe-mask.svg: is not an SVG picture"
expect_line "a voice that does not decode is named" "$out" "voice/es/ppe.goggles.ogg: does not decode as OGG Vorbis"
expect_line "a missing voice is named with its .po line" "$out" "quy.po:[0-9]+: \"lift.rest\" has no narration in quy"
expect_line "a missing sound effect is named" "$out" "sounds/done.ogg: sound effect missing"
expect_line "a key missing in one language is named with the module line" "$out" \
    "10-ppe.module:$(grep -n '^slide .* ppe\.care' assets/modules/10-ppe.module | cut -d: -f1): text key \"ppe.care\" is missing from .*quy.po"
expect_line "a .po syntax error is named with its line" "$out" "es.po:[0-9]+: malformed string after msgstr"
expect_line "an unknown directive is named with its line" "$out" "10-ppe.module:$slied_line: unknown directive \"slied\""
expect_line "a slide without a text key is named with its line" "$out" "20-lift.module:$nokey_line: \"slide\" takes a picture and a text key"
expect_line "a question with two right answers is named with its line" "$out" "10-ppe.module:$tworight_line: question \"ppe.q.head\" has 2 right answers"
expect_line "a sign's name missing in a language is named with its line" "$out" "signs.list:[0-9]+: text key \"sign.sunshine\" is missing"
expect_line "a review date that is not a real day is named with its line" "$out" "30-ground.module:$baddate_line: review date \"2026-02-30\" is not a real day"
expect_line "the lesson table shows that lesson as a draft" "$out" "^ground +[0-9]+ +[0-9]+  draft$"
expect_line "and a signed-off lesson with who checked it and when" "$out" "^breaks +[0-9]+ +[0-9]+  Rosa Quispe Huamán 2026-03-01$"
expect_line "an equipment item missing from ppe.list is named with its line" "$out" "80-care.module:$visor_line: equipment \"visor\" is not in .*ppe.list"
expect_count "an item that is in ppe.list is not" "$out" "equipment \"helmet\"" 0
expect_line "check-content counts the problems" "$out" "^[0-9]+ problems found"

# The kiosk on the broken copy: reports each problem once, draws placeholders, goes on.
printf 'not a png either' >"$B/assets/pictures/ppe-helmet.png"   # a PNG in assets wins over the generated one
kiosk badcontent "tap lang:es
tap lang:es
tap guest
tap guest
tap play:ppe
expect slide module=ppe index=1
tap next
tap back
expect slide module=ppe index=1
tap next
tap next
tap next
expect slide module=ppe index=4
tap next
expect slide module=ppe index=5
tap back
tap back
tap back
tap back
expect slide module=ppe index=1
shot $TMP/placeholder.png
quit" --assets "$B/assets" --locales "$B/locales" --generated "$B/build/content"
expect_rc "the kiosk goes on with broken content" badcontent 0
expect_count "a broken picture is reported once though shown twice" "$TMP/badcontent.err" "ppe-helmet.png" 1
expect_count "the broken picture is traced once" "$TMP/badcontent.trace" "picture failed .*ppe-helmet.png" 1
expect_line "the kiosk reports the bad module line at start" "$TMP/badcontent.err" "10-ppe.module:$slied_line: unknown directive"
expect_line "a voice that does not decode is reported and skipped" "$TMP/badcontent.trace" "audio error key=ppe.goggles lang=es"
expect_line "the slides after a bad one still play" "$TMP/badcontent.trace" "slide module=ppe index=5 of=10"
expect_count "a voice that does not decode is reported once" "$TMP/badcontent.err" "ppe.goggles" 1

# No language at all: a clear error screen instead of a crash.
mkdir -p "$TMP/nolocales"
kiosk nolang "expect screen error
shot $TMP/error.png
quit" --locales "$TMP/nolocales"
expect_rc "a kiosk without languages still starts" nolang 0
expect_line "a kiosk without languages shows the error screen" "$TMP/nolang.trace" "screen error"
expect_line "a kiosk without languages says why on stderr" "$TMP/nolang.err" "nolocales: no language"

# The content build is incremental, and a recording wins over the generated voice.
C="$TMP/build"
copy_content "$C"
(cd "$C" && "$OLDPWD/kiosk/build-content.sh" "$OLDPWD/$BUILD/pallayctl" build/content) >"$TMP/inc1.out" 2>&1
expect_line "an unchanged course rebuilds nothing" "$TMP/inc1.out" "content: 0 pictures drawn, 0 voices generated"
sed -i 's/^msgstr "Atrás"$/msgstr "Regresa"/' "$C/locales/es.po"
touch "$C/assets/pictures/icon-home.svg"
(cd "$C" && "$OLDPWD/kiosk/build-content.sh" "$OLDPWD/$BUILD/pallayctl" build/content) >"$TMP/inc2.out" 2>&1
expect_line "one changed string and one newer picture rebuild just those" "$TMP/inc2.out" "content: 1 pictures drawn, 1 voices generated"
mkdir -p "$C/assets/voice/es"
cp "$C/build/content/voice/es/button.home.ogg" "$C/assets/voice/es/ppe.helmet.ogg"
kiosk recorded "tap lang:es
tap lang:es
tap guest
tap guest
tap play:ppe
expect key=ppe.helmet
quit" --assets "$C/assets" --locales "$C/locales" --generated "$C/build/content"
expect_line "a recorded voice wins over the generated one" "$TMP/recorded.trace" "audio start $C/assets/voice/es/ppe.helmet.ogg key=ppe.helmet lang=es source=recorded"

# Hostile content: what a careless copy, a bad tool or a damaged card can leave in the course.
H="$TMP/hostile"
copy_content "$H"
# A picture bomb: a tiny PNG whose header says 20000x20000 (1.6 GB of pixels).
printf '\211\120\116\107\015\012\032\012\000\000\000\015\111\110\104\122\000\000\116\040\000\000\116\040\010\000\000\000\000\306\033\031\345\000\000\000\000\111\105\116\104\256\102\140\202' \
    >"$H/build/content/pictures/ppe-gloves.png"
m="$H/assets/modules/10-ppe.module"                                                     # a NUL byte in a slide line
mask_line=$(grep -n '^slide  *ppe-mask ' "$m" | cut -d: -f1)
# Once the mask's slide is left out, ppe-knees moves one place up and the lesson has one slide less.
ppe_of=$(($(grep -c '^slide' "$m") - 1))
knees_at=$(($(grep '^slide' "$m" | grep -n ' ppe-knees ' | cut -d: -f1) - 1))
{ sed -n "1,$((mask_line - 1))p" "$m"; printf 'slide   ppe-mask\000     ppe.mask\n'; sed -n "$((mask_line + 1)),\$p" "$m"; } >"$m.new" && mv "$m.new" "$m"
po="$H/locales/es.po"                                                                   # a NUL byte in a comment of es.po
{ sed -n '1,2p' "$po"; printf '# a damaged \000 note\n'; sed -n '3,$p' "$po"; } >"$po.new" && mv "$po.new" "$po"
sed -i '/^msgid "ppe.helmet"$/{n;s/^msgstr "/msgstr "\xED/}' "$H/locales/quy.po"         # a msgstr that is not UTF-8
helmet_line=$(grep -n '^msgid "ppe.helmet"$' "$H/locales/quy.po" | cut -d: -f1)
ogg="$H/build/content/voice/es/ppe.gloves.ogg"                                          # narration cut mid-stream
head -c $(($(wc -c <"$ogg") / 2)) "$ogg" >"$ogg.cut" && mv "$ogg.cut" "$ogg"
mkdir -p "$H/assets/voice/es" && : >"$H/assets/voice/es/ppe.knees.ogg"                 # an empty community recording
long=$(printf '%0700d' 0)
printf 'symbol  condor2 sign-condor sign.condor  # %s\n' "$long" >>"$H/assets/signs.list"   # lines over the limit
printf 'item    helmet2 item-helmet ppe.item.helmet  # %s\n' "$long" >>"$H/assets/ppe.list"
signs_long=$(wc -l <"$H/assets/signs.list"); ppe_long=$(wc -l <"$H/assets/ppe.list")
printf 'question lift.q.lift lift.q.lift.why\nanswer quiz-lift-knees-bent lift.a.knees right\nanswer quiz-lift-back-bent lift.a.back\nanswer quiz-lift-knees-bent lift.a.knees\nanswer quiz-lift-back-bent lift.a.back\nanswer quiz-lift-knees-bent lift.a.knees\n' \
    >>"$H/assets/modules/20-lift.module"                                                  # a question with five answers
five_line=$(($(wc -l <"$H/assets/modules/20-lift.module") - 5))
"$BUILD/pallayctl" check-content "$H" >"$TMP/hostile-check.out" 2>&1
out="$TMP/hostile-check.out"
expect_line "a picture bomb is refused from its header" "$out" "ppe-gloves.png: is 20000x20000 pixels, over the limit of 4096x4096"
expect_line "a NUL byte in a module is reported at its line" "$out" "10-ppe.module:$mask_line: a NUL byte"
expect_line "a NUL byte in a .po file is reported at its line" "$out" "es.po:3: a NUL byte"
expect_no_line "a NUL byte does not cut the rest of the .po file" "$out" '/es\.po: "|missing from .*/es\.po'
expect_line "a msgstr that is not UTF-8 is reported, as msgfmt --check does" "$out" "quy.po:$helmet_line: \"ppe.helmet\": the msgstr is not valid UTF-8"
expect_line "narration cut mid-stream is reported" "$out" "voice/es/ppe.gloves.ogg: is cut short"
expect_line "an empty recording is reported, and the generated voice named" "$out" "assets/voice/es/ppe.knees.ogg: does not decode as OGG Vorbis; the generated voice speaks instead"
expect_line "a line too long in signs.list is reported" "$out" "signs.list:$signs_long: line longer than"
expect_line "a line too long in ppe.list is reported" "$out" "ppe.list:$ppe_long: line longer than"
expect_line "a question with five answers is left out, as assets/README.md says" "$out" "20-lift.module:$five_line: question \"lift.q.lift\" has 5 answers, more than 4: left out"

kiosk hostile "tap lang:es
tap lang:es
tap guest
tap guest
tap play:ppe
expect slide module=ppe index=1
tap next
expect picture failed
$(i=2; while [ "$i" -lt "$knees_at" ]; do echo "tap next"; i=$((i + 1)); done)
expect slide module=ppe index=$knees_at
expect key=ppe.knees
quit" --assets "$H/assets" --locales "$H/locales" --generated "$H/build/content"
expect_rc "the kiosk goes on with hostile content" hostile 0
expect_line "the kiosk refuses the picture bomb, in check-content's words" "$TMP/hostile.err" \
    "ppe-gloves.png: is 20000x20000 pixels, over the limit of 4096x4096: make it smaller"
expect_line "a module line with a NUL byte is left out, the slides after it kept" "$TMP/hostile.trace" "slide module=ppe index=$knees_at of=$ppe_of picture=ppe-knees"
expect_line "an empty recording: the generated voice speaks" "$TMP/hostile.trace" "audio start $H/build/content/voice/es/ppe.knees.ogg key=ppe.knees lang=es source=generated"
expect_line "and the kiosk says why" "$TMP/hostile.err" "es/ppe.knees: the recording does not play"
cw=$(grep -o 'ppe-gloves.png: .*' "$out" | head -1); kw=$(grep -o 'ppe-gloves.png: .*' "$TMP/hostile.err" | head -1)
if [ -n "$cw" ] && [ "$cw" = "$kw" ]; then pass "check-content and the kiosk describe the broken picture in one wording"
else fail "check-content and the kiosk describe the broken picture in one wording" "expected the same, got \"$cw\" and \"$kw\""; fi

# pallay.conf: a typo keeps the default, every problem is shown; only a bad db stops the kiosk.
printf 'fullscreen = maybe\ncolour = blue\nlang = xx\nhelp_contacts = Linea 100\001\nsignout = 60\n' >"$TMP/bad.conf"
kiosk badconf "expect screen error
shot $TMP/badconf.png
tap next
expect screen language
quit" --config "$TMP/bad.conf"
expect_rc "a kiosk with a bad pallay.conf still starts" badconf 0
expect_line "the problems are shown to the facilitator at start" "$TMP/badconf.trace" "settings problems=4"
expect_count "every problem is on stderr with its line" "$TMP/badconf.err" "bad.conf:[1-4]: " 3
expect_line "an unknown language is reported" "$TMP/badconf.err" "lang = xx: the course has no such language"
expect_line "control characters in help_contacts are refused" "$TMP/badconf.err" "bad.conf:4: help_contacts: a control character"
"$BUILD/pallayctl" check-config "$TMP/bad.conf" >"$TMP/checkconfig.out" 2>&1
rc=$?
if [ $rc -eq 1 ]; then pass "check-config fails on a bad pallay.conf"; else fail "check-config fails on a bad pallay.conf" "expected status 1, got $rc"; fi
expect_line "check-config reports every problem" "$TMP/checkconfig.out" "^4 problems found"
"$BUILD/pallayctl" check-config kiosk/pallay.conf >"$TMP/goodconfig.out" 2>&1
expect_line "check-config accepts the example pallay.conf" "$TMP/goodconfig.out" "^settings OK"
printf 'db = %s\n' "$(printf '%0600d' 0)" >"$TMP/baddb.conf"
kiosk baddb "quit" --config "$TMP/baddb.conf"
expect_rc "a bad db in pallay.conf stops the kiosk" baddb 1
expect_line "and says why" "$TMP/baddb.err" "no safe default"

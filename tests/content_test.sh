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
printf 'not an ogg' >"$B/build/content/voice/es/ppe.belt.ogg"                          # voice that does not decode
rm "$B/build/content/voice/quy/lift.rest.ogg"                                          # missing voice
rm "$B/build/content/sounds/done.ogg"                                                  # missing effect
sed -i '/^msgid "ppe.care"$/,/^msgstr/d' "$B/locales/quy.po"                            # key missing in one language
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
expect_line "a voice that does not decode is named" "$out" "voice/es/ppe.belt.ogg: does not decode as OGG Vorbis"
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
expect_line "a voice that does not decode is reported and skipped" "$TMP/badcontent.trace" "audio error key=ppe.belt lang=es"
expect_line "the slides after a bad one still play" "$TMP/badcontent.trace" "slide module=ppe index=5 of=7"
expect_count "a voice that does not decode is reported once" "$TMP/badcontent.err" "ppe.belt" 1

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

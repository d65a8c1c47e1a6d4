# Withdrawn consent and privacy in small things: a woman registered with her name withdraws her
# consent (with pallayctl, and on the kiosk's own screens); afterwards her name is in no byte of
# the database or its WAL, in no report, and no void brings it back. The trace never spells a PIN,
# a name or a year; a PIN typed on the command line is refused; a name that could run as a formula
# is written into every CSV as text.
. tests/lib.sh
SHOTS=${SHOTS:-$TMP}   # SHOTS=dir keeps the screenshots to look at

CTL="$(cd "$BUILD" && pwd)/pallayctl"
ctl() { name=$1; input=$2; shift 2; printf '%b' "$input" | "$CTL" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"; echo $? >"$TMP/$name.rc"; }
# no_bytes NAME TEXT FILE...: TEXT is in none of the files (those that exist), byte for byte.
no_bytes() {
    name=$1; text=$2; shift 2
    found=""
    for f in "$@"; do [ -e "$f" ] && grep -qaF -- "$text" "$f" && found="$found $(basename "$f")"; done
    if [ -z "$found" ]; then pass "$name"; else fail "$name" "expected no \"$text\" in $*, got it in$found"; fi
}
checkpoint() { sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null 2>&1; }

# ---- pallayctl ----
DB="$TMP/ctl.db"
q() { sqlite3 "$DB" "$1" 2>&1; }
P='2580\n'
ctl pin '2580\n2580\n' set-pin "$DB" --name "Rosa Quispe"
NAME="Wayllalla Ch'ullu Yupanqui"
ctl reg "$P" add-participant "$DB" --sign llama/red --consent yes --name "$NAME" --born 1987 --community "Santa Filomena"
expect_rc "a woman registers with her consent" reg 0
checkpoint "$DB"
if grep -qaF "$NAME" "$DB"; then pass "her name is in the database file before (the byte test can see it)"
else fail "her name is in the database file before (the byte test can see it)" "expected \"$NAME\" in the file"; fi
ctl open "$P" open-workshop "$DB" --community "Santa Filomena"
ctl present "$P" mark-present "$DB" --sign llama/red
ctl gloves "$P" record-ppe "$DB" --sign llama/red --item gloves --quantity 1 --size M
ctl att1 '' attendance "$DB"
expect_line "the report names her while she consents" "$TMP/att1.out" "$NAME \(llama/red\)"

ctl nosign "$P" withdraw-consent "$DB"
expect_rc "withdraw-consent without --sign is refused" nosign 1
ctl extra "$P" withdraw-consent "$DB" --sign llama/red 2580
expect_rc "withdraw-consent refuses an extra argument" extra 2
ctl wd "$P" withdraw-consent "$DB" --sign llama/red
expect_rc "pallayctl withdraw-consent erases her name" wd 0
expect_line "it says what it did, without her name" "$TMP/wd.out" "^withdrawal [0-9a-f-]{36}: llama/red withdrew her consent"
expect_no_line "its output does not name her" "$TMP/wd.out" "Wayllalla"
same "no name or year of hers is left in any table" \
    "$(q "SELECT (SELECT count(*) FROM person) || ' ' || (SELECT count(*) FROM participant WHERE name IS NOT NULL OR birth_year IS NOT NULL)")" "0 0"
same "a withdrawal record says when and by whom, pointing at her registration" \
    "$(q "SELECT r.kind || ' ' || (r.seq > 0) || ' ' || (w.participant_id = (SELECT id FROM participant)) || ' ' || f.name FROM withdrawal w JOIN record r ON r.id = w.id JOIN facilitator f ON f.id = w.facilitator_id")" \
    "withdrawal 1 1 Rosa Quispe"
checkpoint "$DB"
no_bytes "her name is in no byte of the database or its WAL" "$NAME" "$DB" "$DB-wal"
no_bytes "nor any part of it" "Wayllalla" "$DB" "$DB-wal"
ctl again "$P" withdraw-consent "$DB" --sign llama/red
expect_rc "withdrawing twice is refused" again 1
expect_line "and says there is nothing to withdraw" "$TMP/again.err" "nothing to withdraw"
wid=$(sed -n 's/^withdrawal \([0-9a-f-]*\):.*/\1/p' "$TMP/wd.out")
ctl voidwd "$P" void "$DB" "$wid" --reason "by mistake"
expect_rc "a withdrawal cannot be voided" voidwd 1
expect_line "and the refusal says so" "$TMP/voidwd.err" "cannot be voided"
reg=$(q "SELECT id FROM participant")
ctl voidreg "$P" void "$DB" "$reg" --reason "entered twice"
ctl att2 '' attendance "$DB"
ctl ppe2 '' ppe "$DB" --csv
ctl stats2 '' stats "$DB" --csv
for f in att2 ppe2 stats2; do expect_no_line "report $f does not name her after the withdrawal and a void" "$TMP/$f.out" "Wayllalla"; done
expect_line "the attendance report shows her sign" "$TMP/att2.out" "^    llama/red$"

# A "no" after a "yes": her consent is taken back in the same way, and voiding the "no" cannot bring the name back.
ctl reg2 "$P" add-participant "$DB" --sign sun/blue --consent yes --name "Sisa Mamani"
ctl no2 "$P" add-participant "$DB" --sign sun/blue --consent no
expect_rc "a later registration without consent is kept" no2 0
same "it erased her name and left a withdrawal" "$(q "SELECT (SELECT count(*) FROM person) || ' ' || (SELECT count(*) FROM withdrawal)")" "0 2"
no2=$(sed -n 's/^participant \([0-9a-f-]*\):.*/\1/p' "$TMP/no2.out")
ctl voidno "$P" void "$DB" "$no2" --reason "entered twice"
ctl att3 '' attendance "$DB" --csv
ctl ppe3 '' ppe "$DB"
for f in att3 ppe3; do expect_no_line "report $f has no name after voiding the later \"no\"" "$TMP/$f.out" "Sisa"; done
checkpoint "$DB"
no_bytes "her name is in no byte of the files either" "Sisa Mamani" "$DB" "$DB-wal"

# ---- Arguments and CSV cells ----
S="$TMP/setpin"
mkdir -p "$S"
(cd "$S" && printf '4821\n4821\n' | "$CTL" set-pin pin.db --name X 4821 4821 >"$TMP/extra.out" 2>"$TMP/extra.err"; echo $? >"$TMP/extrapin.rc")
expect_rc "set-pin with the PIN on the command line is refused" extrapin 2
if [ -e "$S/4821" ] || [ -e "$S/pin.db" ]; then fail "and no file is made" "expected no 4821 or pin.db in $S, got: $(ls "$S")"; else pass "and no file is made"; fi
for cmd in "stats $DB extra" "attendance $DB extra" "ppe $DB extra" "info $DB extra" "list-modules . extra" \
           "check-content . extra" "list-strings es . extra" "pack-recordings . extra" "review-strings quy . extra" \
           "apply-review sheet.csv . extra" "mark-present $DB extra --sign llama/red" "close-workshop $DB extra" \
           "void $DB 00000000-0000-4000-8000-000000000000 extra --reason x"; do
    # shellcheck disable=SC2086
    printf '2580\n' | "$CTL" $cmd >/dev/null 2>"$TMP/arg.err"
    rc=$?
    if [ $rc = 2 ] && grep -q "unexpected argument \"extra\"" "$TMP/arg.err"; then pass "pallayctl ${cmd%% *} refuses an extra argument"
    else fail "pallayctl ${cmd%% *} refuses an extra argument" "expected status 2 and \"unexpected argument\", got $rc: $(head -1 "$TMP/arg.err")"; fi
done

F="$TMP/formula.db"
ctl fpin '2580\n2580\n' set-pin "$F" --name "=HYPERLINK(\"http://x\")"
ctl f1 "$P" add-participant "$F" --sign llama/red --consent yes --name "=1+2" --community "@SUM(A1)"
ctl f2 "$P" add-participant "$F" --sign sun/blue --consent yes --name "-2+3"
ctl f3 "$P" add-participant "$F" --sign moon/green --consent yes --name "+Rosa"
ctl fopen "$P" open-workshop "$F" --community "@SUM(A1)"
for s in llama/red sun/blue moon/green; do ctl fm "$P" mark-present "$F" --sign "$s"; done
ctl fppe "$P" record-ppe "$F" --sign llama/red --item gloves --quantity 1 --size M
ctl fvoid "$P" void "$F" "$(sed -n 's/^ppe \([0-9a-f-]*\):.*/\1/p' "$TMP/fppe.out")" --reason "=cmd|' /C calc'!A0"
ctl fatt '' attendance "$F" --csv
ctl fp '' ppe "$F" --csv
expect_line "a name starting with = is quoted and written as text" "$TMP/fatt.out" ",\"'=1\+2\"$"
expect_line "one starting with - too" "$TMP/fatt.out" ",\"'-2\+3\"$"
expect_line "one starting with + too" "$TMP/fatt.out" ",\"'\+Rosa\"$"
expect_line "a community starting with @ too" "$TMP/fatt.out" ",\"'@SUM\(A1\)\","
expect_line "a facilitator's name starting with = too" "$TMP/fatt.out" ",\"'=HYPERLINK\(\"\"http://x\"\"\)\","
expect_line "a void reason starting with = too, in the equipment CSV" "$TMP/fp.out" ",\"'=cmd\|' /C calc'!A0\"$"
if grep -aE '(^|,)[=+@-]' "$TMP/fatt.out" "$TMP/fp.out" >/dev/null; then
    fail "no cell of either CSV starts bare with = + - @" "got: $(grep -aE '(^|,)[=+@-]' "$TMP/fatt.out" "$TMP/fp.out" | head -1)"
else pass "no cell of either CSV starts bare with = + - @"; fi

# The review sheet is a CSV too: a draft starting with "-" goes out guarded and comes back as it was.
C="$TMP/course"
copy_content "$C"
sed -i '/^msgid "fac.withdrawn"$/{n;s/^msgstr ".*"$/msgstr "-ta: =SUM(1)"/}' "$C/locales/quy.po"
"$CTL" review-strings quy "$C" --out "$TMP/sheet.csv" >/dev/null 2>&1
expect_line "the review sheet guards a draft that starts with -" "$TMP/sheet.csv" "^fac.withdrawn,.*,\"'-ta: =SUM\(1\)\","
sed 's/^\(fac\.withdrawn,.*\),$/\1,yes/' "$TMP/sheet.csv" >"$TMP/filled.csv"
"$CTL" apply-review "$TMP/filled.csv" "$C" >"$TMP/apply.out" 2>&1
expect_line "and apply-review takes it back without the guard" "$C/locales/quy.po" '^msgstr "-ta: =SUM\(1\)"$'
expect_line "confirmed" "$TMP/apply.out" "1 confirmed, 0 corrected"

# ---- The kiosk: register with her name, withdraw on the screen, nothing typed is traced ----
K="$TMP/kiosk.db"
ctl kpin '2580\n2580\n' set-pin "$K" --name "Rosa Quispe"
kiosk withdraw "hold facilitator
expect screen pin
$(pin 2580)
expect screen facilitator
shot $SHOTS/withdraw-menu.png
tap register
expect screen register
tap symbol:condor
tap colour:yellow
expect key=fac.consent
tap consent:yes
tap kb:shift
tap kb:t
tap kb:a
type ki Kusi
key k
tap ok
tap year:1
tap year:9
tap year:9
tap year:0
tap ok
expect record participant
tap withdraw
expect screen withdraw
shot $SHOTS/withdraw-who.png
tap who:condor/yellow
expect key=fac.withdraw.ask
shot $SHOTS/withdraw-ask.png
size 1920 1080
shot $SHOTS/withdraw-ask-1080.png
tap withdraw:no
expect key=fac.withdraw.who
shot $SHOTS/withdraw-who-1080.png
size 800 480
tap who:condor/yellow
expect key=fac.withdraw.ask
tap withdraw:yes
expect record withdrawal
expect key=fac.withdrawn
shot $SHOTS/withdraw-done.png
quit" --db "$K" --width 800 --height 480
T="$TMP/withdraw.trace"
expect_rc "the kiosk's withdrawal run ends cleanly" withdraw 0
expect_seq "the facilitator registers her, picks her sign, hears what will happen, and confirms" "$T" \
    "record participant id=.* consent=1 committed" "screen withdraw" "key=fac.withdraw.who" "tap who:condor/yellow" \
    "key=fac.withdraw.ask" "tap withdraw:no" "tap withdraw:yes" "record withdrawal id=.* erased=1 committed" "key=fac.withdrawn"
kq() { sqlite3 "$K" "$1" 2>&1; }
same "the kiosk kept one withdrawal and no name" "$(kq "SELECT (SELECT count(*) FROM withdrawal) || ' ' || (SELECT count(*) FROM person)")" "1 0"
checkpoint "$K"
no_bytes "her name is in no byte of the kiosk's database" "Taki Kusi" "$K" "$K-wal"
no_bytes "nor her first name" "Taki " "$K" "$K-wal"
expect_no_line "no PIN digit is traced" "$T" "tap pin:[0-9]"
expect_no_line "no letter of her name is traced" "$T" "tap kb:[a-z] |key K$"
expect_no_line "no digit of her year is traced" "$T" "tap year:[0-9]"
expect_line "the keys are traced as pin:*" "$T" "tap pin:\* via="
expect_line "kb:*" "$T" "tap kb:\* via="
expect_line "year:*" "$T" "tap year:\* via="
expect_line "a key typed on a keyboard as *" "$T" "^t=[0-9]+ key \*$"

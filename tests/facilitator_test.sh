# Facilitator work from a laptop keyboard (pallayctl): the PIN, three women registered (one
# without consent), a workshop with their attendance, equipment handed out and one entry voided.
# The reports must agree with the database, and the woman without consent appears nowhere by name.
. tests/lib.sh

DB="$TMP/fac.db"
CTL="$BUILD/pallayctl"
# ctl NAME STDIN ARGS...: runs pallayctl with STDIN, output in $TMP/NAME.out/.err, status in .rc.
ctl() { name=$1; input=$2; shift 2; printf '%b' "$input" | "$CTL" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"; echo $? >"$TMP/$name.rc"; }
q() { sqlite3 "$DB" "$1" 2>&1; }

ctl noname '2580\n2580\n' set-pin "$DB"
expect_rc "set-pin without a name is refused" noname 1
ctl differ '2580\n2581\n' set-pin "$DB" --name "Rosa Quispe"
expect_rc "two different new PINs are refused" differ 1
expect_line "and say so" "$TMP/differ.err" "differ; nothing changed"
ctl short '258\n258\n' set-pin "$DB" --name "Rosa Quispe"
expect_rc "a PIN of three digits is refused" short 1
ctl setpin '2580\n2580\n' set-pin "$DB" --name "Rosa Quispe"
expect_rc "set-pin sets the PIN" setpin 0
same "only a hash is stored" "$(q "SELECT hash LIKE '\$argon2id\$%' AND hash NOT LIKE '%2580%' FROM pin")" 1

P='2580\n'
ctl ana "$P" add-participant "$DB" --sign llama/red --consent yes --name "Q'orianka Ñusta Huamaní" --community "Santa Filomena" --born 1986
expect_rc "a woman who consents is registered" ana 0
ctl anon "$P" add-participant "$DB" --sign sun/blue --consent no --community "Santa Filomena"
expect_rc "a woman without consent is registered by her sign only" anon 0
TRICKY="Ana'); DROP TABLE learner; -- \"Sisa\" 100%"
ctl tricky "$P" add-participant "$DB" --sign moon/green --consent yes --name "$TRICKY"
expect_rc "a name with quotes and SQL is registered" tricky 0
same "it is stored byte for byte" "$(q "SELECT name FROM person WHERE name LIKE 'Ana%'")" "$TRICKY"

# Bad input: a clear one-line answer, nothing written.
before=$(q "SELECT count(*) FROM record")
ctl nameno "$P" add-participant "$DB" --sign corn/red --consent no --name "Rosa"
expect_rc "a name without consent is refused" nameno 1
expect_line "the refusal names the file and says why" "$TMP/nameno.err" "fac.db: without her consent no name is kept"
ctl noname2 "$P" add-participant "$DB" --sign corn/red --consent yes
expect_rc "consent without a name is refused" noname2 1
ctl long "$P" add-participant "$DB" --sign corn/red --consent yes --name "$(printf 'ñ%.0s' $(seq 81))"
expect_rc "a name of 81 characters is refused" long 1
expect_line "the refusal says the limit" "$TMP/long.err" "longer than 80 characters"
ctl ctrl "$P" add-participant "$DB" --sign corn/red --consent yes --name "$(printf 'Rosa\033[2J')"
expect_rc "a name with a control character is refused" ctrl 1
ctl badsign "$P" add-participant "$DB" --sign unicorn/red --consent no
expect_rc "a sign that is not in signs.list is refused" badsign 1
ctl zero "$P" record-ppe "$DB" --sign llama/red --item gloves --quantity 0 --size M
expect_rc "a quantity of 0 is refused" zero 1
ctl many "$P" record-ppe "$DB" --sign llama/red --item gloves --quantity 51 --size M
expect_rc "a quantity of 51 is refused" many 1
ctl nosize "$P" record-ppe "$DB" --sign llama/red --item gloves --quantity 1
expect_rc "an item with sizes needs one" nosize 1
ctl noitem "$P" record-ppe "$DB" --sign llama/red --item parasol --quantity 1
expect_rc "an item not in ppe.list is refused" noitem 1
same "bad input wrote nothing" "$(q "SELECT count(*) FROM record")" "$before"

ctl open "$P" open-workshop "$DB" --community "Santa Filomena" --modules ppe,lift --at "2026-11-20 09:30"
expect_rc "a workshop opens" open 0
for s in llama/red sun/blue moon/green; do
    ctl present "$P" mark-present "$DB" --sign "$s"
    expect_rc "$s is marked present" present 0
done
ctl twice "$P" mark-present "$DB" --sign llama/red
expect_rc "marking her twice is refused" twice 1
ctl g1 "$P" record-ppe "$DB" --sign llama/red --item gloves --quantity 2 --size M
ctl g2 "$P" record-ppe "$DB" --sign sun/blue --item belt --quantity 1 --size L
ctl g3 "$P" record-ppe "$DB" --sign moon/green --item knee-pads --quantity 1
ctl g4 "$P" record-ppe "$DB" --sign sun/blue --item gloves --quantity 3 --size S
expect_rc "equipment is recorded" g4 0
wrong=$(sed -n 's/^ppe \([0-9a-f-]*\):.*/\1/p' "$TMP/g4.out")
ctl void "$P" void "$DB" "$wrong" --reason "entered twice"
expect_rc "a mistaken entry is voided" void 0
ctl close "$P" close-workshop "$DB"
expect_rc "the workshop closes" close 0
same "four deliveries in the workshop, one voided, none deleted" \
    "$(q "SELECT count(*) || ' ' || sum(workshop_id IS NOT NULL) || ' ' || sum(id IN (SELECT target_id FROM void)) FROM ppe_delivery")" "4 4 1"

ctl att '' attendance "$DB"
expect_rc "the attendance report runs" att 0
expect_line "it lists the workshop" "$TMP/att.out" "^2026-11-20 09:30  Santa Filomena  facilitator Rosa Quispe  modules ppe,lift  \(closed"
expect_line "a woman who consented is listed by name" "$TMP/att.out" "^    Q'orianka Ñusta Huamaní \(llama/red\)$"
expect_line "a woman without consent is listed by her sign only" "$TMP/att.out" "^    sun/blue$"
expect_line "the count agrees with the database" "$TMP/att.out" "^$(q "SELECT count(*) FROM attendance") attendances$"
ctl ppe '' ppe "$DB"
expect_rc "the equipment report runs" ppe 0
expect_line "a voided entry is shown, marked with its reason" "$TMP/ppe.out" "sun/blue .*gloves +3 S +Rosa Quispe  VOID: entered twice$"
expect_line "totals leave voided entries out" "$TMP/ppe.out" "^gloves +2$"
expect_line "totals count the rest" "$TMP/ppe.out" "^belt +1$"
ctl ppecsv '' ppe "$DB" --csv
expect_count "the CSV has a line per delivery and a header" "$TMP/ppecsv.out" "." 5
ctl attcsv '' attendance "$DB" --csv
expect_line "attendance CSV quotes a name with a comma or quote" "$TMP/attcsv.out" ",moon/green,\"Ana'\\); DROP TABLE learner; -- \"\"Sisa\"\" 100%\"$"
# The woman without consent: nowhere by name, in the database or any report.
same "no name is stored for her" "$(q "SELECT count(*) FROM participant p JOIN learner l ON l.id = p.learner_id JOIN person n ON n.id = p.id WHERE l.symbol = 'sun'")" 0
for f in att ppe ppecsv attcsv; do expect_no_line "report $f names nobody for sun/blue" "$TMP/$f.out" "[A-Za-z]+ \(sun/blue\)"; done

# A wrong PIN is refused, and the next try must wait: even the right PIN is not checked at once.
ctl wrongpin '1111\n' record-ppe "$DB" --sign llama/red --item hat --quantity 1
expect_rc "a wrong PIN is refused" wrongpin 1
expect_line "it says how long to wait" "$TMP/wrongpin.err" "wrong PIN; wait 1 s"
# Three more wrong tries a little earlier (as an earlier run would have logged them): the next try must
# wait 8 s, long enough that even a slow machine gets there too soon.
for i in 1 2 3; do q "INSERT INTO pin_try (ok, at) VALUES (0, strftime('%s', 'now') - 100)" >/dev/null; done
ctl soon "$P" record-ppe "$DB" --sign llama/red --item hat --quantity 1
expect_rc "the right PIN right after wrong ones waits" soon 1
expect_line "and says so" "$TMP/soon.err" "too soon after a wrong PIN"
same "nothing was written by the refused tries" "$(q "SELECT count(*) FROM ppe_delivery WHERE item = 'hat'")" 0

# ---- The same work on the kiosk's own screens ----
K="$TMP/kiosk.db"
kq() { sqlite3 "$K" "$1" 2>&1; }
# One delivery: her sign, the item, extra taps (more, size:M...), then the check.
give() { printf 'tap who:%s\nexpect key=fac.item\ntap item:%s\n' "$1" "$2"; shift 2; for t in "$@"; do echo "tap $t"; done; printf 'tap ok\nexpect record ppe_delivery\n'; }
# One registration from the workshop: sign, consent, then the rest.
reg() { printf 'tap register\nexpect screen register\ntap symbol:%s\ntap colour:%s\nexpect key=fac.consent\n' "$1" "$2"; shift 2; for t in "$@"; do echo "$t"; done; }

LONG=$(printf 'ñ%.0s' $(seq 81))
printf '%s\n' "expect screen pin
shot $TMP/fac-setup.png
type $LONG
tap ok
expect key=fac.error.name
$(i=0; while [ $i -lt 81 ]; do echo "key Backspace"; i=$((i + 1)); done)
type Rosa Quispe
tap ok
expect key=fac.pin.new
$(pin 2580)
expect key=fac.pin.again
$(pin 2581)
expect key=fac.pin.differ
$(pin 2580)
$(pin 2580)
expect screen facilitator
shot $TMP/fac-menu.png
tap workshop
expect screen workshop
tap community:new
type Santa Filomena
tap ok
expect record community
tap community:1
tap next
tap topic:ppe
tap topic:lift
shot $TMP/fac-topics.png
tap open
expect record workshop
$(reg llama red 'tap consent:yes' 'tap kb:shift' 'tap kb:q' "tap kb:'" 'tap kb:o' 'tap kb:r' 'tap kb:i' 'type anka Ñusta' 'shot '$TMP'/fac-name.png' 'tap ok' 'tap year:1' 'tap year:9' 'tap year:8' 'tap year:6' 'tap ok' 'expect record attendance')
$(reg sun blue 'shot '$TMP'/fac-consent.png' 'tap consent:no' 'expect record attendance')
$(reg moon green 'tap consent:yes' "type Ana'); DROP TABLE learner; --" 'tap ok' 'tap skip' 'expect record attendance')
tap present:sun/blue
expect record void
tap present:sun/blue
expect record attendance
shot $TMP/fac-present.png
tap back
tap equipment
expect screen equipment
$(give llama/red gloves more size:M)
$(give sun/blue belt size:L)
$(give moon/green knee-pads)
$(give sun/blue gloves more more size:S)
tap who:llama/red
tap page:next
tap item:hat
tap less
expect key=fac.error.quantity
shot $TMP/fac-amount.png
tap back
tap back
tap back
tap summary
expect screen summary
tap void:1
tap reason:4
expect record void
shot $TMP/fac-summary.png
tap back
tap workshop
tap close
tap close
expect record workshop_close
tap back
tap quit
expect key=fac.quit.ask
tap quit
expect quit by facilitator" >"$TMP/fackiosk.script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout -k 5 120 "$BUILD/pallay" --db "$K" --trace "$TMP/fackiosk.trace" \
    --script "$TMP/fackiosk.script" >"$TMP/fackiosk.out" 2>"$TMP/fackiosk.err"
echo $? >"$TMP/fackiosk.rc"
T="$TMP/fackiosk.trace"
expect_rc "the scripted facilitator session ends by leaving the kiosk" fackiosk 0
expect_seq "a new kiosk asks for the PIN first, twice, and opens facilitator mode" "$T" "screen pin" "key=fac.pin.name" \
    "key=fac.pin.new" "key=fac.pin.again" "key=fac.pin.differ" "record facilitator id=" "facilitator open id=" "screen facilitator"
expect_no_line "typed names are not traced" "$T" "Quispe|Filomena|orianka|DROP"
expect_seq "a name of 81 characters is refused, spoken and shown" "$T" "screen pin" "key=fac.error.name" "key=fac.pin.new"
expect_line "leaving the kiosk is traced" "$T" "quit by facilitator id="
same "the PIN is stored as a hash" "$(kq "SELECT count(*) FROM pin WHERE hash LIKE '\$argon2id\$%'")" 1
same "three women registered, one without consent" "$(kq "SELECT count(*) || ' ' || sum(consent) FROM participant")" "3 2"
same "the names are stored exactly as typed" "$(kq "SELECT group_concat(name, '|') FROM (SELECT name FROM person ORDER BY name)")" \
    "Ana'); DROP TABLE learner; --|Q'orianka Ñusta"
same "the year of birth is kept with consent" "$(kq "SELECT birth_year FROM person WHERE name LIKE 'Q%'")" 1986
same "the woman without consent has no name or year" "$(kq "SELECT count(*) FROM participant p JOIN learner l ON l.id = p.learner_id LEFT JOIN person n ON n.id = p.id WHERE l.symbol = 'sun' AND (p.name IS NOT NULL OR p.birth_year IS NOT NULL OR n.id IS NOT NULL)")" 0
same "registrations carry the workshop's community" "$(kq "SELECT count(*) FROM participant p JOIN community c ON c.id = p.community_id WHERE c.name = 'Santa Filomena'")" 3
same "three present (one unmarked and marked again: a void stays)" \
    "$(kq "SELECT (SELECT count(*) FROM attendance WHERE id NOT IN (SELECT target_id FROM void)) || ' ' || (SELECT count(*) FROM attendance)")" "3 4"
same "the workshop has both topics and is closed" "$(kq "SELECT modules || ' ' || (SELECT count(*) FROM workshop_close) FROM workshop")" "ppe,lift 1"
same "four deliveries, one voided with its reason" \
    "$(kq "SELECT count(*) || ' ' || (SELECT group_concat(reason) FROM void v JOIN ppe_delivery d ON d.id = v.target_id) FROM ppe_delivery")" "4 Se registró dos veces"
same "the quantities and sizes are as chosen" "$(kq "SELECT group_concat(item || ':' || quantity || ':' || coalesce(size, '-'), ' ') FROM (SELECT d.* FROM ppe_delivery d JOIN record r ON r.id = d.id ORDER BY r.seq)")" \
    "gloves:2:M belt:1:L knee-pads:1:- gloves:3:S"
same "a refused quantity wrote nothing" "$(kq "SELECT count(*) FROM ppe_delivery WHERE item = 'hat'")" 0
# The trace, the database and the reports agree.
sed -n 's/.*record ppe_delivery id=\([0-9a-f-]*\) .*committed.*/\1/p' "$T" | sort >"$TMP/traced"
kq "SELECT id FROM ppe_delivery" | sort >"$TMP/stored"
if [ -s "$TMP/traced" ] && cmp -s "$TMP/traced" "$TMP/stored"; then pass "the trace and the database list the same deliveries"
else fail "the trace and the database list the same deliveries" "expected the same ids, got $(diff "$TMP/traced" "$TMP/stored" | head -2 | tr '\n' ' ')"; fi
ctl katt '' attendance "$K"
expect_line "the attendance report lists her by name" "$TMP/katt.out" "^    Q'orianka Ñusta \(llama/red\)$"
expect_line "and the woman without consent by her sign" "$TMP/katt.out" "^    sun/blue$"
expect_line "and counts three" "$TMP/katt.out" "^3 attendances$"
ctl kppe '' ppe "$K"
expect_line "the equipment report shows the void" "$TMP/kppe.out" "gloves +3 S +Rosa Quispe  VOID: Se registró dos veces$"
expect_line "and totals without it" "$TMP/kppe.out" "^gloves +2$"
for f in katt kppe; do expect_no_line "report $f names nobody for sun/blue" "$TMP/$f.out" "[A-Za-z]+ \(sun/blue\)"; done

# A wrong PIN on the pad: refused, then even the right one must wait.
# Three wrong tries logged earlier: this wrong one is the fourth, and the next must wait 8 s.
for i in 1 2 3; do kq "INSERT INTO pin_try (ok, at) VALUES (0, strftime('%s', 'now') - 100)" >/dev/null; done
printf '%s\n' "hold facilitator
expect screen pin
$(pin 1111)
expect pin wrong wait_s=8
$(pin 2580)
expect pin wait
shot $TMP/fac-wrong.png
quit" >"$TMP/wrong.script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout -k 5 120 "$BUILD/pallay" --db "$K" --trace "$TMP/wrong.trace" \
    --script "$TMP/wrong.script" >/dev/null 2>"$TMP/wrong.err"
echo $? >"$TMP/wrong.rc"
expect_rc "a wrong PIN run ends cleanly" wrong 0
expect_seq "holding the hidden corner opens the pad; a wrong PIN makes the right one wait" "$TMP/wrong.trace" \
    "hold facilitator" "screen pin" "pin wrong wait_s=8" "key=fac.pin.wrong" "pin wait" "key=fac.pin.wait"
expect_no_line "no facilitator mode after a wrong PIN" "$TMP/wrong.trace" "facilitator open"
# Five wrong in a row (logged by an earlier run): the pad is locked, even for the right PIN.
for i in 1 2 3 4 5; do kq "INSERT INTO pin_try (ok, at) VALUES (0, strftime('%s', 'now'))" >/dev/null; done
printf '%s\n' "hold facilitator
$(pin 2580)
expect pin locked
shot $TMP/fac-locked.png
quit" >"$TMP/locked.script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout -k 5 120 "$BUILD/pallay" --db "$K" --trace "$TMP/locked.trace" \
    --script "$TMP/locked.script" >/dev/null 2>&1
expect_line "after five wrong PINs the pad is locked for minutes" "$TMP/locked.trace" "pin locked wait_s=(29[0-9]|300)"
expect_line "and says so" "$TMP/locked.trace" "key=fac.pin.locked"

# Facilitator mode closes by itself when nobody touches the kiosk.
I="$TMP/idle.db"
ctl idlepin '4321\n4321\n' set-pin "$I" --name "Juana"
printf '%s\n' "hold facilitator
$(pin 4321)
expect screen facilitator
expect facilitator close reason=idle
expect screen language
quit" >"$TMP/idle.script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout -k 5 120 "$BUILD/pallay" --db "$I" --trace "$TMP/idle.trace" \
    --script "$TMP/idle.script" --facilitator_timeout 1 >/dev/null 2>&1
echo $? >"$TMP/idle.rc"
expect_rc "an idle facilitator session ends by itself" idle 0
expect_seq "facilitator mode closes after the timeout, back to the first screen" "$TMP/idle.trace" \
    "facilitator open" "screen facilitator" "facilitator close reason=idle" "screen language"

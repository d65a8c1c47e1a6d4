# Facilitator work from a laptop keyboard (pallayctl): the PIN, three women registered (one
# without consent), a workshop with their attendance, equipment handed out and one entry voided.
# The reports must agree with the database, and the woman without consent appears nowhere by name.
. tests/lib.sh

DB="$TMP/fac.db"
CTL="$BUILD/pallayctl"
# ctl NAME STDIN ARGS...: runs pallayctl with STDIN, output in $TMP/NAME.out/.err, status in .rc.
ctl() { name=$1; input=$2; shift 2; printf '%b' "$input" | "$CTL" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"; echo $? >"$TMP/$name.rc"; }
q() { sqlite3 "$DB" "$1" 2>&1; }
same() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$3', got '$2'"; fi; }

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
same "it is stored byte for byte" "$(q "SELECT name FROM participant WHERE name LIKE 'Ana%'")" "$TRICKY"

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
same "no name is stored for her" "$(q "SELECT count(*) FROM participant p JOIN learner l ON l.id = p.learner_id WHERE l.symbol = 'sun' AND p.name IS NOT NULL")" 0
for f in att ppe ppecsv attcsv; do expect_no_line "report $f names nobody for sun/blue" "$TMP/$f.out" "[A-Za-z]+ \(sun/blue\)"; done

# A wrong PIN is refused, and the next try must wait: even the right PIN is not checked at once.
ctl wrongpin '1111\n' record-ppe "$DB" --sign llama/red --item hat --quantity 1
expect_rc "a wrong PIN is refused" wrongpin 1
expect_line "it says how long to wait" "$TMP/wrongpin.err" "wrong PIN; wait 1 s"
ctl soon "$P" record-ppe "$DB" --sign llama/red --item hat --quantity 1
expect_rc "the right PIN right after a wrong one waits" soon 1
expect_line "and says so" "$TMP/soon.err" "too soon after a wrong PIN"
same "nothing was written by the refused tries" "$(q "SELECT count(*) FROM ppe_delivery WHERE item = 'hat'")" 0

# A network of kiosks built by the real kiosk code, end to end: facilitators and learners on the
# kiosk's own screens (scripted touches), records leaving as the kiosk's courier writes them, then
# a coordinator's merge and report. Every figure of the report's CSV files is checked against
# the kiosks' own databases (not the network's), so a merge or report that drops, doubles or
# invents a record fails here.
#   Santa Filomena: a workshop, two women registered (one with her name), gloves for both (one
#     delivery voided), a quiz each; its first bundle is held back (a gap), and a copy of its
#     database with one record changed is exported (a forged duplicate: a conflict).
#   Pampa Blanca: a woman with her name, a mask, a quiz; its bundle arrives twice (from a stick
#     and from the shared folder), and a tampered copy of its second bundle sits among them.
#   Puna Alta: a board whose clock woke up in 1970 (PALLAY_TEST_CLOCK_SHIFT, in the sanitizer
#     build only) that reaches the network's WebDAV folder (nginx on 127.0.0.1) now and then:
#     the server's Date gives it a trusted time, and the coordinator fetches its bundles from the
#     folder; the network must give its records their real times, the kiosk's kept beside them.
. tests/lib.sh
. tests/davserver.sh
trap 'stop_nginx; rm -rf "$TMP"' EXIT

CTL="$(pwd)/$BUILD/pallayctl"
K="$TMP/keys"
"$CTL" keygen --out "$K" >/dev/null
REC=$(cat "$K/network.pub")
mkdir -p "$TMP/stick" "$TMP/folder"

give() { printf 'tap who:%s\nexpect key=fac.item\ntap item:%s\ntap ok\nexpect record ppe_delivery\n' "$1" "$2"; }
reg() { printf 'tap register\nexpect screen register\ntap symbol:%s\ntap colour:%s\nexpect key=fac.consent\n' "$1" "$2"; shift 2; for t in "$@"; do echo "$t"; done; }
# A facilitator's first session on a new kiosk: her PIN, a workshop in COMMUNITY on ppe, then the
# registrations and deliveries given as further lines.
facilitate() {
    on=$1; community=$2; shift 2
    kiosk "$on" "expect screen pin
type Rosa
tap ok
$(pin 2580)
$(pin 2580)
expect screen facilitator
tap workshop
expect screen workshop
tap community:new
type $community
tap ok
expect record community
tap community:1
tap next
tap topic:ppe
tap open
expect record workshop
$(for l in "$@"; do printf '%s\n' "$l"; done)
${KEND:-}
quit" --db "$TMP/$on.db" --machine_id "$TMP/$on.machine" --pin_setup 1 --secret_hold 100 ${KFLAGS:-}
    expect_rc "$on: the facilitator's session on the kiosk's screens" "$on" 0
}
# quiz KIOSK SYMBOL COLOUR ANSWER...: she signs in by her sign and answers the ppe quiz.
quiz() {
    on=$1; symbol=$2; colour=$3; shift 3
    kiosk "$on-$symbol" "tap lang:es
tap lang:es
tap mine
tap mine
tap symbol:$symbol
tap symbol:$symbol
expect screen sign
tap colour:$colour
tap colour:$colour
expect screen home
tap play:ppe
$(i=0; while [ $i -lt 10 ]; do echo "tap next"; i=$((i + 1)); done)
expect screen quiz
$(for a in "$@"; do printf 'tap answer:%s\nexpect record answer\ntap next\n' "$a"; done)
expect quiz score module=ppe
tap home
expect screen home
${KEND:-}
quit" --db "$TMP/$on.db" --machine_id "$TMP/$on.machine" ${KFLAGS:-}
    expect_rc "$on: $symbol/$colour answers the quiz on the kiosk" "$on-$symbol" 0
}
# export KIOSK DIR: the pending records leave as the kiosk's courier writes them; prints the bundle.
export_to() {
    PALLAY_MACHINE_ID="$TMP/$1.machine" "$CTL" export "$TMP/$1.db" --out "$2" --recipient "$REC" 2>>"$TMP/export.err"
}

echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa >"$TMP/filomena.machine"
echo cccccccccccccccccccccccccccccccc >"$TMP/pampa.machine"

facilitate filomena "Santa Filomena" \
    "$(reg llama red 'tap consent:yes' "type Q'orianka Ñusta" 'tap ok' 'tap year:1' 'tap year:9' 'tap year:8' 'tap year:6' 'tap ok' 'expect record attendance')" \
    "$(reg sun blue 'tap consent:no' 'expect record attendance')" \
    "tap back" "tap equipment" "expect screen equipment" "$(give llama/red gloves)" "$(give sun/blue gloves)" \
    "tap back" "tap summary" "expect screen summary" "tap void:1" "tap reason:4" "expect record void"
quiz filomena llama red 2 1 2 3
F1=$(export_to filomena "$TMP/stick")
quiz filomena sun blue 1 1 1 1
F2=$(export_to filomena "$TMP/stick")
same "Santa Filomena's two bundles are written" "$(ls "$TMP"/stick/*.age | wc -l)" 2

facilitate pampa "Pampa Blanca" \
    "$(reg moon green 'tap consent:yes' 'type María Mamani' 'tap ok' 'tap skip' 'expect record attendance')" \
    "tap back" "tap equipment" "expect screen equipment" "$(give moon/green mask)"
P1=$(export_to pampa "$TMP/stick")
cp "$P1" "$P1.minisig" "$TMP/folder/"          # the same bundle, also in the shared folder
quiz pampa moon green 2 1 2 3
P2=$(export_to pampa "$TMP/folder")
# A tampered copy of it (one byte of the encrypted body flipped), under another name.
T2="$TMP/stick/pallay-tampered.age"
cp "$P2" "$T2"
cp "$P2.minisig" "$T2.minisig"
size=$(wc -c <"$T2")
flip "$T2" $((size / 2)) 255

# Puna Alta: every run of the kiosk in 1970, each reaching the folder, which tells it the time.
serve_nginx
same "the network's WebDAV folder answers on 127.0.0.1:$port" "$([ -n "$ngpid" ] && echo up)" up
URL="http://127.0.0.1:$port/dav/pallay/"
printf 'kiosk secret 7\n' >"$TMP/password"
chmod 600 "$TMP/password"
echo dddddddddddddddddddddddddddddddd >"$TMP/puna.machine"
SHIFT=$((600 - $(date +%s)))             # 1970-01-01 00:10 when the test starts
export PALLAY_TEST_CLOCK_SHIFT=$SHIFT
KFLAGS="--usb_roots $TMP/no-sticks --network_recipient $REC --sync_url $URL --sync_user pallay --sync_password_file $TMP/password"
KEND="expect sync net records="
facilitate puna "Puna Alta" \
    "$(reg sun red 'tap consent:no' 'expect record attendance')" \
    "tap back" "tap equipment" "expect screen equipment" "$(give sun/red gloves)"
quiz puna sun red 2 1 2 3
unset PALLAY_TEST_CLOCK_SHIFT KFLAGS KEND
same "its records were made in 1970, as its clock said" "$(sqlite3 "$TMP/puna.db" "SELECT count(*) FROM record WHERE created_at < 86400") $(sqlite3 "$TMP/puna.db" "SELECT count(*) FROM record WHERE clock_ok = 1")" \
    "$(sqlite3 "$TMP/puna.db" "SELECT count(*) FROM record") 0"
same "each start heard the server's time: a clock record per start" \
    "$(sqlite3 "$TMP/puna.db" "SELECT count(DISTINCT r.boot) FROM record r JOIN clock c ON c.id = r.id")" 2
expect_line "the trace says the offset" "$TMP/puna-sun.trace" "sync net clock offset=$((-SHIFT - 2))|sync net clock offset=$((-SHIFT - 1))|sync net clock offset=$((-SHIFT))|sync net clock offset=$((-SHIFT + 1))"
# What did not go by the network (saved after the last upload) leaves on the stick.
export_to puna "$TMP/stick" >/dev/null
# The coordinator fetches the folder's bundles.
"$CTL" fetch "$URL" "$TMP/fetched" --user pallay --password-file "$TMP/password" >"$TMP/fetch.out" 2>&1
same "pallayctl fetch brings the folder's bundles" "$?: $(ls "$TMP/fetched" | grep -c '\.age$')" "0: $(ls "$DAV" | grep -c '\.age$')"

# The forgery: a copy of Santa Filomena's records where one opened lesson says another module,
# exported again under the kiosk's own key.
cp "$TMP/filomena.db" "$TMP/forged.db"
cp "$TMP/filomena.db.key" "$TMP/forged.db.key"
cp "$TMP/filomena.machine" "$TMP/forged.machine"
forged=$(sqlite3 "$TMP/forged.db" "SELECT id FROM module_open LIMIT 1")
sqlite3 "$TMP/forged.db" "DROP TRIGGER IF EXISTS module_open_no_update; UPDATE module_open SET module = 'lift' WHERE id = '$forged'"
mkdir -p "$TMP/forgery"
PALLAY_MACHINE_ID="$TMP/forged.machine" "$CTL" export "$TMP/forged.db" --all --out "$TMP/forgery" --recipient "$REC" >/dev/null 2>>"$TMP/export.err"

# ---- The coordinator: everything from the stick and the folder, then the forgery. ----
N="$TMP/net.db"
"$CTL" merge "$N" "$TMP/stick" "$TMP/folder" "$TMP/fetched" --identity "$K/network.key" >"$TMP/merge.out" 2>&1
echo $? >"$TMP/merge.rc"

expect_line "the tampered bundle is skipped, by its file name and why" "$TMP/merge.out" "pallay-tampered\.age.*(tampered|signature|damaged)"
expect_line "the bundle that came twice is merged once, the second time known" "$TMP/merge.out" "$(basename "$P1").*(already|again)"
"$CTL" merge "$N" "$TMP/forgery" --identity "$K/network.key" >"$TMP/forge.out" 2>&1
expect_line "the forged duplicate is listed as a conflict, with its record id" "$TMP/forge.out" "conflict: record $forged "
same "and kept aside: the network counts the version it had, not the forgery" \
    "$(sqlite3 "$N" "SELECT count(*) FROM module_open WHERE id = '$forged'")" 0

"$CTL" report "$N" --out "$TMP/r" >"$TMP/report.out" 2>&1
same "the report is written" "$?" 0
rows() { sed '1s/^\xEF\xBB\xBF//' "$1" | tr -d '\r' | tail -n +2; }
# What the kiosks themselves hold (both databases), as the oracle. A voided record does not count.
kq() { for k in filomena pampa puna; do sqlite3 -separator , "$TMP/$k.db" "$1"; done; }
same "participants: a row per registration on the kiosks" "$(rows "$TMP/r/participants.csv" | wc -l)" "$(kq "SELECT count(*) FROM participant" | paste -sd+ | bc)"
same "participants: her name as the kiosk took it, with her consent" "$(rows "$TMP/r/participants.csv" | grep -c "Q'orianka Ñusta,1986")" 1
same "participants: no name without consent" "$(rows "$TMP/r/participants.csv" | grep ',sun/blue,' | cut -d, -f5-6)" "no,"
same "attendance: a row per woman present" "$(rows "$TMP/r/attendance.csv" | wc -l)" \
    "$(kq "SELECT count(*) FROM attendance a WHERE a.id NOT IN (SELECT target_id FROM void)" | paste -sd+ | bc)"
same "equipment: every delivery, the voided ones marked" \
    "$(rows "$TMP/r/equipment.csv" | awk -F, '{ print $6, $9 }' | sort | tr '\n' ' ')" \
    "$(kq "SELECT d.item || ' ' || CASE WHEN d.id IN (SELECT target_id FROM void) THEN 'yes' ELSE 'no' END FROM ppe_delivery d" | sort | tr '\n' ' ')"
same "quiz results: every finished quiz with its score" \
    "$(rows "$TMP/r/quiz_results.csv" | awk -F, '{ print $8 "/" $9 }' | sort | tr '\n' ' ')" \
    "$(kq "SELECT score || '/' || total FROM attempt_end" | sort | tr '\n' ' ')"
for c in "Santa Filomena" "Pampa Blanca" "Puna Alta"; do
    k=$(case "$c" in Santa*) echo filomena ;; Pampa*) echo pampa ;; *) echo puna ;; esac)
    kd() { sqlite3 "$TMP/$k.db" "$1"; }
    want="$c,$(kd "SELECT count(DISTINCT learner_id) FROM participant"),$(kd "SELECT count(DISTINCT learner_id) FROM attendance WHERE id NOT IN (SELECT target_id FROM void)")"
    want="$want,$(kd "SELECT count(DISTINCT learner_id) FROM completion WHERE module = 'ppe'")"
    want="$want,$(kd "SELECT count(DISTINCT a.learner_id) FROM attempt a JOIN attempt_end e ON e.attempt_id = a.id WHERE e.passed AND a.module = 'ppe'")"
    want="$want,$(kd "SELECT coalesce(sum(quantity), 0) FROM ppe_delivery WHERE id NOT IN (SELECT target_id FROM void)")"
    same "communities: $c's figures as its kiosk holds them" "$(rows "$TMP/r/communities.csv" | grep "^$c,")" "$want"
done

# Puna Alta's times: each untrusted record at its real time (the kiosk's clock plus the offset the
# server's Date gave during the same start), marked corrected, the kiosk's own time kept.
pid=$(sqlite3 "$TMP/puna.db" "SELECT id FROM kiosk")
same "every record of the 1970 kiosk has a corrected time" \
    "$(sqlite3 "$N" "SELECT count(*), sum(corrected) FROM record_time WHERE kiosk_id = '$pid'")" "$(sqlite3 "$TMP/puna.db" "SELECT count(*) || '|' || count(*) FROM record")"
same "its real time, to within 2 s (the test shifted its clock by $SHIFT s)" \
    "$(sqlite3 "$N" "SELECT count(*) FROM record_time WHERE kiosk_id = '$pid' AND abs(at - (original_at - $SHIFT)) > 2")" 0
today=$(date -u +%Y-%m-%d)
same "the report dates its quiz today, not in 1970" "$(rows "$TMP/r/quiz_results.csv" | grep ',sun/red,' | cut -c1-10)" "$today"

# Santa Filomena's first bundle held back (a lost stick): the gap is reported in words.
mkdir -p "$TMP/some"
for f in "$TMP"/stick/pallay-*.age "$TMP"/folder/pallay-*.age; do
    [ "$f" = "$F1" ] || [ "$f" = "$T2" ] || cp "$f" "$f.minisig" "$TMP/some/"
done
"$CTL" merge "$TMP/gap.db" "$TMP/some" --identity "$K/network.key" >"$TMP/gap.out" 2>&1
first=$(basename "$F1" .age | awk -F- '{ print $(NF-1) }')
last=$(basename "$F1" .age | awk -F- '{ print $NF }')
kid=$(sqlite3 "$TMP/filomena.db" "SELECT substr(id, 1, 8) FROM kiosk")
expect_line "a bundle held back: its records never arrived, said in words" "$TMP/gap.out" "^kiosk ([^ ]+ )?\(?$kid…\)?: records $first to $last never arrived$"
# The scripts did what the figures rest on (else the checks above would compare empty with empty).
same "the kiosks hold a voided record, passed and failed quizzes, a name" \
    "$(kq "SELECT (SELECT count(*) FROM void), (SELECT count(*) FROM attempt_end WHERE passed), (SELECT count(*) FROM attempt_end WHERE NOT passed), (SELECT count(*) FROM person)" | paste -sd' ')" \
    "1,1,1,1 0,1,0,1 0,1,0,0"

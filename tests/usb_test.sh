# Records leave on a USB stick. The test runs in a mount namespace of its own (unshare), where
# it can mount real file systems as sticks under a fake mount root while the kiosk runs: a
# tmpfs that appears, one too small (full), one mounted read-only, one with a file where the
# pallay folder goes, one pulled (lazily unmounted) while the bundle is being written, and a
# kiosk killed while it writes. After every fault, every record of the kiosk must be either
# still pending on the kiosk or inside a verified bundle on a stick: none missing.
if [ -z "${PALLAY_USB_NS:-}" ]; then
    if ! unshare -rm true 2>/dev/null; then
        echo "FAIL usb_test: cannot make a mount namespace (unshare -rm): this test mounts sticks in one"
        exit 0
    fi
    PALLAY_USB_NS=1 exec unshare -rm sh "$0" "$@"
fi
. tests/lib.sh

CTL="$(pwd)/$BUILD/pallayctl"
DB="$TMP/kiosk.db"
K="$TMP/keys"
MEDIA="$TMP/media"
mkdir -p "$MEDIA" "$TMP/plain"
# The sticks are unmounted before the folder is removed (rm would empty a mounted stick first).
trap 'for m in "$MEDIA"/* "$TMP/blocked"; do umount -l "$m" 2>/dev/null; done; [ -n "${PALLAY_KEEP:-}" ] || rm -rf "$TMP"' EXIT
export PALLAY_MACHINE_ID="$TMP/machine-id"
echo 0123456789abcdef0123456789abcdef >"$PALLAY_MACHINE_ID"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
# db SQL: reads the kiosk database, waiting for a writer rather than failing.
db() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }
# start NAME SCRIPT-TEXT [flags]: the kiosk in the background on $DB, its PID in $kpid.
start() {
    name=$1; script=$2; shift 2
    printf '%s\n' "$script" >"$TMP/$name.script"
    "$BUILD/pallay" --db "$DB" --trace "$TMP/$name.trace" --script "$TMP/$name.script" --pin_setup 0 --size 800x480 \
        --usb_roots "$MEDIA" --machine_id "$PALLAY_MACHINE_ID" ${RCPT:-} "$@" \
        >"$TMP/$name.out" 2>"$TMP/$name.err" &
    kpid=$!
}
finish() { wait "$kpid"; echo $? >"$TMP/$1.rc"; }
# stick NAME [mount options]: a new stick (a tmpfs) mounted under the mount root.
stick() { mkdir -p "$MEDIA/$1" && mount -t tmpfs -o "${2:-size=4m}" "pallay-test-$1" "$MEDIA/$1"; }
# unplug NAME: a copy of what verified on the stick is kept (the coordinator took it), then it goes.
unplug() {
    mkdir -p "$TMP/kept"
    cp "$MEDIA/$1"/pallay/outbox/*.age* "$TMP/kept/" 2>/dev/null
    umount "$MEDIA/$1"
}
handovers() { db "SELECT count(*) FROM handover"; }
# accounted NAME: every record of the kiosk is pending, or inside a bundle on a stick (or in
# $TMP/kept) that verifies and decrypts; the handovers name only such bundles.
accounted() {
    : >"$TMP/sent.ids"
    for f in "$MEDIA"/*/pallay/outbox/*.age "$TMP"/kept/*.age; do
        [ -f "$f" ] || continue
        "$CTL" verify "$f" --identity "$K/network.key" >"$TMP/v.out" 2>"$TMP/v.err" || continue
        age -d -i "$K/network.key" -o "$TMP/plain/b.db" "$f" && sqlite3 "$TMP/plain/b.db" "SELECT id FROM record" >>"$TMP/sent.ids"
        grep '^receipt ' "$TMP/v.out" | cut -d' ' -f2 >>"$TMP/sent.receipts"
        rm -f "$TMP/plain/b.db"
    done
    # One read, so pending and all are of the same moment; a failed read is a failure, not "none".
    if ! db "SELECT r.id || ' ' || (r.seq > coalesce((SELECT max(h.last_seq) FROM handover h WHERE h.kiosk_id = r.kiosk_id), 0))
             FROM record r" >"$TMP/ids"; then
        fail "$1" "sqlite3 could not read $DB"
        return
    fi
    sed -n 's/ 1$//p' "$TMP/ids" >"$TMP/pending.ids"
    cut -d' ' -f1 "$TMP/ids" | sort >"$TMP/all.ids"
    sort -u "$TMP/sent.ids" "$TMP/pending.ids" >"$TMP/both.ids"
    missing=$(comm -23 "$TMP/all.ids" "$TMP/both.ids" | wc -l)
    [ -s "$TMP/all.ids" ] || missing="all (no record read)"
    same "$1: every record is pending or in a verified bundle ($(wc -l <"$TMP/all.ids") records, $(wc -l <"$TMP/pending.ids") pending)" \
        "$missing missing" "0 missing"
}

# The network's keys and a kiosk database with records (facilitator, learners, workshop, equipment).
"$CTL" keygen --out "$K" >/dev/null
RCPT="--network_recipient $(cat "$K/network.pub")"
P='2580\n'
printf '2580\n2580\n' | "$CTL" set-pin "$DB" --name "Rosa Quispe" >/dev/null 2>&1
printf "$P" | "$CTL" add-participant "$DB" --sign llama/red --consent yes --name "Q'orianka Ñusta" --community Chala --born 1986 >/dev/null 2>&1
printf "$P" | "$CTL" add-participant "$DB" --sign sun/blue --consent no >/dev/null 2>&1
printf "$P" | "$CTL" open-workshop "$DB" --community Chala --modules ppe >/dev/null 2>&1
printf "$P" | "$CTL" record-ppe "$DB" --sign llama/red --item gloves --quantity 2 >/dev/null 2>&1
records=$(db "SELECT count(*) FROM record")
same "the kiosk database has records to send" "$([ "$records" -ge 6 ] && echo yes)" yes

# 1. A stick appears while the kiosk runs: the bundle lands in its outbox and is verified.
start one "expect screen language
expect screen send
expect sync usb records=
shot ${PALLAY_SHOTS:-$TMP}/usb-sent-es.png
expect sync usb removed
quit"
wait_for "$TMP/one.trace" "screen language" && stick A
wait_for "$TMP/one.trace" "sync usb records=|sync usb fault"
receipt=$(sed -n 's/.*sync usb records=[0-9]* receipt=\([^ ]*\).*/\1/p' "$TMP/one.trace")
expect_line "the kiosk writes every record to the stick and says how many, with a receipt code" "$TMP/one.trace" \
    "sync usb records=$records receipt=[2-9A-HJ-NP-Z]{6} bundles=1$"
bundle=$(ls "$MEDIA"/A/pallay/outbox/*.age 2>/dev/null | head -1)
same "one bundle and its signature in pallay/outbox, nothing else" "$(ls "$MEDIA/A/pallay/outbox" | sed 's/-[0-9]*-[0-9]*\.age/.age/' | tr '\n' ' ')" \
    "pallay-$(db "SELECT id FROM kiosk").age pallay-$(db "SELECT id FROM kiosk").age.minisig "
"$CTL" kiosk-key "$DB" >"$TMP/kiosk.pub" 2>/dev/null
minisign -Vm "$bundle" -p "$TMP/kiosk.pub" -q
same "the stock minisign accepts it with the kiosk's public key" "$?" 0
"$CTL" verify "$bundle" --identity "$K/network.key" >"$TMP/verify.out" 2>&1
same "pallayctl verify prints the receipt code the kiosk showed" "$(sed -n 's/^receipt //p' "$TMP/verify.out")" "$receipt"
age -d -i "$K/network.key" -o "$TMP/plain/one.db" "$bundle"
same "the stock age opens it: the same records, byte for byte" \
    "$(sqlite3 "$TMP/plain/one.db" "SELECT id, kiosk_id, seq, kind, created_at FROM record ORDER BY seq" | md5sum)" \
    "$(db "SELECT id, kiosk_id, seq, kind, created_at FROM record ORDER BY seq" | md5sum)"
same "the handover is recorded: its records, receipt and where" "$(db "SELECT records, receipt, destination FROM handover")" \
    "$records|$receipt|usb A"
# After "done", a voice made on the kiosk says how many records went and the code, letter by letter.
wait_for "$TMP/one.trace" "audio start /tmp/pallay-voice"
said=$(sed -n 's/.*audio start \(\/tmp\/pallay-voice[^ ]*\) .*/\1/p' "$TMP/one.trace" | head -1)
expect_seq "after the tick and the words, it says the number and the code" "$TMP/one.trace" \
    "key=fac.send.sent " "audio start /tmp/pallay-voice.*/sent-0.wav"
same "that voice is a sound file made for this handover" "$(head -c 4 "$said" 2>/dev/null)" "RIFF"
unplug A
finish one
same "the kiosk's own voice files are gone once it stops" "$(ls -d "$(dirname "$said")" 2>/dev/null | wc -l)" 0
expect_rc "the kiosk runs on to the end of its script" one 0
expect_line "it notices the stick was taken out" "$TMP/one.trace" "sync usb removed label=A"
same "the bundle has no personal data in clear: no name on the stick" "$(grep -rl "orianka" "$MEDIA" 2>/dev/null | wc -l)" 0

# 1b. Two sticks already in at the start: the second waits its turn while the first is written,
# then is told that nothing is left to send.
printf "$P" | "$CTL" record-ppe "$DB" --sign llama/red --item helmet --quantity 1 >/dev/null 2>&1
stick FIRST
stick SECOND
start turn "expect sync usb records=1 receipt=
expect sync usb found label=SECOND
expect sync usb records=0
quit"
finish turn
expect_rc "a second stick that came during a write gets its turn" turn 0
expect_seq "the first stick gets the new record, then the second is told nothing is left" "$TMP/turn.trace" \
    "sync usb found label=FIRST" "sync usb records=1 receipt=" "sync usb found label=SECOND" "sync usb records=0$"
unplug FIRST
unplug SECOND
mkfifo "$TMP/hold"

# 2. Faults, one kiosk run: a full stick, a read-only one, a file where the folder goes, a stick
# pulled while the bundle is written. Each is said, nothing is marked as sent, the next stick
# gets everything. New records first, so there is something pending.
printf "$P" | "$CTL" record-ppe "$DB" --sign sun/blue --item helmet --quantity 1 >/dev/null 2>&1
printf "$P" | "$CTL" mark-present "$DB" --sign sun/blue >/dev/null 2>&1
before=$(handovers)
start two "expect screen language
expect sync usb fault=full
expect sync usb fault=readonly
expect sync usb fault=blocked
expect sync usb removed label=BLOCKED
quit" --facilitator_lang quy
# Writes that pause (test build only) until the test says, so the stick can be pulled mid-write.
wait_for "$TMP/two.trace" "screen language"
stick FULL size=8k
wait_for "$TMP/two.trace" "fault=full"; umount "$MEDIA/FULL"
wait_for "$TMP/two.trace" "removed label=FULL"
stick RO ro
wait_for "$TMP/two.trace" "fault=readonly"; umount "$MEDIA/RO"
wait_for "$TMP/two.trace" "removed label=RO"
mkdir -p "$TMP/blocked" && mount -t tmpfs -o size=4m blocked "$TMP/blocked" && echo "not a folder" >"$TMP/blocked/pallay" &&
    mkdir -p "$MEDIA/BLOCKED" && mount --bind "$TMP/blocked" "$MEDIA/BLOCKED"
wait_for "$TMP/two.trace" "fault=blocked"; umount "$MEDIA/BLOCKED"
wait_for "$TMP/two.trace" "removed label=BLOCKED"
same "the file in the folder's place is left as it was" "$(cat "$TMP/blocked/pallay")" "not a folder"
for f in two.trace two.err; do cp "$TMP/$f" "$TMP/$f.faults"; done
accounted "after a full, a read-only and a blocked stick"
same "no fault is recorded as a handover" "$(handovers)" "$before"
finish two
# The pulled stick: PALLAY_TEST_HOLD makes the writer wait once the bundle is on the stick and
# before its rename; the stick goes, then the writer goes on.
export PALLAY_TEST_HOLD="$TMP/hold"
start two "expect screen language
expect sync usb fault=gone
expect sync usb records=
shot ${PALLAY_SHOTS:-$TMP}/usb-sent-quy.png
quit" --facilitator_lang quy
unset PALLAY_TEST_HOLD
wait_for "$TMP/two.trace" "screen language"
stick PULLED
wait_for "$TMP/two.err" "test hold"
umount -l "$MEDIA/PULLED"
echo go >"$TMP/hold"
wait_for "$TMP/two.trace" "fault="
expect_line "a stick pulled mid-write is said as such" "$TMP/two.trace" "sync usb fault=gone"
expect_line "and why, on stderr, with nothing marked as sent" "$TMP/two.err" "USB stick PULLED: .*nothing more was marked as sent"
same "no handover for the pulled stick" "$(handovers)" "$before"
accounted "after a stick pulled mid-write"
expect_line "a full stick is said as such" "$TMP/two.trace.faults" "sync usb fault=full"
expect_line "a read-only stick is said as such" "$TMP/two.trace.faults" "sync usb fault=readonly"
expect_line "a file where the folder goes is said as such" "$TMP/two.trace.faults" "sync usb fault=blocked"
# The next stick gets everything pending.
pending=$(db "SELECT count(*) FROM record WHERE seq > (SELECT max(last_seq) FROM handover)")
stick GOOD
wait_for "$TMP/two.trace" "sync usb records="
finish two
expect_rc "the kiosk goes on after every fault" two 0
expect_line "the next stick gets every record still pending" "$TMP/two.trace" "sync usb records=$pending receipt="
same "nothing is pending any more" "$(db "SELECT count(*) FROM record WHERE seq > (SELECT max(last_seq) FROM handover)")" 0
accounted "after the good stick"
same "the faults are in the kiosk's health for the network" \
    "$(db "SELECT group_concat(detail, ',') FROM kiosk_event WHERE kind = 'error'")" "usb full,usb readonly,usb blocked,usb gone"
"$CTL" verify "$(ls "$MEDIA"/GOOD/pallay/outbox/*.age | head -1)" --identity "$K/network.key" >"$TMP/good.out" 2>&1
expect_line "the bundle's header carries the faults since the last bundle, latest first" "$TMP/good.out" "^error\.1 [0-9]+ usb gone$"
expect_line "and the kiosk's restarts since then" "$TMP/good.out" "^restarts 2$"
expect_line "and its free disk" "$TMP/good.out" "^free_disk_bytes [0-9]+$"
unplug GOOD

# 3. Kills: the kiosk killed while it writes to a stick (held mid-write, and at random moments
# after it began), then started again with the stick still there. PALLAY_SEED=N replays.
seed=${PALLAY_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "# seed $seed (PALLAY_SEED=$seed replays it)"
i=0
while [ $i -lt 4 ]; do
    printf "$P" | "$CTL" record-ppe "$DB" --sign llama/red --item mask --quantity 1 >/dev/null 2>&1
    [ $i -eq 0 ] && export PALLAY_TEST_HOLD="$TMP/hold"
    start kill$i "expect sync usb writing
wait 20000"
    unset PALLAY_TEST_HOLD
    stick KILL$i
    wait_for "$TMP/kill$i.trace" "sync usb writing"
    if [ $i -eq 0 ]; then
        wait_for "$TMP/kill$i.err" "test hold"
    else
        # 0 to 59 ms into the write, from the seed: before, during or after the handover is saved.
        sleep "0.0$(printf %02d $(( (seed * (i + 7)) % 60 )))"
    fi
    kill -KILL "$kpid"; wait "$kpid" 2>/dev/null
    accounted "kill $i while writing"
    unplug KILL$i
    i=$((i + 1))
done
same "the kiosk killed while the bundle waited on the stick recorded no handover" \
    "$(db "SELECT count(*) FROM handover WHERE destination = 'usb KILL0'")" 0
rm -f "$TMP/hold"
# The stick still there at the next start gets what is pending (one record more, so something is).
printf "$P" | "$CTL" record-ppe "$DB" --sign sun/blue --item goggles --quantity 1 >/dev/null 2>&1
stick AGAIN
pending=$(db "SELECT count(*) FROM record WHERE seq > (SELECT max(last_seq) FROM handover)")
start again "expect sync usb records=
quit"
finish again
expect_line "after the kills, a stick there at start gets every record pending" "$TMP/again.trace" "sync usb records=$pending receipt="
accounted "after the kills and a new start"
"$CTL" verify "$(ls "$MEDIA"/AGAIN/pallay/outbox/*.age | head -1)" --identity "$K/network.key" >"$TMP/again.out" 2>&1
power=$(sed -n 's/^power_losses //p' "$TMP/again.out")
same "the kills are in the next bundle's health as power losses" "$([ "${power:-0}" -ge 1 ] && echo some)" some
same "nothing left half-written on the last stick" "$(ls "$MEDIA/AGAIN/pallay/outbox" | grep -c '\.tmp')" 0

# 4. No network key: nothing is written, and the kiosk says why.
stick NOKEY
RCPT=
start nokey "expect sync usb unable
quit"
finish nokey
expect_line "without network_recipient, a stick gets nothing and the kiosk says why" "$TMP/nokey.err" "no network_recipient is set"
same "nothing was written to it" "$(ls -A "$MEDIA/NOKEY" | wc -l)" 0

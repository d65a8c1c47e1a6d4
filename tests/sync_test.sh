# Records leave the kiosk: pallayctl keygen, kiosk-key, export and verify, with the stock age
# and minisign as the oracle. Then every fault verify must name (bad signature, unknown format,
# truncated, wrong recipient), and one flipped byte at each of 50 random offsets of a bundle and
# of its signature, refused every time with its reason. PALLAY_SEED=N replays the offsets.
. tests/lib.sh

CTL="$(pwd)/$BUILD/pallayctl"
DB="$TMP/kiosk.db"
K="$TMP/keys"
OUT="$TMP/out"
mkdir -p "$OUT" "$TMP/elsewhere"
export PALLAY_MACHINE_ID="$TMP/machine-id"
echo 0123456789abcdef0123456789abcdef >"$PALLAY_MACHINE_ID"
# ctl NAME ARGS...: runs pallayctl (stdin: the facilitator PIN), output in $TMP/NAME.out/.err, status in .rc.
ctl() { name=$1; shift; printf '2580\n2580\n' | "$CTL" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"; echo $? >"$TMP/$name.rc"; }

# The network's keys.
ctl keygen keygen --out "$K"
expect_rc "keygen makes the network's keys" keygen 0
same "network.key and content.key are for their owner only" "$(stat -c %a "$K/network.key" "$K/content.key" | tr '\n' ' ')" "600 600 "
expect_line "network.pub is an age recipient" "$K/network.pub" '^age1[02-9ac-hj-np-z]{58}$'
expect_line "it prints the line for pallay.conf" "$TMP/keygen.out" "^network_recipient = $(cat "$K/network.pub")$"
ctl keygen2 keygen --out "$K"
expect_rc "keygen never replaces a key" keygen2 1
echo "a message for the network" >"$TMP/msg"
age -e -r "$(cat "$K/network.pub")" -o "$TMP/msg.age" "$TMP/msg" && age -d -i "$K/network.key" "$TMP/msg.age" >"$TMP/msg.back" 2>&1
same "the stock age uses both network keys" "$(cat "$TMP/msg.back")" "a message for the network"
minisign -S -s "$K/content.key" -m "$TMP/msg" -t "content" </dev/null >/dev/null 2>&1 && minisign -Vm "$TMP/msg" -p "$K/content.pub" -q
same "the stock minisign uses both content keys" "$?" 0

# A kiosk database with records from the facilitator's keyboard.
ctl pin set-pin "$DB" --name "Rosa Quispe"
ctl p1 add-participant "$DB" --sign llama/red --consent yes --name "Q'orianka Ñusta Huamaní" --community "Santa Filomena" --born 1986
ctl p2 add-participant "$DB" --sign sun/blue --consent no
ctl ws open-workshop "$DB" --community "Santa Filomena" --modules ppe --at "2026-11-20 09:30"
ctl mp mark-present "$DB" --sign llama/red
ctl g1 record-ppe "$DB" --sign llama/red --item gloves --quantity 2 --size M
ctl cw close-workshop "$DB"
expect_rc "the kiosk database has records" cw 0
records=$(sqlite3 "$DB" "SELECT count(*) FROM record")

ctl kkey kiosk-key "$DB"
expect_rc "kiosk-key prints the kiosk's public key" kkey 0
expect_line "as a minisign public key file" "$TMP/kkey.out" '^untrusted comment: minisign public key [0-9A-F]{16}$'
expect_line "it says the key was made" "$TMP/kkey.err" "made the key of kiosk"
same "the secret key stays beside the database, for its owner only" "$(stat -c %a "$DB.key")" 600
cp "$TMP/kkey.out" "$TMP/kiosk.pub"
ctl kkey2 kiosk-key "$DB"
same "the second time, the same key" "$(cat "$TMP/kkey2.out")" "$(cat "$TMP/kiosk.pub")"

# No recipient: nothing leaves.
(cd "$TMP/elsewhere" && "$CTL" export "$DB" --out "$OUT" >"$TMP/norcp.out" 2>"$TMP/norcp.err"; echo $? >"$TMP/norcp.rc")
expect_rc "without a network recipient, export refuses" norcp 1
expect_line "and says why" "$TMP/norcp.err" "no network recipient"
same "nothing was written" "$(ls "$OUT" | wc -l)" 0

# The recipient from pallay.conf in the current folder.
echo "network_recipient = $(cat "$K/network.pub")" >"$TMP/elsewhere/pallay.conf"
(cd "$TMP/elsewhere" && "$CTL" export "$DB" --out "$OUT" >"$TMP/export.out" 2>"$TMP/export.err"; echo $? >"$TMP/export.rc")
expect_rc "export writes a bundle" export 0
B=$(cat "$TMP/export.out")
same "it prints the bundle's path" "$(ls "$OUT")" "$(basename "$B")
$(basename "$B").minisig"
minisign -Vm "$B" -p "$TMP/kiosk.pub" -q
same "minisign -V accepts the bundle" "$?" 0
age -d -i "$K/network.key" -o "$TMP/plain.db" "$B"
same "age -d opens it" "$?" 0
for t in record learner participant community workshop attendance ppe_delivery facilitator; do
    same "sqlite3 finds the same $t rows" "$(sqlite3 "$TMP/plain.db" "SELECT * FROM $t ORDER BY id")" "$(sqlite3 "$DB" "SELECT * FROM $t ORDER BY id")"
done
same "the header counts every record" "$(sqlite3 "$TMP/plain.db" "SELECT value FROM header WHERE key = 'records'")" "$records"
if grep -q "Huaman" "$B" "$B.minisig"; then fail "no name in clear on the stick" "a name in the bundle"; else pass "no name in clear on the stick"; fi

# verify: the signature, the receipt code, and with the identity the header.
ctl v verify "$B"
expect_rc "verify accepts the bundle" v 0
expect_line "and prints its receipt code" "$TMP/v.out" '^receipt [2-9A-HJ-NP-Z]{6}$'
receipt=$(sed -n 's/^receipt //p' "$TMP/v.out")
expect_line "the receipt is in export's words too" "$TMP/export.err" "receipt $receipt"
ctl vi verify "$B" --identity "$K/network.key" --key "$TMP/kiosk.pub"
expect_rc "verify --identity opens it" vi 0
expect_line "and prints the kiosk" "$TMP/vi.out" "^kiosk_id $(sqlite3 "$DB" "SELECT id FROM kiosk")$"
expect_line "the count per kind" "$TMP/vi.out" '^records.participant 2$'
expect_count "and the same receipt" "$TMP/vi.out" "^receipt $receipt$" 1

# The other way: a bundle the stock age encrypted, signed by the stock minisign with the kiosk key.
age -r "$(cat "$K/network.pub")" -o "$TMP/stock.age" "$TMP/plain.db"
minisign -S -s "$DB.key" -m "$TMP/stock.age" -t "from the stock tools" </dev/null >/dev/null 2>&1
ctl stock verify "$TMP/stock.age" --identity "$K/network.key" --key "$TMP/kiosk.pub"
expect_rc "verify opens what the stock age -r and minisign -S made" stock 0
expect_line "with its header" "$TMP/stock.out" "^records $records$"

# Each fault, named.
"$CTL" keygen --out "$TMP/other" >/dev/null
ctl wrong verify "$B" --identity "$TMP/other/network.key"
expect_rc "another network's identity fails" wrong 1
expect_line "wrong recipient" "$TMP/wrong.err" "wrong recipient"
head -c 1000 "$B" >"$TMP/cut.age"
cp "$B.minisig" "$TMP/cut.age.minisig"
ctl cut verify "$TMP/cut.age"
expect_rc "a bundle cut short fails" cut 1
expect_line "truncated" "$TMP/cut.err" "cut.age: truncated"
echo "not a bundle" >"$TMP/text.age"
cp "$B.minisig" "$TMP/text.age.minisig"
ctl text verify "$TMP/text.age"
expect_rc "a text file fails" text 1
expect_line "unknown format" "$TMP/text.err" "text.age: unknown format"
cp "$B" "$TMP/nosig.age"
ctl nosig verify "$TMP/nosig.age"
expect_line "a bundle without its signature: bad signature" "$TMP/nosig.err" "nosig.age: bad signature"
ctl otherkey verify "$B" --key "$TMP/other/content.pub"
expect_line "a bundle checked against another key: bad signature" "$TMP/otherkey.err" "bad signature: signed by key"

# Tampering: one flipped byte at each of 50 offsets of the bundle, then of its signature.
SEED=${PALLAY_SEED:-$(date +%s)}
echo "# seed $SEED (PALLAY_SEED=$SEED replays it)"
tamper() {
    what=$1; size=$(stat -c %s "$2")
    refused=0; reasons=0
    awk -v seed="$SEED$what" -v size="$size" 'BEGIN { srand(seed); for (i = 0; i < 50; i++) print int(rand() * size), 1 + int(rand() * 255) }' \
        >"$TMP/offsets.$what"
    while read -r at x; do
        cp "$B" "$TMP/t.age"
        cp "$B.minisig" "$TMP/t.age.minisig"
        flip "$3" "$at" "$x"
        "$CTL" verify "$TMP/t.age" >"$TMP/t.out" 2>"$TMP/t.err"
        if [ $? -ne 0 ]; then refused=$((refused + 1)); else echo "# $what: offset $at xor $x was accepted"; fi
        grep -Eq "t.age: (bad signature|unknown format|truncated|wrong recipient|damaged)" "$TMP/t.err" && reasons=$((reasons + 1))
    done <"$TMP/offsets.$what"
    same "50 flipped bytes in the $what, 50 refusals (seed $SEED)" "$refused" 50
    same "each with its reason" "$reasons" 50
}
tamper bundle "$B" "$TMP/t.age"
tamper signature "$B.minisig" "$TMP/t.age.minisig"

# The same database on another machine: a new kiosk id and key, and the old records keep theirs.
old_id=$(sqlite3 "$DB" "SELECT id FROM kiosk")
echo fedcba9876543210fedcba9876543210 >"$PALLAY_MACHINE_ID"
ctl moved kiosk-key "$DB"
expect_line "on another machine the kiosk says it moved" "$TMP/moved.err" "earlier records keep kiosk $old_id"
if [ "$(cat "$TMP/moved.out")" != "$(cat "$TMP/kiosk.pub")" ]; then pass "with a new key"; else fail "with a new key" "the old key"; fi
same "old records keep their kiosk id" "$(sqlite3 "$DB" "SELECT count(*) FROM record WHERE kiosk_id = '$old_id'")" "$records"

# Pending: the first export was handed over, so nothing waits; then one new record, under the new id.
(cd "$TMP/elsewhere" && "$CTL" export "$DB" --out "$TMP/out2" >"$TMP/again.out" 2>"$TMP/again.err"; echo $? >"$TMP/again.rc")
expect_rc "a second export with nothing new succeeds" again 0
expect_line "and says nothing was waiting" "$TMP/again.err" "no records waiting to be sent"
same "and writes nothing" "$(ls "$TMP/out2" 2>/dev/null | wc -l)" 0
ctl p3 add-participant "$DB" --sign moon/green --consent no
new_id=$(sqlite3 "$DB" "SELECT DISTINCT kiosk_id FROM record WHERE kiosk_id <> '$old_id'")
fresh=$(sqlite3 "$DB" "SELECT count(*) FROM record WHERE kiosk_id = '$new_id'")
(cd "$TMP/elsewhere" && "$CTL" export "$DB" --out "$TMP/out3" >"$TMP/new.out" 2>"$TMP/new.err"; echo $? >"$TMP/new.rc")
same "the next export holds only the new records, under the new kiosk id" "$(ls "$TMP/out3" | grep -c "^pallay-$new_id-1-$fresh\.age$")" 1
# --all: every record again, one bundle per kiosk id; the earlier id's is signed with today's key.
(cd "$TMP/elsewhere" && "$CTL" export "$DB" --out "$TMP/out4" --all >"$TMP/all.out" 2>"$TMP/all.err"; echo $? >"$TMP/all.rc")
expect_line "--all writes a bundle for each kiosk id" "$TMP/all.err" "$((records + fresh)) records in 2 bundles"
oldb=$(ls "$TMP"/out4/pallay-"$old_id"-*.age)
ctl old verify "$oldb" --identity "$K/network.key"
expect_rc "the earlier id's bundle verifies" old 0
expect_line "it names the records' kiosk" "$TMP/old.out" "^kiosk_id $old_id$"
expect_line "and the kiosk that signed it" "$TMP/old.out" "^signed_by $new_id$"
expect_line "with every record of the earlier id" "$TMP/old.out" "^records $records$"
same "every export is recorded as a handover, with where it went" \
    "$(sqlite3 "$DB" "SELECT count(*), count(DISTINCT destination) FROM handover WHERE destination LIKE 'folder %'")" "4|3"

# The kiosk itself: its key at first start, the same key after, a new identity on another machine.
echo 11111111111111111111111111111111 >"$TMP/m1"
echo 22222222222222222222222222222222 >"$TMP/m2"
kiosk ks quit --machine_id "$TMP/m1"
cp "$TMP/ks.trace" "$TMP/ks1.trace"
expect_line "the kiosk makes its key at first start" "$TMP/ks1.trace" 'sync identity made kiosk=[0-9a-f-]{36} key=[0-9A-F]{16}$'
kiosk ks quit --machine_id "$TMP/m1"
expect_line "and loads it at the next" "$TMP/ks.trace" 'sync identity loaded kiosk='
expect_no_line "the trace never holds the secret key" "$TMP/ks.trace" "$(sed -n 2p "$TMP/ks.db.key" | cut -c1-40)"
first=$(sqlite3 "$TMP/ks.db" "SELECT id FROM kiosk")
kiosk ks quit --machine_id "$TMP/m2"
expect_line "on another machine it takes a new id, in the trace" "$TMP/ks.trace" "sync identity moved kiosk=[0-9a-f-]{36} key=[0-9A-F]{16} from=$first$"
expect_line "and on stderr" "$TMP/ks.err" "earlier records keep kiosk $first"

# pallayctl merge: bundles made by the real code from two kiosk databases (pallayctl's facilitator
# commands and export), merged into a network database. Counts against the kiosks' own rows; the
# same bundles again, and in another order, give the same database, byte for byte once the merge
# bookkeeping (when, from which file) is left out. Bad bundles are named with their reason and
# the others merge; a kiosk id under another key is refused; a held-back bundle is a gap in
# words; a forged duplicate is a conflict; a withdrawal merged first still erases her name. Many
# bundles in one run (read ahead on a second thread) say what each says merged alone.
. tests/lib.sh

CTL="$(pwd)/$BUILD/pallayctl"
K="$TMP/keys"
# export_to KIOSK DIR [--all]: the kiosk's pending records (or all) as one bundle in DIR; prints its path.
export_to() {
    on "$1" export export "$TMP/$1.db" --out "$2" --recipient "$(cat "$K/network.pub")" $3
    cat "$TMP/export.out"
}
# merge NAME NETWORK.db ARGS...: output in $TMP/NAME.out/.err, status in .rc.
merge() {
    name=$1; shift
    "$CTL" merge "$@" --identity "$K/network.key" >"$TMP/$name.out" 2>"$TMP/$name.err"
    echo $? >"$TMP/$name.rc"
}
# canon DB: every row of every table but the merge log, with first_seen left out, sorted.
canon() {
    sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'net_merge_log' ORDER BY name" | while read -r t; do
        if [ "$t" = net_kiosk ]; then cols="id, key, moved_to, last_bundle, last_exported_at, restarts, power_losses, last_errors"
        else cols="*"; fi
        echo "SELECT '$t', $cols FROM \"$t\";"
    done | sqlite3 -cmd ".mode quote" "$1" | LC_ALL=C sort
}
# reseal PLAIN OUT SECRET KIOSK KEY: a plain bundle changed by hand, encrypted and signed again
# by the stock tools, as a forger holding that key would.
reseal() {
    age -e -r "$(cat "$K/network.pub")" -o "$2" "$1"
    minisign -S -s "$3" -m "$2" -t "pallay bundle 1 kiosk=$4 seq=1-1 records=1 size=1 key=$5" -c "signature from pallay kiosk $4" \
        </dev/null >/dev/null 2>&1
}

"$CTL" keygen --out "$K" >/dev/null
"$CTL" keygen --out "$TMP/other" >/dev/null
echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa >"$TMP/a.machine"
echo bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb >"$TMP/b.machine"

# Kiosk A: a workshop in three bundles (the second will be held back).
A="$TMP/a.db"
on a pin set-pin "$A" --name "Rosa Quispe"
on a p1 add-participant "$A" --sign llama/red --consent yes --name "Q'orianka Ñusta Huamaní" --community "Santa Filomena" --born 1986
on a ws open-workshop "$A" --community "Santa Filomena" --modules ppe --at "2026-11-20 09:30"
on a mp mark-present "$A" --sign llama/red
mkdir -p "$TMP/a1" "$TMP/a2" "$TMP/a3" "$TMP/aall" "$TMP/b1" "$TMP/b2" "$TMP/bad"
A1=$(export_to a "$TMP/a1")
on a g1 record-ppe "$A" --sign llama/red --item gloves --quantity 2 --size M
on a p2 add-participant "$A" --sign sun/blue --consent no
A2=$(export_to a "$TMP/a2")
on a g2 record-ppe "$A" --sign sun/blue --item gloves --quantity 1 --size S
on a cw close-workshop "$A"
A3=$(export_to a "$TMP/a3")
AALL=$(export_to a "$TMP/aall" --all)
expect_rc "kiosk A's last export worked" export 0

# Kiosk B: María registers with her name, then withdraws her consent.
B="$TMP/b.db"
on b pin set-pin "$B" --name "Ana Condori"
on b p1 add-participant "$B" --sign moon/green --consent yes --name "María Mamani" --community "Pampa Blanca" --born 1990
# Three records made while its clock said 1970 (as the store marks them: clock_ok 0), 60 s apart;
# then the clock is set and the next record is trusted.
sqlite3 "$B" "INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-00000000000' || i, (SELECT id FROM kiosk),
    (SELECT max(seq) FROM record) + i, 'learner', 100 + 60 * i, 0 FROM (SELECT 1 AS i UNION SELECT 2 UNION SELECT 3) ORDER BY i;
    INSERT INTO learner SELECT id, 'sun', 'red' FROM record WHERE clock_ok = 0"
on b g1 record-ppe "$B" --sign moon/green --item mask --quantity 1
# Its health as the kiosk logs it: two starts without a stop between them (a power loss), a fault.
sqlite3 "$B" "INSERT INTO kiosk_event (kind, detail, at) VALUES ('start', '', 1796000000), ('start', '', 1796000100),
    ('error', 'the disk is full', 1796000200)"
B1=$(export_to b "$TMP/b1")
on b wd withdraw-consent "$B" --sign moon/green
expect_rc "kiosk B records her withdrawal" wd 0
B2=$(export_to b "$TMP/b2")
same "every bundle was written" "$(ls "$A1" "$A2" "$A3" "$AALL" "$B1" "$B2" 2>/dev/null | wc -l)" 6
aid=$(sqlite3 "$A" "SELECT id FROM kiosk")
bid=$(sqlite3 "$B" "SELECT id FROM kiosk")

# Everything: the counts are the kiosks' own.
N="$TMP/net.db"
t0=$(date +%s%N)
merge all "$N" "$TMP/a1" "$TMP/a2" "$TMP/a3" "$TMP/b1" "$TMP/b2"
t1=$(date +%s%N)
echo "# merging 5 bundles ($(sqlite3 "$N" "SELECT count(*) FROM record") records) took $(((t1 - t0) / 1000000)) ms"
expect_rc "merge of five good bundles succeeds" all 0
expect_line "the summary counts the bundles" "$TMP/all.out" '^bundles: 5 merged, 0 merged before, 0 skipped, 0 refused$'
total=$(($(sqlite3 "$A" "SELECT count(*) FROM record") + $(sqlite3 "$B" "SELECT count(*) FROM record")))
expect_line "and the records, all new" "$TMP/all.out" "^records: $total new, 0 already known, 0 kept aside as conflicts$"
# count DB: "table count" for each record table.
count() {
    for t in record learner participant community workshop workshop_close attendance ppe_delivery facilitator withdrawal person; do
        echo "SELECT '$t', count(*) FROM $t;"
    done | sqlite3 "$1"
}
count "$A" >"$TMP/a.count"
count "$B" >"$TMP/b.count"
count "$N" >"$TMP/net.count"
while IFS='|' read -r t n; do
    want=$((n + $(grep "^$t|" "$TMP/b.count" | cut -d'|' -f2)))
    same "the network has the kiosks' $t rows ($want)" "$(grep "^$t|" "$TMP/net.count" | cut -d'|' -f2)" "$want"
done <"$TMP/a.count"
same "the rows themselves are the kiosks'" "$(sqlite3 "$N" "SELECT * FROM ppe_delivery ORDER BY id")" \
    "$( (sqlite3 "$A" "SELECT * FROM ppe_delivery"; sqlite3 "$B" "SELECT * FROM ppe_delivery") | LC_ALL=C sort)"
same "the name of the woman who withdrew, merged before her withdrawal, is overwritten in the file" "$(cat "$N"* | grep -c "Mamani")" 0
same "her name is there with her consent" "$(sqlite3 "$N" "SELECT name, birth_year FROM person")" "Q'orianka Ñusta Huamaní|1986"
same "both kiosks known by their keys" "$(sqlite3 "$N" "SELECT count(*) FROM net_kiosk WHERE key LIKE 'RW%'")" 2
same "with their health from the latest bundle" "$(sqlite3 "$N" "SELECT count(*) FROM net_kiosk WHERE last_bundle LIKE 'pallay-%' AND free_disk_bytes > 0")" 2
same "kiosk B's restarts, power losses and last errors" "$(sqlite3 "$N" "SELECT restarts, power_losses, last_errors FROM net_kiosk WHERE id = '$bid'")" \
    "2|1|1796000200 the disk is full"
ppe_at=$(sqlite3 "$B" "SELECT created_at FROM record WHERE kind = 'ppe_delivery'")
same "records of an untrusted clock get times estimated from the trusted one after them" \
    "$(sqlite3 "$N" "SELECT original_at, at, corrected FROM record_time WHERE clock_ok = 0 ORDER BY seq" | tr '\n' ' ')" \
    "160|$((ppe_at - 120))|1 220|$((ppe_at - 60))|1 280|$ppe_at|1 "
same "the trusted ones keep theirs" "$(sqlite3 "$N" "SELECT count(*) FROM record_time WHERE clock_ok = 1 AND (at <> original_at OR corrected)")" 0
expect_no_line "no gap" "$TMP/all.out" "never arrived"
expect_line "the highest record of each kiosk, named by its community" "$TMP/all.out" "^kiosk Santa Filomena \\(${aid%"${aid#????????}"}…\\): highest record $(sqlite3 "$A" "SELECT max(seq) FROM record")$"

# Again: nothing changes, every record is known.
canon "$N" >"$TMP/before.canon"
merge again "$N" "$TMP/b2" "$TMP/a1"
expect_line "merging again adds nothing" "$TMP/again.out" "^records: 0 new, "
expect_line "the same file is known by its hash, not opened" "$TMP/again.out" '^bundles: 0 merged, 2 merged before'
canon "$N" >"$TMP/after.canon"
if cmp -s "$TMP/before.canon" "$TMP/after.canon"; then pass "the same bundles again change no row"
else fail "the same bundles again change no row" "$(diff "$TMP/before.canon" "$TMP/after.canon" | head -5 | tr '\n' '|')"; fi
merge over "$N" "$AALL"
expect_line "a bundle overlapping them brings only known records" "$TMP/over.out" "^records: 0 new, $(sqlite3 "$A" "SELECT count(*) FROM record") already known, 0 kept aside"
# A network that already knows a column these kiosks' bundles lack (a newer kiosk added it, as
# migration 7 added record.boot): an older kiosk's overlapping bundle is compared on the columns
# it has, not refused as damaged.
cp "$N" "$TMP/wider.db"
sqlite3 "$TMP/wider.db" "ALTER TABLE record ADD COLUMN later INTEGER; DELETE FROM net_bundle"
merge wider "$TMP/wider.db" "$AALL"
expect_line "an older kiosk's overlapping bundle merges into a network with a newer column" "$TMP/wider.out" \
    "^records: 0 new, $(sqlite3 "$A" "SELECT count(*) FROM record") already known, 0 kept aside"

# The forged duplicate: a record of B's bundle with other content, signed with B's key.
age -d -i "$K/network.key" -o "$TMP/forged.db" "$B1"
cid=$(sqlite3 "$TMP/forged.db" "SELECT id FROM community")
sqlite3 "$TMP/forged.db" "UPDATE community SET name = 'Otra Comunidad'"
on b bkey kiosk-key "$B"
reseal "$TMP/forged.db" "$TMP/bad/forged.age" "$B.key" "$bid" "$(sed -n 2p "$TMP/bkey.out")"

# Two orders, with the forgery and repeats: the same database.
merge x1 "$TMP/x.db" "$A1" "$A2" "$A3" "$AALL" "$B1" "$B2" "$TMP/bad/forged.age"
merge y1 "$TMP/y.db" "$TMP/bad/forged.age" "$B2" "$AALL" "$B1" "$A3" "$B2"
merge y2 "$TMP/y.db" "$A2" "$A1" "$B1"
canon "$TMP/x.db" >"$TMP/x.canon"
canon "$TMP/y.db" >"$TMP/y.canon"
if cmp -s "$TMP/x.canon" "$TMP/y.canon"; then pass "two orders (one with repeats and an overlapping bundle) give the same rows, byte for byte"
else fail "two orders give the same rows" "$(diff "$TMP/x.canon" "$TMP/y.canon" | head -6 | tr '\n' '|')"; fi
same "the dump holds every record but the disputed one" "$(grep -c "^'record'" "$TMP/x.canon")" "$((total - 1))"
expect_line "the forgery is a conflict, listed" "$TMP/x1.out" "^conflict: record $cid .* arrived in 2 different versions; all kept aside"
same "neither version of the disputed record counts" "$(sqlite3 "$TMP/x.db" "SELECT count(*) FROM community WHERE id = '$cid'")" 0
same "both are kept aside" "$(sqlite3 "$TMP/x.db" "SELECT group_concat(content, ' / ') FROM (SELECT content FROM net_conflict WHERE record_id = '$cid' AND tbl = 'community' ORDER BY content)")" \
    "'$cid','Otra Comunidad' / '$cid','Pampa Blanca'"
expect_line "the summary counts it aside" "$TMP/x1.out" "^records: .* 1 kept aside as conflicts$"

# A record id already here under another kiosk: B's second bundle with one of its records given
# the id of one of A's. Nothing else of that bundle is here yet, so it is added without looking
# each id up; adding it fails on that id, and it is merged again looking them up: a conflict, in
# a batch with a good bundle that still goes in whole.
mkdir -p "$TMP/stolen"
age -d -i "$K/network.key" -o "$TMP/stolen.db" "$B2"
rid=$(sqlite3 "$A" "SELECT id FROM record WHERE kind = 'learner' LIMIT 1")
set -- $(sqlite3 -separator ' ' "$TMP/stolen.db" "SELECT id, kind FROM record ORDER BY seq LIMIT 1")
sqlite3 "$TMP/stolen.db" "UPDATE \"$2\" SET id = '$rid' WHERE id = '$1'; UPDATE record SET id = '$rid' WHERE id = '$1'"
reseal "$TMP/stolen.db" "$TMP/stolen/stolen.age" "$B.key" "$bid" "$(sed -n 2p "$TMP/bkey.out")"
merge s0 "$TMP/s.db" "$A1" "$A2" "$A3"
merge s1 "$TMP/s.db" "$B1" "$TMP/stolen/stolen.age"
expect_line "a bundle with an id of another kiosk's record merges" "$TMP/s1.out" '^bundles: 2 merged, 0 merged before, 0 skipped, 0 refused$'
expect_line "that record is a conflict, listed" "$TMP/s1.out" "^conflict: record $rid .* arrived in 2 different versions; all kept aside"
expect_line "kept aside, the rest new" "$TMP/s1.out" "^records: $(($(sqlite3 "$B" "SELECT count(*) FROM record") - 1)) new, 0 already known, 1 kept aside as conflicts$"
same "neither version of it counts" "$(sqlite3 "$TMP/s.db" "SELECT count(*) FROM record WHERE id = '$rid'")" 0
same "every other record of both kiosks is in" "$(sqlite3 "$TMP/s.db" "SELECT count(*) FROM record")" "$((total - 2))"

# A gap: A's second bundle held back, then brought.
merge gap "$TMP/gap.db" "$A1" "$A3" "$B1"
first=$(basename "$A2" .age | awk -F- '{ print $(NF-1) }')
last=$(basename "$A2" .age | awk -F- '{ print $NF }')
expect_line "a bundle held back is a gap, in words" "$TMP/gap.out" "^kiosk Santa Filomena \\(${aid%"${aid#????????}"}…\\): records $first to $last never arrived$"
merge gap2 "$TMP/gap.db" "$A2"
expect_no_line "once it arrives, no gap" "$TMP/gap2.out" "never arrived"

# The withdrawal before the registration it cancels: no name, not even in the file.
merge w1 "$TMP/w.db" "$B2"
merge w2 "$TMP/w.db" "$B1"
same "a withdrawal merged first still erases her name" "$(sqlite3 "$TMP/w.db" "SELECT count(*) FROM person")" 0
same "her registration is there, without a name" "$(sqlite3 "$TMP/w.db" "SELECT count(*) FROM participant WHERE consent = 1")" 1
same "her name is nowhere in the network database" "$(cat "$TMP/w.db"* | grep -c "Mamani")" 0

# Bad bundles among good ones: each named with its reason, the good one merged, nothing else changed.
cp "$B1" "$TMP/bad/tampered.age"; cp "$B1.minisig" "$TMP/bad/tampered.age.minisig"
flip "$TMP/bad/tampered.age" 300 255
head -c 400 "$B1" >"$TMP/bad/truncated.age"; cp "$B1.minisig" "$TMP/bad/truncated.age.minisig"
on a other export export "$A" --out "$TMP/bad" --recipient "$(cat "$TMP/other/network.pub")" --all
echo "notes from the workshop" >"$TMP/bad/notes.age"
age -d -i "$K/network.key" -o "$TMP/newer.db" "$B1"
sqlite3 "$TMP/newer.db" "UPDATE header SET value = 99 WHERE key = 'schema_version'"
bkey=$(sed -n 2p "$TMP/bkey.out")
reseal "$TMP/newer.db" "$TMP/bad/newer.age" "$B.key" "$bid" "$bkey"
echo "not a database at all, but signed" >"$TMP/text"
reseal "$TMP/text" "$TMP/bad/format.age" "$B.key" "$bid" "$bkey"
# One that fails halfway through its transaction: A's first bundle with one learner row twice.
age -d -i "$K/network.key" -o "$TMP/half.db" "$A1"
sqlite3 "$TMP/half.db" "INSERT INTO learner SELECT * FROM learner LIMIT 1"
on a akey kiosk-key "$A"
reseal "$TMP/half.db" "$TMP/bad/half.age" "$A.key" "$aid" "$(sed -n 2p "$TMP/akey.out")"
rm "$TMP/bad/forged.age" "$TMP/bad/forged.age.minisig"
cp "$B1" "$B1.minisig" "$TMP/bad/"
merge bad "$TMP/bad.db" "$TMP/bad"
expect_rc "merge says some bundles were skipped" bad 1
for why in "tampered.age: skipped: bad signature" "truncated.age: skipped: truncated" "pallay-$aid-.*: skipped: wrong recipient" \
    "notes.age: skipped: unknown format" "newer.age: skipped: newer schema" "format.age: skipped: unknown format" \
    "half.age: skipped: damaged: UNIQUE constraint failed"; do
    expect_line "${why%%:*} is named with its reason" "$TMP/bad.err" "$why"
done
expect_line "the others merge" "$TMP/bad.out" '^bundles: 1 merged, 0 merged before, 7 skipped, 0 refused$'
same "with their records, and nothing of the bad ones (not even half of one)" "$(sqlite3 "$TMP/bad.db" "SELECT count(*) FROM record")" "$(sqlite3 "$TMP/newer.db" "SELECT count(*) FROM record")"

# A bundle that fails halfway, after a good one in the same run (so in the same batch of
# bundles): the good one is merged once, the bad one skipped whole, and the log says each once.
mkdir -p "$TMP/half"
cp "$B1" "$TMP/half/a-good.age"; cp "$B1.minisig" "$TMP/half/a-good.age.minisig"
cp "$TMP/bad/half.age" "$TMP/bad/half.age.minisig" "$TMP/half/"
merge half "$TMP/halfnet.db" "$TMP/half"
expect_rc "a bundle failing halfway is a skipped bundle" half 1
expect_line "the good one before it in the batch is merged" "$TMP/half.out" '^bundles: 1 merged, 0 merged before, 1 skipped, 0 refused$'
expect_line "its line says so" "$TMP/half.out" "a-good.age: merged, $(sqlite3 "$TMP/newer.db" "SELECT count(*) FROM record") records"
expect_line "the bad one is named with its reason" "$TMP/half.err" "half.age: skipped: damaged: UNIQUE constraint failed"
same "the good one's records, nothing of the bad one" "$(sqlite3 "$TMP/halfnet.db" "SELECT count(*) FROM record")" "$(sqlite3 "$TMP/newer.db" "SELECT count(*) FROM record")"
same "the merge log has each bundle once, with its outcome" "$(sqlite3 "$TMP/halfnet.db" "SELECT replace(file, '$TMP/half/', '') || ' ' || outcome FROM net_merge_log ORDER BY id" | tr '\n' ' ')" \
    "a-good.age merged half.age skipped "

# Many bundles in one run, read ahead of the merge by a second thread: more than wait their turn
# (four), with bad ones among them (one failing halfway, so that its batch is merged again bundle
# by bundle, then the bundles read ahead are taken again), one the network has already, and two
# files twice. Each bundle says what it says
# merged alone (one run per file, in the same order), the log says the same, the rows are the same.
mkdir -p "$TMP/many"
i=0
for f in "$B1" "$A2" "$TMP/bad/tampered.age" "$TMP/bad/notes.age" "$TMP/bad/half.age" "$A1" "$A1" "$A3" "$B2" "$AALL" \
    "$TMP/bad/truncated.age" "$A2"; do
    i=$((i + 1))
    name=$(printf '%02d' $i)-$(basename "$f")
    cp "$f" "$TMP/many/$name"
    [ ! -f "$f.minisig" ] || cp "$f.minisig" "$TMP/many/$name.minisig"
done
merge many0 "$TMP/many.db" "$TMP/many/01-"*.age
merge many "$TMP/many.db" "$TMP/many"
merge one0 "$TMP/one.db" "$TMP/many/01-"*.age
: >"$TMP/ones.out"
: >"$TMP/ones.err"
for f in "$TMP/many/"*.age; do
    merge one "$TMP/one.db" "$f"
    cat "$TMP/one.out" >>"$TMP/ones.out"
    cat "$TMP/one.err" >>"$TMP/ones.err"
done
expect_rc "many bundles with bad ones among them: some were skipped" many 1
expect_line "each counted once" "$TMP/many.out" '^bundles: 5 merged, 3 merged before, 4 skipped, 0 refused$'
same "each good one's line, in file order, as merged alone" "$(grep "^$TMP/many/" "$TMP/many.out")" "$(grep "^$TMP/many/" "$TMP/ones.out")"
same "each bad one's reason, in file order, as merged alone" "$(cat "$TMP/many.err")" "$(cat "$TMP/ones.err")"
# log DB: the merge log's files, outcomes and reasons, in order.
log() { sqlite3 "$1" "SELECT replace(file, '$TMP/many/', ''), outcome, new, known, aside, reason FROM net_merge_log ORDER BY id"; }
same "the merge log says the same of each, in the same order" "$(log "$TMP/many.db")" "$(log "$TMP/one.db")"
canon "$TMP/many.db" >"$TMP/many.canon"
canon "$TMP/one.db" >"$TMP/one.canon"
if cmp -s "$TMP/many.canon" "$TMP/one.canon"; then pass "and the same rows, byte for byte"
else fail "and the same rows, byte for byte" "$(diff "$TMP/one.canon" "$TMP/many.canon" | head -6 | tr '\n' '|')"; fi
# Again (without the one that failed halfway: its records are all here now, so it would merge).
rm "$TMP/many/05-half.age" "$TMP/many/05-half.age.minisig"
merge many2 "$TMP/many.db" "$TMP/many"
expect_line "the same folder again: every good one merged before, the bad ones skipped again" "$TMP/many2.out" \
    '^bundles: 0 merged, 8 merged before, 3 skipped, 0 refused$'
same "each with its records, known" "$(grep -Ec "^$TMP/many/.*: merged before, .* records?: 0 new, " "$TMP/many2.out")" 8
canon "$TMP/many.db" >"$TMP/many2.canon"
if cmp -s "$TMP/many.canon" "$TMP/many2.canon"; then pass "and no row changed"; else fail "and no row changed" "$(diff "$TMP/many.canon" "$TMP/many2.canon" | head -6 | tr '\n' '|')"; fi

# A bundle the network had when the run began, and no longer has when its turn comes (a trigger
# forgets it as the bundle before it is merged): it was read without being decrypted, so it is
# decrypted then, and merged, its records known.
mkdir -p "$TMP/forgot"
cp "$A2" "$TMP/forgot/1-a2.age"; cp "$A2.minisig" "$TMP/forgot/1-a2.age.minisig"
cp "$A1" "$TMP/forgot/2-a1.age"; cp "$A1.minisig" "$TMP/forgot/2-a1.age.minisig"
merge forgot0 "$TMP/forgot.db" "$TMP/forgot/2-a1.age"
h1=$(sqlite3 "$TMP/forgot.db" "SELECT hash FROM net_bundle")
sqlite3 "$TMP/forgot.db" "CREATE TRIGGER forget AFTER INSERT ON net_bundle WHEN new.hash <> '$h1' BEGIN DELETE FROM net_bundle WHERE hash = '$h1'; END"
merge forgot "$TMP/forgot.db" "$TMP/forgot"
n1=$(sqlite3 "$TMP/forgot.db" "SELECT records FROM net_bundle WHERE hash = '$h1'")
expect_line "a bundle forgotten during the run is decrypted when its turn comes, and merged" "$TMP/forgot.out" \
    "^$TMP/forgot/2-a1.age: merged, $n1 records?: 0 new, $n1 already known, 0 kept aside$"
expect_rc "with no bundle skipped" forgot 0

# A's card (and key) in another board: a new kiosk id and key, and the records made under the
# earlier id signed with that key.
cp "$A" "$TMP/moved.db"
cp "$A.key" "$TMP/moved.db.key"
echo cccccccccccccccccccccccccccccccc >"$TMP/c.machine"
on c p3 add-participant "$TMP/moved.db" --sign moon/red --consent no
on c mv export "$TMP/moved.db" --out "$TMP/moved" --recipient "$(cat "$K/network.pub")" --all
expect_line "the moved card sends its earlier id's records, signed with its new key" "$TMP/mv.err" "its earlier records keep kiosk $aid"
merge moved "$N" "$TMP/moved"
expect_rc "an earlier id's bundle, signed by the board it moved to, is accepted" moved 0
expect_line "its records are known, the new one is new" "$TMP/moved.out" "^records: $(($(sqlite3 "$TMP/moved.db" "SELECT count(*) FROM record") - $(sqlite3 "$A" "SELECT count(*) FROM record"))) new, $(sqlite3 "$A" "SELECT count(*) FROM record") already known"
same "the earlier id is remembered as moved" "$(sqlite3 "$N" "SELECT count(*) FROM net_kiosk WHERE id = '$aid' AND moved_to IS NOT NULL AND key IS NOT NULL")" 1

# On a terminal, a progress bar; the reason of a bad bundle on a line of its own.
script -qec "'$CTL' merge '$TMP/tty.db' '$A1' '$TMP/bad/notes.age' --identity '$K/network.key'" /dev/null >"$TMP/tty.out" 2>&1
expect_line "on a terminal, a progress bar" "$TMP/tty.out" '\[#{30}\] 2/2 bundles, '
expect_line "and the reason on its own line" "$TMP/tty.out" "$(printf '\033')\\[Knotes.age|notes.age: skipped: unknown format"

# A kiosk id under another key: A's database restored without its key file signs with a new one.
cp "$A" "$TMP/lost.db"
on a p4 add-participant "$TMP/lost.db" --sign moon/blue --consent no
on a lost export "$TMP/lost.db" --out "$TMP/lost" --recipient "$(cat "$K/network.pub")" --all
expect_line "a kiosk that lost its key makes another" "$TMP/lost.err" "made the key of kiosk $aid"
canon "$N" >"$TMP/before.canon"
merge imp "$N" "$TMP/lost"
expect_rc "a kiosk id under another key is refused" imp 1
expect_line "and reported" "$TMP/imp.err" "pallay-$aid-1-.*: refused: kiosk $aid is known under another key"
expect_line "in the summary" "$TMP/imp.out" '^bundles: 0 merged, 0 merged before, 0 skipped, 1 refused$'
canon "$N" >"$TMP/after.canon"
if cmp -s "$TMP/before.canon" "$TMP/after.canon"; then pass "nothing of it was merged"; else fail "nothing of it was merged" "rows changed"; fi

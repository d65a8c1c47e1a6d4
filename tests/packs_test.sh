# Content packs: a course signed by the network's content key comes on a stick (pallay/inbox/),
# the kiosk installs it in a worker and teaches the new module without a restart; every bad pack
# is refused with its own reason and the course in use stays as it was; an install killed at any
# point leaves the old course or the new one, whole. Sticks are tmpfs mounts in a mount namespace
# of this test's own (unshare), as in usb_test.sh. PACKS_SEED=N replays the kills.
if [ -z "${PALLAY_PACKS_NS:-}" ]; then
    if ! unshare -rm true 2>/dev/null; then
        echo "FAIL packs_test: cannot make a mount namespace (unshare -rm): this test mounts sticks in one"
        exit 0
    fi
    PALLAY_PACKS_NS=1 exec unshare -rm sh "$0" "$@"
fi
. tests/lib.sh

CTL="$(pwd)/$BUILD/pallayctl"
K="$TMP/keys"
MEDIA="$TMP/media"
CD="$TMP/content"
mkdir -p "$MEDIA"
trap 'for m in "$MEDIA"/*; do umount -l "$m" 2>/dev/null; done; [ -n "${PALLAY_KEEP:-}" ] || rm -rf "$TMP"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PALLAY_SCRIPT_PATIENCE=60000
"$CTL" keygen --out "$K" >/dev/null
"$CTL" keygen --out "$TMP/other" >/dev/null
KEY=$(tail -1 "$K/content.pub")
# conf [extra lines]: the settings install-pack and the kiosk read.
conf() { printf 'content_dir = %s\ncontent_key = %s\n%s\n' "$CD" "$KEY" "${1:-}" >"$TMP/pallay.conf"; }
conf
# install NAME FILE: pallayctl install-pack, stdout/stderr in $TMP/NAME.out/.err, status in $TMP/NAME.rc.
inst() { "$CTL" install-pack "$2" --config "$TMP/pallay.conf" >"$TMP/$1.out" 2>"$TMP/$1.err"; echo $? >"$TMP/$1.rc"; }
# fingerprint DIR: every file of the course in use under DIR (path and SHA-256), as one line.
fingerprint() { (cd "$1/current/" 2>/dev/null && find . -type f | sort | xargs sha256sum | sha256sum | cut -c1-16); }
# stick NAME FILE...: a stick with the files in pallay/inbox/, appearing whole at once (a bind mount
# of a folder filled beforehand, so the kiosk never sees it half copied).
stick() {
    name=$1; shift
    mkdir -p "$TMP/sticks/$name/pallay/inbox" "$MEDIA/$name"
    cp "$@" "$TMP/sticks/$name/pallay/inbox/"
    mount --bind "$TMP/sticks/$name" "$MEDIA/$name"
}

# The course with one more module ("extra", a copy of the first with its own id), as a pack.
B="$TMP/B"
copy_content "$B"
sed 's/^module  *ppe$/module extra/' assets/modules/10-ppe.module >"$B/assets/modules/95-extra.module"
"$CTL" pack-content "$B" --key "$K/content.key" --out "$TMP/b.pack" --version 200 --unchecked >"$TMP/packb.out" 2>&1
expect_line "pack-content writes a signed pack and says what it holds" "$TMP/packb.out" "b.pack: full pack, version 200, [0-9]+ files, [0-9]+ bytes; signed as .*b.pack.minisig"
minisign -Vm "$TMP/b.pack" -p "$K/content.pub" >"$TMP/mv.out" 2>&1
same "the stock minisign verifies the pack with the content key" "$?" 0
expect_line "its trusted comment says the version and format" "$TMP/mv.out" "Trusted comment: pallay content pack version=200 format=1 kind=full"
files=$(find "$B/assets" "$B/locales" "$B/build/content" -type f ! -name '.*' | wc -l)
same "the manifest lists every file, with its size and SHA-256" \
    "$(sqlite3 "$TMP/b.pack" "SELECT count(*), sum(size = length(data)), sum(length(sha256) = 64) FROM file")" "$files|$files|$files"
same "each file's SHA-256 is that of its bytes" "$(sqlite3 "$TMP/b.pack" "SELECT sha256 FROM file WHERE path = 'assets/modules/95-extra.module'")" \
    "$(sha256sum <"$B/assets/modules/95-extra.module" | cut -d' ' -f1)"
ln -s ../../assets/signs.list "$TMP/B/assets/modules/linked.module"
"$CTL" pack-content "$B" --key "$K/content.key" --out "$TMP/link.pack" --unchecked >/dev/null 2>"$TMP/packlink.err"
expect_line "pack-content refuses a course with a link in it" "$TMP/packlink.err" "linked.module: a link; a pack holds plain files only; no pack was written"
rm "$TMP/B/assets/modules/linked.module"

# 1. The kiosk, in a lesson when the stick comes: it installs in the background, waits for the
# lesson to end, then the home screen has the new module (no restart).
DB="$TMP/kiosk.db"
printf '2580\n2580\n' | "$CTL" set-pin "$DB" --name "Rosa Quispe" >/dev/null 2>&1
printf '%s\n' "expect screen language
tap lang:es
tap lang:es
tap guest
tap guest
expect screen home lang=es
tap tile:ppe
tap tile:ppe
expect slide module=ppe index=1
expect content install done version=200 was=0
tap ok
expect screen player
tap home
expect screen home
expect content reload version=200 languages=2 modules=9
tap tile:extra
expect key=ppe.title
shot $TMP/home-new.png
quit" >"$TMP/one.script"
"$BUILD/pallay" --db "$DB" --trace "$TMP/one.trace" --script "$TMP/one.script" --pin_setup 0 --size 800x480 \
    --usb_roots "$MEDIA" --config "$TMP/pallay.conf" >"$TMP/one.out" 2>"$TMP/one.err" &
kpid=$!
wait_for "$TMP/one.trace" "slide module=ppe index=1" && stick ONE "$TMP/b.pack" "$TMP/b.pack.minisig"
wait "$kpid"
echo $? >"$TMP/one.rc"
expect_rc "the kiosk installs a pack from a stick while a lesson runs, and ends its script" one 0
expect_seq "it finds the pack, installs it, and loads it only once the lesson is left" "$TMP/one.trace" \
    "content languages=2 modules=8" "slide module=ppe index=1" "content inbox found" "content install done version=200" \
    "tap home" "content reload version=200 languages=2 modules=9"
expect_no_line "the course does not change under a learner inside a lesson" \
    "$(sed -n '/slide module=ppe index=1/,/tap home/p' "$TMP/one.trace" >"$TMP/inlesson"; echo "$TMP/inlesson")" "content reload"
expect_line "the new module is on the home screen: its tile speaks" "$TMP/one.trace" "tap tile:extra"
expect_line "and says it, from the new course" "$TMP/one.trace" "audio start .*content/v200-[0-9a-f]*/generated/voice/es/ppe.title.ogg key=ppe.title"
same "current points to the new course" "$(readlink "$CD/current" | cut -d- -f1)" "v200"
umount "$MEDIA/ONE"
good=$(fingerprint "$CD")
cmp -s "$CD/current/assets/modules/95-extra.module" "$B/assets/modules/95-extra.module"
same "the installed course holds the pack's files, byte for byte" "$?" 0

# A restart starts on the installed course.
kiosk again "expect content installed version=200
expect content languages=2 modules=9
quit" --config "$TMP/pallay.conf"
expect_rc "a restarted kiosk runs the installed course" again 0

# 2. Bad packs: each refused with its own reason; the course in use is untouched.
# refused NAME FILE REASON MESSAGE: install-pack refuses FILE for REASON, and nothing changed.
refused() {
    inst "$1" "$2"
    got=$(cat "$TMP/$1.rc")
    if [ "$got" = 1 ] && grep -Eq "refused \($3\): $4" "$TMP/$1.err"; then pass "$1: refused ($3)"
    else fail "$1: refused ($3)" "expected status 1 and /refused \($3\): $4/, got $got: $(head -c 300 "$TMP/$1.err")"; fi
    same "$1: the course in use is unchanged" "$(fingerprint "$CD")" "$good"
    same "$1: nothing is left beside it" "$(ls -A "$CD" | grep -v '^\.lock$' | wc -l)" 2
}
# A pack that passes the signature but not what is inside: made with sqlite3, signed by the
# network's key with the stock minisign.
crafted() {
    rm -f "$TMP/$1.pack"
    sqlite3 "$TMP/$1.pack" "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE file (path TEXT PRIMARY KEY, type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, data BLOB NOT NULL);
        INSERT INTO meta VALUES ('format', '${3:-1}'), ('version', '300'), ('kind', 'full');
        INSERT INTO file SELECT path, type, size, sha256, data FROM (SELECT 'assets/ok.txt' AS path, 'f' AS type, 5 AS size,
            '$(printf hello | sha256sum | cut -d' ' -f1)' AS sha256, CAST('hello' AS BLOB) AS data);
        $2"
    minisign -S -s "$K/content.key" -m "$TMP/$1.pack" -t "crafted" >/dev/null 2>&1 </dev/null
}
hello=$(printf hello | sha256sum | cut -d' ' -f1)

# One byte flipped at 20 offsets (seeded), the first and the last among them.
SEED=${PACKS_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "packs_test: seed $SEED (PACKS_SEED=$SEED replays it)"
cp "$TMP/b.pack" "$TMP/flip.pack"
cp "$TMP/b.pack.minisig" "$TMP/flip.pack.minisig"
size=$(stat -c %s "$TMP/flip.pack")
flipped=0
for off in 0 $((size - 1)) $(awk -v s="$SEED" -v n="$size" 'BEGIN { srand(s); for (i = 0; i < 18; i++) printf "%d ", int(rand() * n) }'); do
    byte=$(od -An -j "$off" -N1 -tu1 "$TMP/flip.pack" | tr -d ' ')
    printf "$(printf '\\%03o' $(((byte + 1) % 256)))" | dd of="$TMP/flip.pack" bs=1 seek="$off" conv=notrunc 2>/dev/null
    inst flip "$TMP/flip.pack"
    if [ "$(cat "$TMP/flip.rc")" = 1 ] && grep -q "refused (signature): bad signature: the file does not match its signature" "$TMP/flip.err"; then
        flipped=$((flipped + 1))
    else
        echo "byte $off flipped: $(cat "$TMP/flip.err")"
    fi
    printf "$(printf '\\%03o' "$byte")" | dd of="$TMP/flip.pack" bs=1 seek="$off" conv=notrunc 2>/dev/null
done
same "a pack with one byte flipped, at each of 20 offsets, is refused: it does not match its signature" "$flipped" 20
same "and the course in use is unchanged" "$(fingerprint "$CD")" "$good"

cp "$TMP/b.pack" "$TMP/unsigned.pack"
refused unsigned "$TMP/unsigned.pack" unsigned "unsigned: no .*unsigned.pack.minisig beside it"
cp "$TMP/b.pack" "$TMP/otherkey.pack"
minisign -S -s "$TMP/other/content.key" -m "$TMP/otherkey.pack" >/dev/null 2>&1 </dev/null
refused otherkey "$TMP/otherkey.pack" key "bad signature: signed by key [0-9A-F]{16}, expected key [0-9A-F]{16}"
crafted climb "INSERT INTO file VALUES ('assets/../../evil', 'f', 5, '$hello', CAST('hello' AS BLOB))"
refused climb "$TMP/climb.pack" path "\"assets/../../evil\": a name starting with \".\""
crafted absolute "INSERT INTO file VALUES ('$TMP/evil', 'f', 5, '$hello', CAST('hello' AS BLOB))"
refused absolute "$TMP/absolute.pack" path "\".*/evil\": an absolute path"
crafted symlink "INSERT INTO file VALUES ('assets/link', 'l', 11, '$(printf /etc/passwd | sha256sum | cut -c1-64)', CAST('/etc/passwd' AS BLOB))"
refused symlink "$TMP/symlink.pack" link "\"assets/link\": a link, not a plain file"
crafted device "INSERT INTO file VALUES ('assets/dev', 'c', 0, '$(printf '' | sha256sum | cut -c1-64)', X'')"
refused device "$TMP/device.pack" link "\"assets/dev\": a device or special file, not a plain file"
crafted many "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 9999)
    INSERT INTO file SELECT 'assets/f' || x, 'f', 5, '$hello', CAST('hello' AS BLOB) FROM n"
refused many "$TMP/many.pack" count "10000 files: a pack holds at most 8192"
crafted format "" 2
refused format "$TMP/format.pack" format-version "format version \"2\": this Pallay reads format 1"
crafted hash "INSERT INTO file VALUES ('assets/bad.txt', 'f', 5, '$hello', CAST('HELLO' AS BLOB))"
refused hash "$TMP/hash.pack" hash "\"assets/bad.txt\": its bytes do not match their SHA-256 in the list"
crafted view "CREATE VIEW v AS SELECT 1"
refused view "$TMP/view.pack" format "not a content pack \(its tables are not meta and file\)"
crafted bigfile "INSERT INTO file VALUES ('assets/big.bin', 'f', 2097152, '$(head -c 2097152 /dev/zero | sha256sum | cut -c1-64)', zeroblob(2097152))"
conf "pack_file_max_mb = 1"
refused bigfile "$TMP/bigfile.pack" size "\"assets/big.bin\": 2097152 bytes, over the limit of 1048576 for one file"
conf "pack_max_mb = 4"
refused toobig "$TMP/b.pack" size "over 4194304 bytes, the limit for a pack"
conf
# A module that fails check-content (a slide whose picture does not exist), packed without the
# check pack-content makes by itself.
C="$TMP/C"
mv "$B" "$C"
printf 'slide no-such-picture ppe.helmet\n' >>"$C/assets/modules/95-extra.module"
"$CTL" pack-content "$C" --key "$K/content.key" --out "$TMP/c.pack" --version 400 --unchecked >/dev/null 2>&1
refused check "$TMP/c.pack" check "check-content found 1 problem: .*95-extra.module:[0-9]+: picture \"no-such-picture\" not found"
inst again "$TMP/b.pack"
same "the same pack again changes nothing" "$(cat "$TMP/again.out")" "$TMP/b.pack: version 200 is already in use"
if [ -e "$TMP/evil" ] || [ -e "$TMP/../evil" ]; then fail "no refused pack wrote outside its folder" "found evil"; else pass "no refused pack wrote outside its folder"; fi

# 3. A refused pack on a stick: shown and spoken with its reason, noted in the kiosk's health,
# in the facilitator summary; the kiosk goes on teaching the course it had.
stick TWO "$TMP/otherkey.pack" "$TMP/otherkey.pack.minisig"
printf '%s\n' "expect content install refused reason=key pack=otherkey.pack
expect key=fac.pack.refused
expect key=fac.pack.why.signature
shot $TMP/refused.png
tap ok
hold facilitator
$(pin 2580)
expect screen facilitator
tap summary
expect summary content
shot $TMP/summary-refused.png
quit" >"$TMP/two.script"
"$BUILD/pallay" --db "$DB" --trace "$TMP/two.trace" --script "$TMP/two.script" --pin_setup 0 --size 800x480 \
    --usb_roots "$MEDIA" --config "$TMP/pallay.conf" >"$TMP/two.out" 2>"$TMP/two.err"
echo $? >"$TMP/two.rc"
expect_rc "a kiosk given a pack signed by another key runs on" two 0
expect_line "it says why on stderr, in one line" "$TMP/two.err" "content pack otherkey.pack refused \(key\): bad signature: signed by key"
expect_line "the facilitator summary shows the refused pack and why" "$TMP/two.trace" \
    "summary content version=200 pack=refused pack_version=0 why=fac.pack.why.signature"
same "the refusal is in the kiosk's health for the network" "$(sqlite3 "$DB" "SELECT detail FROM kiosk_event WHERE kind = 'error'")" "content refused key"
same "the course in use is unchanged" "$(fingerprint "$CD")" "$good"
umount "$MEDIA/TWO"

# 4. Rollback: back to the shipped course, and forward again.
"$CTL" install-pack --rollback --config "$TMP/pallay.conf" >"$TMP/rb.out" 2>&1
expect_line "a rollback goes back to the course before (here the shipped one)" "$TMP/rb.out" "content: the shipped course"
"$CTL" install-pack --rollback --config "$TMP/pallay.conf" >"$TMP/rb.out" 2>&1
expect_line "a second rollback undoes the first" "$TMP/rb.out" "content: version 200 in "
same "with the same files" "$(fingerprint "$CD")" "$good"

# 5. Killed mid-install: at 50 random steps (a file written, an fsync, a rename), seeded. Small
# courses, and without the (read-only) content check, so the kills stay quick.
KC="$TMP/kc"
mkdir -p "$TMP/ka/assets" "$TMP/ka/build/content"
cp -r locales "$TMP/ka/"
cp -r assets/modules assets/signs.list assets/ppe.list "$TMP/ka/assets/"
cp -r "$TMP/ka" "$TMP/kb"
cp "$C/assets/modules/95-extra.module" "$TMP/kb/assets/modules/"
sed -i 's/Presentes/Presentes hoy/' "$TMP/kb/locales/es.po"
"$CTL" pack-content "$TMP/ka" --key "$K/content.key" --out "$TMP/ka.pack" --version 10 --unchecked >/dev/null
"$CTL" pack-content "$TMP/kb" --key "$K/content.key" --out "$TMP/kb.pack" --version 20 --unchecked >/dev/null
printf 'content_dir = %s\ncontent_key = %s\n' "$KC" "$KEY" >"$TMP/kill.conf"
export PALLAY_TEST_NO_CHECK=1
"$CTL" install-pack "$TMP/ka.pack" --config "$TMP/kill.conf" >/dev/null 2>&1
cp -a "$KC" "$TMP/kc.base"
old=$(fingerprint "$KC")
PALLAY_TEST_KILL_STEP=1000000 PALLAY_TEST_STEPS="$TMP/steps" "$CTL" install-pack "$TMP/kb.pack" --config "$TMP/kill.conf" >/dev/null 2>&1
new=$(fingerprint "$KC")
steps=$(cat "$TMP/steps")
if [ "$old" != "$new" ] && [ "${steps:-0}" -gt 20 ]; then pass "an install goes in $steps steps"; else fail "an install goes in many steps" "expected two courses and >20 steps, got $steps"; fi
nold=0; nnew=0; bad=0
for n in $(awk -v s="$SEED" -v n="$steps" 'BEGIN { srand(s + 1); for (i = 0; i < 50; i++) printf "%d ", 1 + int(rand() * n) }'); do
    rm -rf "$KC"
    cp -a "$TMP/kc.base" "$KC"
    PALLAY_TEST_KILL_STEP=$n "$CTL" install-pack "$TMP/kb.pack" --config "$TMP/kill.conf" >/dev/null 2>&1
    rc=$?
    got=$(fingerprint "$KC")
    if [ "$rc" -ne 137 ]; then bad=$((bad + 1)); echo "kill at step $n: status $rc, not killed"
    elif [ "$got" = "$old" ]; then nold=$((nold + 1))
    elif [ "$got" = "$new" ]; then nnew=$((nnew + 1))
    else bad=$((bad + 1)); echo "kill at step $n: neither course whole ($got)"; fi
done
same "killed at 50 random steps, it is on the old course ($nold) or the new one ($nnew), whole, each time" "$bad" 0
if [ "$nold" -gt 0 ] && [ "$nnew" -gt 0 ]; then pass "the kills fell both before and after the switch"; else fail "the kills fell both before and after the switch" "old $nold, new $nnew"; fi
# After the last kill: the kiosk starts on a whole course, and the next install cleans up and goes through.
rm -rf "$KC"
cp -a "$TMP/kc.base" "$KC"
PALLAY_TEST_KILL_STEP=$((steps / 2)) "$CTL" install-pack "$TMP/kb.pack" --config "$TMP/kill.conf" >/dev/null 2>&1
kiosk killed "expect content installed version=10
expect content languages=2 modules=8
quit" --config "$TMP/kill.conf"
expect_rc "a kiosk killed mid-install starts on the old course" killed 0
"$CTL" install-pack "$TMP/kb.pack" --config "$TMP/kill.conf" >"$TMP/after.out" 2>&1
expect_line "the next install goes through" "$TMP/after.out" "installed .*kb.pack: version 20"
same "and leaves only the two courses (current and previous)" "$(ls "$KC" | grep -c '^v')" 2

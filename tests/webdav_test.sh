# Records leave for the network's WebDAV folder. The test runs an nginx with its DAV module and
# basic auth on 127.0.0.1 (its configuration and every file in $TMP), and kiosks whose sync_url
# points at it: the records go up and verify on the server; a wrong password, a password file
# others can read, and a stopped server each leave every record pending on the kiosk; once the
# server is back, the retry takes everything.
. tests/lib.sh
. tests/davserver.sh

CTL="$(pwd)/$BUILD/pallayctl"
DB="$TMP/kiosk.db"
K="$TMP/keys"
kpid=
trap 'stop_nginx; [ -n "$kpid" ] && kill "$kpid" 2>/dev/null; [ -n "${PALLAY_KEEP:-}" ] || rm -rf "$TMP"' EXIT
if ! have_nginx; then
    echo "FAIL webdav_test: no nginx (kiosk/setup.sh installs it)"
    exit 0
fi
export PALLAY_MACHINE_ID="$TMP/machine-id"
echo 0123456789abcdef0123456789abcdef >"$PALLAY_MACHINE_ID"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
db() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }

# The server: nginx in the foreground (daemon off) of this shell, its PID in $ngpid.
serve_nginx
same "nginx with its DAV module answers on 127.0.0.1:$port" "$([ -n "$ngpid" ] && echo up)" up
SYNC_URL="http://127.0.0.1:$port/dav/pallay/"
printf 'kiosk secret 7\n' >"$TMP/password"
chmod 600 "$TMP/password"
printf 'not the password\n' >"$TMP/wrong"
chmod 600 "$TMP/wrong"

# start NAME SCRIPT-TEXT [flags]: the kiosk in the background on $DB, its PID in $kpid.
start() {
    name=$1; script=$2; shift 2
    printf '%s\n' "$script" >"$TMP/$name.script"
    "$BUILD/pallay" --db "$DB" --trace "$TMP/$name.trace" --script "$TMP/$name.script" --pin_setup 0 --size 800x480 \
        --usb_roots "$TMP/no-sticks" --machine_id "$PALLAY_MACHINE_ID" --network_recipient "$(cat "$K/network.pub")" \
        --sync_user pallay ${SYNC_URL+--sync_url} ${SYNC_URL+"$SYNC_URL"} "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    kpid=$!
}
finish() { wait "$kpid"; echo $? >"$TMP/$1.rc"; kpid=; }
handovers() { db "SELECT count(*) FROM handover"; }
pending() { db "SELECT count(*) FROM record r WHERE r.seq > coalesce((SELECT max(h.last_seq) FROM handover h WHERE h.kiosk_id = r.kiosk_id), 0)"; }
on_server() { ls "$DAV" 2>/dev/null | tr '\n' ' '; }

"$CTL" keygen --out "$K" >/dev/null
P='2580\n'
printf '2580\n2580\n' | "$CTL" set-pin "$DB" --name "Rosa Quispe" >/dev/null 2>&1
printf "$P" | "$CTL" add-participant "$DB" --sign llama/red --consent yes --name "Q'orianka Ñusta" --community Chala --born 1986 >/dev/null 2>&1
printf "$P" | "$CTL" open-workshop "$DB" --community Chala --modules ppe >/dev/null 2>&1
printf "$P" | "$CTL" record-ppe "$DB" --sign llama/red --item gloves --quantity 2 >/dev/null 2>&1
records=$(db "SELECT count(*) FROM record")
same "the kiosk database has records to send" "$([ "$records" -ge 4 ] && echo yes)" yes
kid=$(db "SELECT id FROM kiosk")

# 1. A password file others can read is refused, and said why: nothing is uploaded.
chmod 644 "$TMP/password"
start open "expect screen language
quit" --sync_password_file "$TMP/password"
finish open
chmod 600 "$TMP/password"
expect_rc "a kiosk with an open password file still runs" open 0
expect_line "it says the password file is readable by others" "$TMP/open.err" "sync_password_file .*others than the kiosk's user can read it"
expect_line "and that it uploads nothing" "$TMP/open.trace" "sync net off"
same "nothing reached the server" "$(on_server)" ""

# 1b. Plain http to another machine would send the password in clear: refused, unless
# sync_insecure_http = 1 (refused before anything is sent: 192.0.2.1 is a documentation address;
# the allowed one, 0.0.0.0, is this machine under another name, and port 1 answers nothing).
SYNC_URL_KEPT=$SYNC_URL
SYNC_URL="http://192.0.2.1/dav/pallay/"
start plain "expect screen language
quit" --sync_password_file "$TMP/password"
finish plain
expect_line "plain http to another machine is refused, and said why" "$TMP/plain.err" "plain http to 192.0.2.1 would send the password in clear"
expect_line "so nothing is uploaded" "$TMP/plain.trace" "sync net off"
SYNC_URL="http://0.0.0.0:1/dav/pallay/"
start insecure "expect screen language
quit" --sync_password_file "$TMP/password"
finish insecure
expect_line "another name of this machine is not taken for loopback either" "$TMP/insecure.err" "plain http to 0.0.0.0 would send"
start insecure "expect sync net fault=
quit" --sync_password_file "$TMP/password" --sync_insecure_http 1
finish insecure
expect_no_line "with sync_insecure_http = 1 it is allowed" "$TMP/insecure.trace" "sync net off"
expect_line "and tried" "$TMP/insecure.trace" "sync net fault=offline"
SYNC_URL=$SYNC_URL_KEPT

# 2. A wrong password: fault=auth, a wait before the next try, nothing recorded as sent.
start wrong "expect sync net fault=
expect sync net backoff
quit" --sync_password_file "$TMP/wrong"
finish wrong
expect_rc "the kiosk with a wrong password runs on" wrong 0
expect_line "a wrong password is said as such" "$TMP/wrong.trace" "sync net fault=auth$"
expect_line "and, a password being for a person to mend, the next try waits long (half to all of an hour)" "$TMP/wrong.trace" "sync net backoff s=(1[89][0-9][0-9]|2[0-9]{3}|3[0-5][0-9]{2}|3600)$"
same "nothing is recorded as handed over" "$(handovers)" 0
same "nothing reached the server" "$(on_server)" ""

# A copy of the database as it is before the upload, for 3b.
db ".backup '$TMP/before.db'"

# 3. The right password: every record goes, verified on the server, the handover recorded. A
# private upload folder that a kiosk killed mid-upload left beside the database goes at the start.
mkdir "$TMP/.pallay-upload.KILLED" && echo "left" >"$TMP/.pallay-upload.KILLED/pallay-x.age"
start good "expect sync net records=
quit" --sync_password_file "$TMP/password"
finish good
expect_rc "the kiosk runs on to the end of its script" good 0
# The server's Date header is a trusted time: a clock record of this start of the kiosk, made
# before the bundle, travels in it (one record more than there were).
expect_line "the server's time was heard (the same clock here: no offset)" "$TMP/good.trace" "sync net clock offset=-?[0-2]$"
same "a clock record of this start: the kiosk's and the server's time, within 2 s" \
    "$(db "SELECT count(*), abs(c.server_time - c.kiosk_time) <= 2, r.boot = (SELECT max(id) FROM kiosk_event WHERE kind = 'start')
           FROM clock c JOIN record r ON r.id = c.id")" "1|1|1"
same "every record has the start of the kiosk that made it, when there was one" \
    "$(db "SELECT count(*) FROM record WHERE boot IS NULL") $(db "SELECT count(*) FROM record WHERE kind = 'clock' AND boot IS NOT NULL")" "$records 1"
records=$((records + 1))
expect_line "every record went, with a receipt code" "$TMP/good.trace" "sync net records=$records receipt=[2-9A-HJ-NP-Z]{6} bundles=1$"
receipt=$(sed -n 's/.*sync net records=[0-9]* receipt=\([^ ]*\).*/\1/p' "$TMP/good.trace")
same "the server holds the bundle and its signature, under their final names only" \
    "$(on_server | sed 's/-[0-9]*-[0-9]*\.age/.age/g')" "pallay-$kid.age pallay-$kid.age.minisig "
bundle=$(ls "$DAV"/*.age 2>/dev/null | head -1)
"$CTL" verify "$bundle" --identity "$K/network.key" >"$TMP/verify.out" 2>&1
same "pallayctl verify accepts the server's copy" "$?" 0
same "and prints the receipt code the kiosk traced" "$(sed -n 's/^receipt //p' "$TMP/verify.out")" "$receipt"
same "the bundle's header carries the offset, when it was checked, and for which start" \
    "$(grep -E '^clock_(offset|checked_at|boot) ' "$TMP/verify.out" | cut -d' ' -f1 | tr '\n' ' ')" "clock_offset clock_checked_at clock_boot "
same "and the clock table travels in it" "$(grep -E '^records\.clock ' "$TMP/verify.out")" "records.clock 1"
same "the handover is recorded: its records, receipt and where (the server, no credentials)" \
    "$(db "SELECT records, receipt, destination FROM handover")" "$records|$receipt|network 127.0.0.1:$port"
same "nothing is pending" "$(pending)" 0
same "the private upload folders beside the database are gone, the one left by a kill too" "$(ls -a "$TMP" | grep -c pallay-upload)" 0
same "the password is in no trace, output or log" "$(cat "$TMP"/*.trace "$TMP"/*.err "$TMP"/*.out | grep -c 'kiosk secret')" 0
same "no name in clear on the server" "$(grep -rl "orianka" "$WWW" 2>/dev/null | wc -l)" 0

# 3b. A kiosk killed after its bundle reached the server, before the handover was recorded: its
# database as before the upload. The same records go again under the same name; the server's
# copy is replaced (never two of it), and the handover is recorded this time.
cp "$TMP/before.db" "$DB" && rm -f "$DB-wal" "$DB-shm"
records=$((records - 1))
same "the database forgot the upload" "$(handovers) $(pending)" "0 $records"
records=$((records + 1))
start again "expect sync net records=
quit" --sync_password_file "$TMP/password"
finish again
expect_rc "the kiosk that sent again runs on" again 0
expect_line "the records go again" "$TMP/again.trace" "sync net records=$records receipt="
receipt=$(sed -n 's/.*sync net records=[0-9]* receipt=\([^ ]*\).*/\1/p' "$TMP/again.trace")
same "one bundle and its signature on the server still" "$(on_server | sed 's/-[0-9]*-[0-9]*\.age/.age/g')" "pallay-$kid.age pallay-$kid.age.minisig "
"$CTL" verify "$(ls "$DAV"/*.age | head -1)" --identity "$K/network.key" >"$TMP/verify.out" 2>&1
same "the server's copy verifies and is the new one" "$?:$(sed -n 's/^receipt //p' "$TMP/verify.out")" "0:$receipt"
same "the handover is recorded once" "$(handovers) $(pending)" "1 0"

# 4. The server stopped: fault=offline, nothing recorded; it comes back, and the retry (a
# backoff of 1 s for the test) takes everything pending.
printf "$P" | "$CTL" record-ppe "$DB" --sign llama/red --item helmet --quantity 1 >/dev/null 2>&1
printf "$P" | "$CTL" mark-present "$DB" --sign llama/red >/dev/null 2>&1
waiting=$(pending)
stop_nginx
start offline "expect sync net fault=offline
expect sync net records=
quit" --sync_password_file "$TMP/password" --sync_backoff_min 1 --sync_backoff_max 1
wait_for "$TMP/offline.trace" "sync net fault="
expect_line "a server that cannot be reached is said as such" "$TMP/offline.trace" "sync net fault=offline$"
expect_line "with the wait before the next try" "$TMP/offline.trace" "sync net backoff s=1$"
same "nothing more is recorded as handed over" "$(handovers)" 1
same "the new records are still pending" "$(pending)" "$waiting"
start_nginx
same "nginx is back on the same port" "$([ -n "$ngpid" ] && echo up)" up
finish offline
expect_rc "the kiosk goes on after the fault" offline 0
expect_line "once the server is back, every pending record goes (and the clock record of this start)" "$TMP/offline.trace" "sync net records=$((waiting + 1)) receipt="
same "nothing is pending" "$(pending)" 0
same "two bundles on the server, each with its signature" "$(ls "$DAV" | grep -c '\.age$') $(ls "$DAV" | grep -c '\.age\.minisig$')" "2 2"
bad=
for f in "$DAV"/*.age; do
    "$CTL" verify "$f" --identity "$K/network.key" >/dev/null 2>&1 || bad="$bad $(basename "$f")"
done
same "every bundle on the server verifies" "${bad:-none} failed" "none failed"
same "no temporary file left on the server" "$(ls -a "$DAV" | grep -c part)" 0
same "the wrong password is in the kiosk's health for the network; being offline is not" \
    "$(db "SELECT group_concat(detail, ',') FROM kiosk_event WHERE kind = 'error'")" "net auth"

# 5. A learner opens a lesson on a kiosk with nothing pending: once the kiosk has settled what it
# saved (its idle checkpoint), the uploader is told and sends it, long before its idle recount.
start learner "$(signin_play ppe)
expect record module_open
expect store checkpoint
expect sync net records=
quit" --sync_password_file "$TMP/password"
finish learner
expect_rc "the learner's kiosk runs to the end of its script" learner 0
expect_no_line "with nothing pending at its start, it uploads nothing then" "$TMP/learner.trace" "sync net records=0"
expect_seq "the lesson's opening is saved, settled, then uploaded without a wait" "$TMP/learner.trace" \
    "record module_open" "store checkpoint" "sync net records=[1-9][0-9]* receipt="
same "nothing is pending" "$(pending)" 0

# 6. pallayctl fetch: the coordinator's copy of the folder, with the kiosk's settings (PROPFIND
# needs nginx's dav-ext module). Only bundles and signatures come, each whole; a second fetch
# brings only what is missing, and replaces a copy cut short by an earlier one.
if [ -f "$DAV_EXT" ]; then
    mkdir -p "$DAV/content" && echo "not a bundle" >"$DAV/content/pack.tar"
    echo "an upload under way" >"$DAV/pallay-x-1-2.age.part-0123456789ab"
    printf 'sync_user = pallay\nsync_password_file = %s\n' "$TMP/password" >"$TMP/coordinator.conf"
    F="$TMP/fetched"
    fetch() { "$CTL" fetch "http://127.0.0.1:$port/dav/pallay/" "$F" "$@" >"$TMP/fetch.out" 2>"$TMP/fetch.err"; echo $?; }
    same "fetch with the settings of pallay.conf succeeds" "$(fetch --config "$TMP/coordinator.conf")" 0
    want=$(ls "$DAV" | grep -E '\.age(\.minisig)?$' | sort | tr '\n' ' ')
    same "it brings every bundle and signature, and nothing else" "$(ls -A "$F" | sort | tr '\n' ' ')" "$want"
    differ=
    for f in "$DAV"/*.age*; do case $f in *.part-*) continue;; esac; cmp -s "$f" "$F/$(basename "$f")" || differ="$differ $(basename "$f")"; done
    same "each byte for byte" "${differ:-none} differ" "none differ"
    nf=$(printf '%s' "$want" | wc -w)
    expect_line "and says what it did" "$TMP/fetch.out" "^fetched $nf files \([0-9]+ bytes\), 0 already in .*, 0 failed$"
    one=$(ls "$F"/*.age | head -1)
    rm "$one.minisig"
    head -c 100 "$DAV/$(basename "$one")" >"$one"
    same "a second fetch succeeds" "$(fetch --config "$TMP/coordinator.conf")" 0
    expect_line "it brings only the missing signature and the copy cut short" "$TMP/fetch.out" "^fetched 2 files \([0-9]+ bytes\), $((nf - 2)) already in .*, 0 failed$"
    same "which is whole now" "$(cmp -s "$one" "$DAV/$(basename "$one")" && echo whole)" whole
    same "a third fetch brings nothing" "$(fetch --config "$TMP/coordinator.conf"; cat "$TMP/fetch.out")" "0
fetched 0 files (0 bytes), $nf already in $F, 0 failed"
    same "no temporary file is left" "$(ls -A "$F" | grep -c part)" 0
    same "a wrong password fails, said as such" "$(fetch --user pallay --password-file "$TMP/wrong"; grep -c "auth" "$TMP/fetch.err")" "1
1"
    same "plain http to another machine is refused before anything is sent" \
        "$("$CTL" fetch "http://192.0.2.1/dav/" "$F" --config "$TMP/coordinator.conf" 2>&1; echo $?)" \
        "pallayctl fetch: sync_url: plain http to 192.0.2.1 would send the password in clear (use https, or sync_insecure_http = 1)
1"
else
    echo "FAIL webdav_test: pallayctl fetch not tested: nginx has no dav-ext module (kiosk/setup.sh installs libnginx-mod-http-dav-ext)"
fi

# 7. No sync_url: no uploader starts, and nothing is said about the network.
unset SYNC_URL
start nourl "expect screen language
quit"
finish nourl
expect_rc "a kiosk without sync_url runs as before" nourl 0
expect_no_line "without sync_url the kiosk says nothing of the network" "$TMP/nourl.trace" "sync net"
stop_nginx

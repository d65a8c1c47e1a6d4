# Faults on the way to the network's WebDAV folder lose nothing and duplicate nothing. The test
# runs the tests' nginx (tests/davserver.sh) behind a fault-injecting proxy of its own
# (tests/faultproxy.py) and a kiosk whose sync_url points at the proxy. For each fault (a
# connection dropped mid-body, 500, 502, 503, 507, 401, a redirect to another host, a server that
# never accepts or stalls, a read-back truncated or changed, the kiosk killed between the upload
# and the handover record) it checks the fault's own word, and then that every record is still
# pending on the kiosk or inside a bundle on the server that verifies and decrypts, and that no
# record is recorded as handed over without being there. At the end the proxy lets everything
# through and every record goes, once.
. tests/lib.sh
. tests/davserver.sh

CTL="$(pwd)/$BUILD/pallayctl"
DB="$TMP/kiosk.db"
K="$TMP/keys"
kpid=
ppid=
trap 'stop_nginx; [ -n "$kpid" ] && kill -9 "$kpid" 2>/dev/null; [ -n "$ppid" ] && kill "$ppid" 2>/dev/null;
      [ -n "${PALLAY_KEEP:-}" ] || rm -rf "$TMP"' EXIT
if ! have_nginx || ! command -v python3 >/dev/null; then
    echo "FAIL davfault_test: no nginx or no python3 (kiosk/setup.sh installs them)"
    exit 0
fi
export PALLAY_MACHINE_ID="$TMP/machine-id"
echo 0123456789abcdef0123456789abcdef >"$PALLAY_MACHINE_ID"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
# A stalled server is seen after 1 s here, not 15 or 30 (a test hook of the uplink).
export PALLAY_TEST_NET_TIMEOUT=1
db() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }

serve_nginx
same "nginx with its DAV module answers on 127.0.0.1:$port" "$([ -n "$ngpid" ] && echo up)" up
: >"$TMP/proxy.log"
echo pass >"$TMP/fault"
python3 tests/faultproxy.py "$port" "$TMP/fault" "$TMP/proxy.log" >"$TMP/proxy.out" 2>"$TMP/proxy.err" &
ppid=$!
wait_for "$TMP/proxy.out" "^proxy [0-9]+ other [0-9]+ blackhole [0-9]+$"
read -r _ pport _ oport _ hport <"$TMP/proxy.out"
same "the fault proxy listens in front of it" "$([ -n "$pport" ] && curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$pport/dav/")" 401
SYNC_URL="http://127.0.0.1:$pport/dav/pallay/"
printf 'kiosk secret 7\n' >"$TMP/password"
chmod 600 "$TMP/password"

# start NAME SCRIPT-TEXT [flags]: the kiosk in the background on $DB, its PID in $kpid; the
# retries after a fault are 1 s apart unless flags say otherwise.
start() {
    name=$1; script=$2; shift 2
    printf '%s\n' "$script" >"$TMP/$name.script"
    "$BUILD/pallay" --db "$DB" --trace "$TMP/$name.trace" --script "$TMP/$name.script" --pin_setup 0 --size 800x480 \
        --usb_roots "$TMP/no-sticks" --machine_id "$PALLAY_MACHINE_ID" --network_recipient "$(cat "$K/network.pub")" \
        --sync_user pallay --sync_url "$url" --sync_password_file "$TMP/password" \
        --sync_backoff_min 1 --sync_backoff_max 1 "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    kpid=$!
}
finish() { wait "$kpid"; echo $? >"$TMP/$1.rc"; kpid=; }
handovers() { db "SELECT count(*) FROM handover"; }

# accounted NAME [once]: every record is pending on the kiosk or inside a bundle on the server
# (final names only) that pallayctl verify accepts and age decrypts; every bundle there does;
# every record recorded as handed over is on the server. With once, no record is in two bundles
# there either: a copy whose handover was not recorded stays on the server (each start of the
# kiosk adds its clock record, so the next try's bundle has another name) until an upload of the
# same records is recorded; then it goes.
accounted() {
    : >"$TMP/server.ids"
    bad=
    for f in "$DAV"/*.age; do
        [ -f "$f" ] || continue
        if "$CTL" verify "$f" --identity "$K/network.key" >/dev/null 2>&1 && age -d -i "$K/network.key" -o "$TMP/b.db" "$f"; then
            sqlite3 "$TMP/b.db" "SELECT id FROM record" >>"$TMP/server.ids"
        else
            bad="$bad $(basename "$f")"
        fi
        rm -f "$TMP/b.db"
    done
    if ! db "SELECT r.id || ' ' || (r.seq > coalesce((SELECT max(h.last_seq) FROM handover h WHERE h.kiosk_id = r.kiosk_id), 0))
             FROM record r" >"$TMP/ids"; then
        fail "$1" "sqlite3 could not read $DB"
        return
    fi
    sed -n 's/ 1$//p' "$TMP/ids" | sort >"$TMP/pending.ids"
    sed -n 's/ 0$//p' "$TMP/ids" | sort >"$TMP/handed.ids"
    cut -d' ' -f1 "$TMP/ids" | sort >"$TMP/all.ids"
    sort "$TMP/server.ids" >"$TMP/server.sorted"
    sort -u "$TMP/server.ids" "$TMP/pending.ids" >"$TMP/both.ids"
    lost=$(comm -23 "$TMP/all.ids" "$TMP/both.ids" | wc -l)
    claimed=$(comm -23 "$TMP/handed.ids" "$TMP/server.sorted" | sort -u | wc -l)
    twice=0
    [ "${2:-}" = once ] && twice=$(uniq -d "$TMP/server.sorted" | wc -l)
    [ -s "$TMP/all.ids" ] || lost="all (no record read)"
    same "$1: every record is pending or on the server ($(wc -l <"$TMP/all.ids") records, $(wc -l <"$TMP/pending.ids") pending, $(wc -l <"$TMP/server.ids") on the server)" \
        "$lost lost, ${bad:-no} bad bundle, $claimed handed over but not there, $twice twice" "0 lost, no bad bundle, 0 handed over but not there, 0 twice"
}

# fault NAME CONTROL WORD [flags]: the proxy makes the fault; the kiosk says it with its word and
# waits before its next try; nothing more is handed over, and everything is accounted for.
fault() {
    name=$1 control=$2 word=$3; shift 3
    echo "$control" >"$TMP/fault"
    echo "== $name" >>"$TMP/proxy.log"
    before=$(handovers)
    start "$name" "expect sync net fault=
quit" "$@"
    finish "$name"
    expect_rc "$name: the kiosk runs on" "$name" 0
    expect_line "$name: the fault is said as $word" "$TMP/$name.trace" "sync net fault=$word$"
    expect_line "$name: with a wait before the next try" "$TMP/$name.trace" "sync net backoff s=[0-9]+$"
    same "$name: nothing more is recorded as handed over" "$(handovers)" "$before"
    accounted "$name"
}

"$CTL" keygen --out "$K" >/dev/null
P='2580\n'
printf '2580\n2580\n' | "$CTL" set-pin "$DB" --name "Rosa Quispe" >/dev/null 2>&1
printf "$P" | "$CTL" add-participant "$DB" --sign llama/red --consent yes --name "Q'orianka Ñusta" --community Chala --born 1986 >/dev/null 2>&1
printf "$P" | "$CTL" open-workshop "$DB" --community Chala --modules ppe >/dev/null 2>&1
printf "$P" | "$CTL" record-ppe "$DB" --sign llama/red --item gloves --quantity 2 >/dev/null 2>&1
records=$(db "SELECT count(*) FROM record")
same "the kiosk database has records to send" "$([ "$records" -ge 4 ] && echo yes)" yes
url=$SYNC_URL

# The connection drops in the middle of the upload, and in the middle of the read-back.
fault drop-put "drop PUT" dropped
fault drop-get "drop GET" dropped
# The server fails, is behind a broken gateway, is down for maintenance, is full.
fault status-500 "status 500 PUT" server_error
fault status-502 "status 502 PUT" bad_gateway
fault status-503 "status 503 *" unavailable
fault status-507 "status 507 PUT" full
fault move-507 "status 507 MOVE" full
# The read-back is cut short (a consistent length) or one byte in it differs: the copy on the
# server is not taken as handed over.
fault short-get "short GET" verify
fault flip-get "flip GET" verify
# A server that stalls: it never accepts the connection (connect timeout), or it takes the
# request and never answers (the low-speed limit).
url="http://127.0.0.1:$hport/dav/pallay/"
fault no-accept "pass" no_answer
url=$SYNC_URL
fault stall "stall PUT" stalled

# 401: said as such, and not tried again soon even with a 1 s backoff for other faults: a wrong
# password waits the longest backoff (here up to an hour). In 3 s, one try.
start auth "expect sync net fault=
wait 3000
quit" --sync_backoff_max 3600
echo "status 401 *" >"$TMP/fault"
echo "== auth" >>"$TMP/proxy.log"
finish auth
expect_line "401 is said as a refused password" "$TMP/auth.trace" "sync net fault=auth$"
expect_line "and the next try waits half an hour at least" "$TMP/auth.trace" "sync net backoff s=(1[89][0-9][0-9]|[23][0-9]{3})$"
same "one try in 3 s, not a tight loop" "$(sed -n '/^== auth$/,$p' "$TMP/proxy.log" | grep -c '^OPTIONS')" 1
accounted "auth"

# A redirect to another host, for the folder or for an upload: a fault of its own, never
# followed, so the password never reaches the other host.
fault redirect-302 "redirect 302 *" redirect
fault redirect-301 "redirect 301 PUT" redirect
same "nothing reached the other host, credentials least of all" "$(grep -c '^other' "$TMP/proxy.log")" 0

# The kiosk killed between the upload and the handover record: the proxy holds the read-back
# (the bundle is on the server under its final name), and the kiosk is killed there.
echo "hold GET" >"$TMP/fault"
echo "== kill" >>"$TMP/proxy.log"
start kill "expect sync net records=
quit"
wait_for "$TMP/proxy.log" "^held GET "
kill -9 "$kpid"
wait "$kpid" 2>/dev/null
kpid=
same "killed after its bundle reached the server: nothing recorded as handed over" "$(handovers)" 0
same "the bundle is on the server under its final name" "$(ls "$DAV" | grep -c "^pallay-.*-$(db "SELECT max(seq) FROM record")\.age$")" 1
accounted "killed"

# Everything lets through again: every record goes, once; the copy the killed kiosk left is replaced.
echo pass >"$TMP/fault"
start good "expect sync net records=
quit"
finish good
expect_rc "the kiosk runs to the end of its script" good 0
records=$(db "SELECT count(*) FROM record")
expect_line "every record goes (with the clock records of the starts that reached the server)" "$TMP/good.trace" "sync net records=$records receipt=[2-9A-HJ-NP-Z]{6} bundles=1$"
same "the handover is recorded once, nothing pending" "$(handovers) $(db "SELECT count(*) FROM record WHERE seq > (SELECT max(last_seq) FROM handover)")" "1 0"
same "one bundle and its signature on the server: the copies of earlier tries went" "$(ls "$DAV" | grep -c '\.age$') $(ls "$DAV" | grep -c '\.age\.minisig$')" "1 1"
accounted "after the faults" once
same "no temporary file left beside the database, nor the list of copies to remove" "$(ls -a "$TMP" | grep -c 'pallay-up')" 0
same "the password is in no trace or output" "$(cat "$TMP"/*.trace "$TMP"/*.err "$TMP"/*.out | grep -c 'kiosk secret')" 0
same "every fault but being offline is in the kiosk's health for the network, by its word" \
    "$(db "SELECT group_concat(detail, ',') FROM (SELECT DISTINCT detail FROM kiosk_event WHERE kind = 'error' ORDER BY detail)")" \
    "net auth,net bad_gateway,net dropped,net full,net no_answer,net redirect,net server_error,net stalled,net unavailable,net verify"
# The facilitator's Send records screen tells the fault in its words, and "sync now" tries at
# once, whatever the wait the fault asked for (here 10 minutes).
printf "$P" | "$CTL" record-ppe "$DB" --sign llama/red --item helmet --quantity 1 >/dev/null 2>&1
echo "status 507 PUT" >"$TMP/fault"
start screen "expect sync net fault=full
hold facilitator
expect screen pin
$(pin 2580)
expect screen facilitator
tap send
expect send screen net=fac.net.full
wait 1000
tap sync
expect sync net records=
expect send screen net=fac.net.sent
quit" --sync_backoff_min 600 --sync_backoff_max 600
wait_for "$TMP/screen.trace" "send screen net=fac.net.full"
echo pass >"$TMP/fault"
finish screen
expect_rc "the facilitator's kiosk runs to the end of its script" screen 0
expect_seq "the screen shows the server full, then, on sync now, a try under way and the records sent" "$TMP/screen.trace" \
    "send screen net=fac.net.full insecure=0" "sync net now" "send screen net=fac.net.syncing" "sync net records=[1-9]" "send screen net=fac.net.sent"
expect_line "and says how it went" "$TMP/screen.trace" "audio start .*key=fac.net.sent "
same "nothing pending after it" "$(db "SELECT count(*) FROM record WHERE seq > (SELECT max(last_seq) FROM handover)")" 0

# The coordinator's pallayctl fetch through the same faults: a connection dropped mid-file leaves
# no file under a bundle's name, a changed length is not taken, and the next fetch brings all.
if [ -f "$DAV_EXT" ]; then
    F="$TMP/fetched"
    fetch() { "$CTL" fetch "$SYNC_URL" "$F" --user pallay --password-file "$TMP/password" >"$TMP/fetch.out" 2>"$TMP/fetch.err"; echo $?; }
    echo "drop GET" >"$TMP/fault"
    same "a fetch whose connection drops fails" "$(fetch)" 1
    expect_line "and says why, by file" "$TMP/fetch.err" "^pallayctl fetch: pallay-.*\.age: GET: .*\(dropped\)$"
    same "leaving no file cut short under a bundle's name" "$(ls -A "$F" | wc -l)" 0
    echo "short GET" >"$TMP/fault"
    same "a bundle that comes shorter than the folder said is not taken" "$(fetch; ls "$F" | grep -c '\.age$')" "1
0"
    expect_line "and said so" "$TMP/fetch.err" "the transfer was cut short"
    echo pass >"$TMP/fault"
    same "once the faults are gone, everything comes" "$(fetch; ls -A "$F" | tr '\n' ' ')" "0
$(ls "$DAV" | tr '\n' ' ')"
    same "the same bytes" "$(cat "$F"/*.age | cksum)" "$(cat "$DAV"/*.age | cksum)"
fi
kill "$ppid" 2>/dev/null && wait "$ppid" 2>/dev/null
ppid=
stop_nginx

# make demo, the network part: the Send records screen's network card in each state (never in
# contact, an upload under way, done, and each fault), at 800x480 and a few at 1920x1080. The
# server is the tests' nginx (tests/davserver.sh) behind the fault proxy (tests/faultproxy.py),
# both on 127.0.0.1 and stopped by their PIDs.
# usage: sh tests/demo_net.sh BUILD OUT
BUILD=$1 OUT=$2
. tests/lib.sh
. tests/davserver.sh
ppid=
trap 'stop_nginx; [ -n "$ppid" ] && kill "$ppid" 2>/dev/null; [ -n "${PALLAY_KEEP:-}" ] || rm -rf "$TMP"' EXIT
have_nginx || { echo "demo: no nginx: the network screens are left out"; exit 0; }
mkdir -p "$OUT"
CTL="$BUILD/pallayctl"
"$CTL" keygen --out "$TMP/keys" >/dev/null
echo 0123456789abcdef0123456789abcdef >"$TMP/machine-id"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
serve_nginx
: >"$TMP/proxy.log"
echo pass >"$TMP/fault"
python3 tests/faultproxy.py "$port" "$TMP/fault" "$TMP/proxy.log" >"$TMP/proxy.out" 2>&1 &
ppid=$!
wait_for "$TMP/proxy.out" "^proxy "
read -r _ pport _ _ _ hport <"$TMP/proxy.out"
printf 'kiosk secret 7\n' >"$TMP/password"
chmod 600 "$TMP/password"
DB="$TMP/kiosk.db"
P='2580\n'
printf '2580\n2580\n' | "$CTL" set-pin "$DB" --name "Rosa Quispe" >/dev/null 2>&1
printf "$P" | "$CTL" add-participant "$DB" --sign llama/red --consent no --community Chala >/dev/null 2>&1

# shoot NAME FAULT WAIT-FOR [SIZE [LANG [URL [flags]]]]: a delivery recorded, the kiosk started with the
# proxy making FAULT; once its trace has WAIT-FOR, the facilitator opens Send records, and it is shot.
shoot() {
    name=$1 fault=$2 until=$3 size=${4:-800x480} lang=${5:-es} url=${6:-http://127.0.0.1:$pport/dav/pallay/}
    if [ $# -gt 6 ]; then shift 6; else shift $#; fi
    echo "$fault" >"$TMP/fault"
    printf "$P" | "$CTL" record-ppe "$DB" --sign llama/red --item helmet --quantity 1 >/dev/null 2>&1
    {
        echo "expect screen language"
        [ -n "$until" ] && echo "expect $until"
        echo "hold facilitator"
        echo "expect screen pin"
        for d in 2 5 8 0 ok; do echo "tap pin:$d"; done
        echo "expect screen facilitator"
        echo "tap send"
        echo "expect send screen mode=menu"
        echo "wait 300"
        echo "shot $OUT/net-$name.png"
        echo "quit"
    } >"$TMP/script"
    "$BUILD/pallay" --db "$DB" --trace "$TMP/trace" --script "$TMP/script" --pin_setup 0 --size "$size" \
        --usb_roots "$TMP/no-sticks" --machine_id "$TMP/machine-id" --network_recipient "$(cat "$TMP/keys/network.pub")" \
        --facilitator_lang "$lang" --sync_url "$url" --sync_user pallay --sync_password_file "$TMP/password" "$@" \
        >/dev/null 2>"$TMP/err"
    state=$(grep -o 'net=[a-z._]*' "$TMP/trace" | tail -1)
    echo "demo: net-$name.png ($state)"
    rm -f "$TMP/trace"
}

shoot syncing "hold GET" "sync net trying"
shoot full "status 507 PUT" "sync net fault=full"
shoot done pass "sync net records="
shoot done-1920x1080 pass "sync net records=" 1920x1080
shoot auth "status 401 *" "sync net fault=auth"
shoot dropped "drop PUT" "sync net fault=dropped"
shoot server_error "status 500 PUT" "sync net fault=server_error"
shoot bad_gateway "status 502 PUT" "sync net fault=bad_gateway"
shoot unavailable "status 503 *" "sync net fault=unavailable"
shoot redirect "redirect 302 *" "sync net fault=redirect"
PALLAY_TEST_NET_TIMEOUT=2 shoot stalled "stall PUT" "sync net fault=stalled"
shoot verify "flip GET" "sync net fault=verify"
PALLAY_TEST_NET_TIMEOUT=2 shoot no_answer pass "sync net fault=no_answer" 800x480 es "http://127.0.0.1:$hport/dav/pallay/"
shoot offline pass "sync net fault=offline" 800x480 es "http://127.0.0.1:1/dav/pallay/"
shoot full-quy "status 507 PUT" "sync net fault=full" 800x480 quy
shoot full-1920x1080 "status 507 PUT" "sync net fault=full" 1920x1080
shoot insecure pass "sync net records=" 800x480 es "http://0.0.0.0:$pport/dav/pallay/" --sync_insecure_http 1
# Never in contact: what was recorded left on a stick already (a handover, as a stick's), so there
# is nothing to upload and the kiosk has no reason to call the server.
sqlite3 "$DB" "INSERT INTO handover (kiosk_id, first_seq, last_seq, records, hash, receipt, destination, at, events_upto)
    SELECT kiosk_id, 1, max(seq), count(*), 'demo', 'DEMO23', 'usb DEMO', strftime('%s'), 0 FROM record GROUP BY kiosk_id"
echo pass >"$TMP/fault"
{
    echo "expect screen language"
    echo "hold facilitator"
    echo "expect screen pin"
    for d in 2 5 8 0 ok; do echo "tap pin:$d"; done
    echo "expect screen facilitator"
    echo "tap send"
    echo "expect send screen mode=menu"
    echo "shot $OUT/net-never.png"
    echo "quit"
} >"$TMP/script"
"$BUILD/pallay" --db "$DB" --trace "$TMP/trace" --script "$TMP/script" --pin_setup 0 --size 800x480 \
    --usb_roots "$TMP/no-sticks" --machine_id "$TMP/machine-id" --network_recipient "$(cat "$TMP/keys/network.pub")" \
    --sync_url "http://127.0.0.1:$pport/dav/pallay/" --sync_user pallay --sync_password_file "$TMP/password" >/dev/null 2>&1
echo "demo: net-never.png ($(grep -o 'net=[a-z._]*' "$TMP/trace" | tail -1))"
kill "$ppid" 2>/dev/null && wait "$ppid" 2>/dev/null
ppid=
stop_nginx
echo "demo: network screens in $OUT/net-*.png"

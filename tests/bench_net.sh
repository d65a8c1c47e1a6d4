#!/bin/sh
# The network figures of make bench (called from tests/bench.sh, or alone: tests/bench_net.sh BUILD).
# An nginx with its DAV module on 127.0.0.1 (tests/davserver.sh), and the kiosk itself uploading:
#   upload throughput: a kiosk with 100,000 records pending and the server up; bytes of the
#     bundles and their signatures / the time from the first PUT to the handover recorded (each
#     bundle put under a temporary name, read back and verified, moved; the kiosk's own trace:
#     "sync net upload bytes=B us=T")
#   connection to handover: a kiosk with 10,000 records pending and no server (each try fails,
#     "offline"); the server starts, and the kiosk's backoff (sync_backoff_min = max = 2 s, as a
#     kiosk whose connection comes back finds it at its next try) finds it: the time from the
#     server answering to "sync net records=N" in the trace (N: the 10,000 and the kiosk's clock
#     record, made from the server's Date header), and the part of it from the try
#     that found the server ("sync net trying") to the handover.
# No targets in the issue for these: they are reported, not judged.
set -eu
BUILD=${1:-build}
if [ -z "${DISPLAY:-}" ] && [ -z "${PALLAY_BENCH_XVFB:-}" ]; then
    PALLAY_BENCH_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" sh "$0" "$@"
fi
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy SDL_RENDER_DRIVER=software
TMP=$(mktemp -d /tmp/pallay-bench-net.XXXXXX)
. tests/davserver.sh
kpid=
trap 'stop_nginx; [ -n "$kpid" ] && kill "$kpid" 2>/dev/null; [ -n "${PALLAY_KEEP:-}" ] || rm -rf "$TMP"' EXIT
if ! have_nginx; then
    echo "network:            no nginx (kiosk/setup.sh installs it): no network figures"
    exit 0
fi
CTL="$BUILD/pallayctl"
"$CTL" keygen --out "$TMP/keys" >/dev/null
printf 'kiosk secret 7\n' >"$TMP/password"
chmod 600 "$TMP/password"
echo 0123456789abcdef0123456789abcdef >"$TMP/machine-id"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# until_line FILE PATTERN SECONDS: polls every 10 ms; 1 if the line did not come in time.
until_line() {
    end=$(( $(now_ms) + $3 * 1000 ))
    until grep -Eq -- "$2" "$1" 2>/dev/null; do
        [ "$(now_ms)" -gt "$end" ] && return 1
        sleep 0.01
    done
}
# kiosk NAME RECORDS [flags]: a kiosk database with RECORDS pending, and the kiosk on it in the
# background (no script: it runs until stopped), its PID in $kpid.
kiosk() {
    name=$1; n=$2; shift 2
    "$BUILD/tests/bench_fill" "$TMP/$name.db" "$TMP/machine-id" "$n" >/dev/null
    "$BUILD/pallay" --software --size 800x480 --db "$TMP/$name.db" --trace "$TMP/$name.trace" --pin_setup 0 \
        --usb_roots "$TMP/no-sticks" --machine_id "$TMP/machine-id" --network_recipient "$(cat "$TMP/keys/network.pub")" \
        --sync_user pallay --sync_password_file "$TMP/password" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    kpid=$!
}
stop_kiosk() { kill "$kpid" 2>/dev/null; wait "$kpid" 2>/dev/null || true; kpid=; }

# (a) Upload throughput: 100,000 records.
if [ -z "${BENCH_NET_SKIP_A:-}" ]; then
serve_nginx
[ -n "$ngpid" ] || { echo "network:            nginx did not start: no network figures"; exit 0; }
kiosk up 100000 --sync_url "http://127.0.0.1:$port/dav/pallay/"
if until_line "$TMP/up.trace" "sync net (upload|fault)" 300 && grep -q "sync net upload" "$TMP/up.trace"; then
    set -- $(sed -n 's/.*sync net upload bytes=\([0-9]*\) us=\([0-9]*\).*/\1 \2/p' "$TMP/up.trace")
    bundles=$(sed -n 's/.*sync net records=[0-9]* receipt=[^ ]* bundles=\([0-9]*\).*/\1/p' "$TMP/up.trace")
    echo "upload throughput:  $(awk -v b="$1" -v u="$2" 'BEGIN { printf "%.1f", b / u }') MB/s to nginx on loopback:" \
        "$(awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }') MB ($bundles bundles and signatures, 100,000 records) in" \
        "$(awk -v u="$2" 'BEGIN { printf "%.0f", u / 1000 }') ms from the first PUT to the handover recorded" \
        "(PUT under temporary names, read back and verified, MOVE, the handover's COMMIT)"
else
    echo "upload throughput:  FAILED: $(grep -E 'sync net (fault|off)' "$TMP/up.trace" | head -1) $(tail -1 "$TMP/up.err")"
fi
stop_kiosk
stop_nginx
fi

# (b) From the connection appearing to 10,000 records handed over. The kiosk starts with the
# server down (the port it will listen on is free), fails its first tries, then the server starts.
serve_nginx
[ -n "$ngpid" ] || { echo "network:            nginx did not start: no network figures"; exit 0; }
stop_nginx
kiosk back 10000 --sync_url "http://127.0.0.1:$port/dav/pallay/" --sync_backoff_min 2 --sync_backoff_max 2
until_line "$TMP/back.trace" "sync net backoff" 60 || { echo "connection to handover: FAILED: the kiosk never tried"; exit 0; }
start_nginx || { echo "connection to handover: FAILED: nginx did not start again on port $port"; exit 0; }
up=$(now_ms)
if until_line "$TMP/back.trace" "sync net records=[0-9]+ " 120; then
    done_ms=$(now_ms)
    trying=$(awk '/ sync net trying/ { sub(/^t=/, "", $1); t = $1 } / sync net records=/ { sub(/^t=/, "", $1); print $1 - t; exit }' "$TMP/back.trace")
    records=$(sed -n 's/.*sync net records=\([0-9]*\) .*/\1/p' "$TMP/back.trace")
    echo "connection to handover: $((done_ms - up)) ms from the server answering to $records records handed over" \
        "(the kiosk's backoff, 2 s between tries, found it; sync now would skip that wait);" \
        "$trying ms of it from the try that found the server to the handover"
else
    echo "connection to handover: FAILED: $(grep -E 'sync net fault' "$TMP/back.trace" | tail -1)"
fi
stop_kiosk

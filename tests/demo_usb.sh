# make demo, the USB stick part (run by tests/demo.sh inside `unshare -rm`): the confirmation a
# stick gets, in Spanish and Quechua, and a full stick, at 800x480 and 1920x1080.
BUILD=$1 OUT=$2
T=$(mktemp -d /tmp/pallay-demo-usb.XXXXXX)
trap 'for m in "$T"/media/*; do umount -l "$m" 2>/dev/null; done; [ -n "${PALLAY_KEEP:-}" ] || rm -rf "$T"' EXIT
mkdir -p "$T/media"
"$BUILD/pallayctl" keygen --out "$T/keys" >/dev/null
echo 0123456789abcdef0123456789abcdef >"$T/machine-id"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
cp "$OUT/demo.db" "$T/demo.db"
n=0
# shoot NAME LANG SIZE ITEM [mount options]: a delivery recorded, then a stick appears while the
# kiosk shows its first screen.
shoot() {
    n=$((n + 1))
    printf '2580\n' | "$BUILD/pallayctl" record-ppe "$T/demo.db" --sign cuy/green --item "$4" --quantity 1 >/dev/null 2>&1
    printf 'expect screen language\nexpect sync usb \nexpect key=fac.send.\nshot %s\nquit\n' "$OUT/$1.png" >"$T/script"
    "$BUILD/pallay" --db "$T/demo.db" --trace "$T/trace" --script "$T/script" --pin_setup 0 --size "$3" \
        --usb_roots "$T/media" --machine_id "$T/machine-id" --network_recipient "$(cat "$T/keys/network.pub")" \
        --facilitator_lang "$2" >/dev/null 2>&1 &
    pid=$!
    until grep -q "screen language" "$T/trace" 2>/dev/null; do sleep 0.05; done
    mkdir -p "$T/media/STICK$n" && mount -t tmpfs -o "${5:-size=4m}" stick "$T/media/STICK$n"
    wait $pid
    umount "$T/media/STICK$n"
    rm -f "$T/trace"
}
shoot usb-sent-es es 800x480 knee-pads
shoot usb-sent-quy quy 800x480 helmet
shoot usb-sent-es-1920x1080 es 1920x1080 mask
shoot usb-full-es es 800x480 goggles size=8k
echo "demo: USB stick screens in $OUT/usb-*.png"

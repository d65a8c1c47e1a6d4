#!/bin/sh
# make demo, Tell us: each language's learner of the tour sends reports, one of every kind
# between them (harassment or violence in both languages, to show the help contacts first),
# with her sign or with no name, and the screens are shot at the tour's size, 800x480 and
# 1920x1080; then the facilitator's summary counting them. The microphone is SDL's disk driver
# reading a sentence espeak-ng says, and it runs as fast as it can (SDL_DISKAUDIODELAY=0): every
# recording fills its minute at once, so the script waits on trace lines only.
# usage: tests/demo_tell.sh BUILD OUT   (after tests/demo.sh made OUT/demo.db and OUT/keys)
set -eu
BUILD=$1
OUT=$2
script="$OUT/tell.script"
symbols=$(sed -n 's/^symbol *\([a-z0-9_.-]*\) .*/\1/p' assets/signs.list)
colours=$(sed -n 's/^colour *\([a-z0-9_.-]*\) .*/\1/p' assets/signs.list)
mic="$OUT/tell-mic.raw"
espeak-ng -v es-419 -w "$OUT/tell-mic.wav" "En la cancha de desmonte caen piedras cuando llueve. Necesitamos cascos y guantes." 2>/dev/null
sox "$OUT/tell-mic.wav" -r 22050 -c 1 -b 16 -e signed-integer -t raw "$mic"
rm -f "$OUT/tell-mic.wav" "$OUT"/tell-*.png

# signin K LANG: the K-th learner of the tour (the K-th symbol in the K-th colour) signs in.
signin() {
    symbol=$(printf '%s\n' "$symbols" | sed -n "${1}p")
    colour=$(printf '%s\n' "$colours" | sed -n "${1}p")
    printf 'tap lang:%s\ntap go\nexpect screen who\ntap mine\ntap go\n' "$2"
    printf 'tap symbol:%s\ntap symbol:%s\ntap colour:%s\ntap colour:%s\nexpect screen home\n' "$symbol" "$symbol" "$colour" "$colour"
}
# report CATEGORY WHO [SHOTS]: from the home screen, one report; WHO is sign or none. With
# SHOTS (a prefix), every step is shot.
report() {
    prefix=${3:-}
    shot() { [ -z "$prefix" ] || echo "shot $OUT/$prefix-$1.png"; }
    echo "tap tell"
    echo "expect key=tell.tile"
    shot 00-home-tell
    echo "tap tell"
    echo "expect screen tellus"
    shot 01-pick
    echo "tap cat:$1"
    echo "expect key=tell.cat.$1"
    shot 02-touched
    echo "tap ok"
    if [ "$1" = violence ]; then
        echo "expect tellus step=help"
        echo "expect help-quy.wav"
        shot 03-help
        echo "tap next"
    fi
    echo "expect tellus step=ready"
    shot 04-ready
    echo "tap record"
    echo "expect capture stop"
    echo "expect tellus step=take"
    shot 05-take
    echo "tap send"
    echo "expect tellus step=who"
    echo "tap who:$2"
    shot 06-who
    echo "tap who:$2"
    echo "expect tellus sent"
    shot 07-sent
    echo "tap home"
    echo "expect screen home"
}
{
    signin 1 es
    report rock sign tell-es
    report violence none tell-es-violence
    for c in dust noppe mercury; do report "$c" sign; done
    report weather none
    echo "tap signout"
    echo "expect screen language"
    signin 2 quy
    report violence none tell-quy
    report injury sign
    report idea sign
    report other none
    echo "tap signout"
    echo "expect screen language"
    for size in "800 480" "1920 1080"; do
        tag=$(echo "$size" | tr ' ' x)
        echo "size $size"
        echo "expect resize $tag"
        for k in 1 2; do
            lang=$([ "$k" = 1 ] && echo es || echo quy)
            signin "$k" "$lang"
            report violence none "tell-size-$tag-$lang"
            echo "tap signout"
            echo "expect screen language"
        done
    done
    # The facilitator sees how many wait, and nothing more.
    echo "hold facilitator"
    echo "expect screen pin"
    for d in 2 5 8 0; do echo "tap pin:$d"; done
    echo "tap pin:ok"
    echo "expect screen facilitator"
    echo "tap summary"
    echo "expect summary voices waiting="
    echo "shot $OUT/tell-fac-summary.png"
    echo "tap back"
    echo "tap leave"
    echo "expect screen language"
    echo "quit"
} >"$script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILEIN="$mic" SDL_DISKAUDIOFILE=/dev/null SDL_DISKAUDIODELAY=0 \
    "$BUILD/pallay" --network_recipient "$(cat "$OUT/keys/network.pub")" --db "$OUT/demo.db" --recordings "$OUT/voice" \
    --trace "$OUT/tell-trace.txt" --script "$script" 2>"$OUT/tell-stderr.txt" || { tail -3 "$OUT/tell-stderr.txt"; exit 1; }
rm -f "$mic"
echo "demo: $(grep -c 'tellus sent' "$OUT/tell-trace.txt") reports sent, $(ls "$OUT"/tell-*.png | wc -l) screenshots of Tell us in $OUT/"

# At the coordinator's end, from a copy of the kiosk (the tour's database keeps its records
# pending for the USB stick's screenshots): the reports leave in a bundle, are merged, and the
# report has its voices page with a player for each, and the sensitive page apart.
N="$OUT/network"
rm -rf "$N"
mkdir -p "$N"
cp "$OUT/demo.db" "$N/kiosk.db"
cp "$OUT/demo.db.key" "$N/kiosk.db.key"
"$BUILD/pallayctl" export "$N/kiosk.db" --out "$N/bundles" --recipient "$(cat "$OUT/keys/network.pub")" >"$N/export.txt" 2>&1
"$BUILD/pallayctl" merge "$N/network.db" "$N/bundles" --identity "$OUT/keys/network.key" >"$N/merge.txt"
"$BUILD/pallayctl" report "$N/network.db" --out "$N/report" --identity "$OUT/keys/network.key" --include-sensitive >"$N/report.txt"
for page in voices sensitive; do
    mkdir -p "$N/shots-$page"
    HOME="$N/shots-$page" timeout -k 5 120 python3 tests/page_check.py "$N/report/$page.html" "$N/shots-$page" 1280 >/dev/null 2>&1 &&
        mv "$N/shots-$page/page-1280.png" "$OUT/tell-report-$page.png"
    rm -rf "$N/shots-$page"
done
echo "demo: the network's report of them in $N/report/ (voices.html, sensitive.html), its pages in $OUT/tell-report-*.png"

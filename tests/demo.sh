#!/bin/sh
# make demo: a headless tour of the whole course that writes screenshots to OUT, for people to
# look at: the language choice; in each language a new learner taking her sign, the home screen,
# every slide, every quiz question with its feedback (the first answer wrong, to show both), the
# score, her certificate after the last quiz, and the home screen with her progress; the women
# who finished the course in facilitator mode; then the same screens at the smallest and
# largest supported sizes; then Tell us (tests/demo_tell.sh). (Every facilitator and learner screen at 800x480, 1024x600 and
# 1920x1080: SHOTS=DIR sh tests/screens_test.sh.)
# usage: tests/demo.sh BUILD OUT
set -eu
BUILD=$1
OUT=$2
mkdir -p "$OUT"
rm -f "$OUT"/*.png "$OUT/demo.db"*
script="$OUT/tour.script"
modules=$("$BUILD/pallayctl" list-modules .)
last=$(printf '%s\n' "$modules" | tail -1 | cut -f1)
symbols=$(sed -n 's/^symbol *\([a-z0-9_.-]*\) .*/\1/p' assets/signs.list)
colours=$(sed -n 's/^colour *\([a-z0-9_.-]*\) .*/\1/p' assets/signs.list)
pin() { for d in $(printf '%s' "$1" | sed 's/./& /g'); do echo "tap pin:$d"; done; echo "tap pin:ok"; }
{
    # A new kiosk: the facilitator sets her PIN first, then hands the kiosk to the learners.
    echo "expect screen pin"
    echo "type Rosa Quispe"
    echo "shot $OUT/fac-00-setup-name.png"
    echo "tap ok"
    echo "tap pin:2"
    echo "tap pin:5"
    echo "shot $OUT/fac-01-setup-pin.png"
    echo "tap pin:8"
    echo "tap pin:0"
    echo "tap pin:ok"
    pin 2580
    echo "expect screen facilitator"
    echo "shot $OUT/fac-02-menu.png"
    echo "tap equipment"
    echo "shot $OUT/fac-02-equipment-nobody.png"
    echo "tap back"
    echo "tap leave"
    echo "expect screen language"
    echo "shot $OUT/00-language.png"
    k=0
    for po in locales/*.po; do
        lang=$(basename "$po" .po)
        k=$((k + 1))
        # Each language's learner takes a different sign: the k-th symbol in the k-th colour.
        symbol=$(printf '%s\n' "$symbols" | sed -n "${k}p")
        colour=$(printf '%s\n' "$colours" | sed -n "${k}p")
        echo "tap lang:$lang"
        echo "expect key=lang.prompt lang=$lang"
        echo "shot $OUT/01-language-$lang-touched.png"
        echo "tap go"
        echo "expect screen who lang=$lang"
        echo "shot $OUT/$lang-00-who.png"
        echo "tap new"
        echo "shot $OUT/$lang-00-who-new-touched.png"
        echo "tap go"
        echo "expect screen sign"
        echo "shot $OUT/$lang-01-sign-symbols.png"
        echo "tap symbol:$symbol"
        echo "tap symbol:$symbol"
        echo "shot $OUT/$lang-02-sign-colours.png"
        echo "tap colour:$colour"
        echo "shot $OUT/$lang-03-sign-colour-touched.png"
        echo "tap colour:$colour"
        echo "expect key=sign.welcome"
        echo "shot $OUT/$lang-04-sign-welcome.png"
        echo "tap ok"
        echo "expect screen home lang=$lang"
        echo "shot $OUT/$lang-05-home.png"
        printf '%s\n' "$modules" | while IFS="$(printf '\t')" read -r id n nq rights; do
            echo "tap tile:$id"
            echo "expect key="
            echo "shot $OUT/$lang-05-home-$id-touched.png"
            echo "tap play:$id"
            i=1
            while [ "$i" -le "$n" ]; do
                echo "expect slide module=$id index=$i "
                echo "shot $OUT/$lang-$id-$(printf %02d "$i").png"
                echo "tap next"
                i=$((i + 1))
            done
            # The quiz traces its first question while it loads, before its screen line.
            q=1
            for right in $(printf '%s' "$rights" | tr ',' ' '); do
                # The first question is answered wrong, to show what a wrong answer looks like.
                choice=$right
                [ "$q" -eq 1 ] && { [ "$right" -eq 1 ] && choice=2 || choice=1; }
                echo "expect quiz question module=$id q=$q "
                echo "shot $OUT/$lang-$id-q$q.png"
                echo "tap answer:$choice"
                echo "expect record answer"
                echo "shot $OUT/$lang-$id-q$q-feedback.png"
                echo "tap next"
                q=$((q + 1))
            done
            echo "expect quiz score module=$id"
            echo "shot $OUT/$lang-$id-score.png"
            if [ "$id" = "$last" ]; then
                # Every quiz passed: the last one leads to her certificate.
                echo "tap next"
                echo "expect key=course.done"
                echo "shot $OUT/$lang-07-certificate.png"
                echo "tap home"
            else
                echo "tap done"
            fi
            echo "expect screen home"
        done
        echo "shot $OUT/$lang-06-home-progress.png"
        echo "tap signout"
        echo "expect screen language"
    done
    # Facilitator mode, after the learners: every screen.
    echo "hold facilitator"
    echo "expect screen pin"
    echo "tap pin:1"
    echo "tap pin:1"
    echo "shot $OUT/fac-03-pin.png"
    echo "tap pin:1"
    echo "tap pin:1"
    echo "tap pin:ok"
    echo "expect pin wrong"
    echo "shot $OUT/fac-04-pin-wrong.png"
    echo "wait 1100"
    pin 2580
    echo "expect screen facilitator"
    echo "tap certs"
    echo "expect screen certs"
    echo "shot $OUT/fac-04-finished-course.png"
    echo "tap back"
    echo "expect screen facilitator"
    echo "tap workshop"
    echo "tap community:new"
    echo "type Santa Filomena"
    echo "shot $OUT/fac-05-community-new.png"
    echo "tap ok"
    echo "tap community:1"
    echo "shot $OUT/fac-06-community.png"
    echo "tap next"
    echo "tap topic:ppe"
    echo "shot $OUT/fac-07-topics.png"
    echo "tap open"
    echo "expect record workshop"
    echo "shot $OUT/fac-08-present.png"
    echo "tap register"
    echo "shot $OUT/fac-09-register-sign.png"
    echo "tap symbol:cuy"
    echo "shot $OUT/fac-10-register-colour.png"
    echo "tap colour:green"
    echo "shot $OUT/fac-11-consent.png"
    echo "tap consent:yes"
    echo "tap kb:shift"
    echo "tap kb:s"
    echo "type isa Ñahui"
    echo "shot $OUT/fac-12-name.png"
    echo "tap ok"
    echo "tap year:1"
    echo "tap year:9"
    echo "tap year:9"
    echo "tap year:0"
    echo "shot $OUT/fac-13-year.png"
    echo "tap ok"
    echo "expect record attendance"
    printf '%s\n' "$symbols" | head -1 | while read -r y; do echo "tap present:$y/$(printf '%s\n' "$colours" | head -1)"; done
    echo "expect record attendance"
    echo "shot $OUT/fac-14-present-marked.png"
    echo "tap back"
    echo "tap equipment"
    echo "shot $OUT/fac-15-who.png"
    echo "tap who:cuy/green"
    echo "shot $OUT/fac-16-items.png"
    echo "tap item:gloves"
    echo "tap more"
    echo "tap size:M"
    echo "shot $OUT/fac-17-amount.png"
    echo "tap ok"
    echo "expect record ppe_delivery"
    echo "tap who:cuy/green"
    echo "tap item:boots"
    echo "tap size:37"
    echo "tap ok"
    echo "expect record ppe_delivery"
    echo "tap back"
    echo "tap summary"
    echo "tap void:2"
    echo "shot $OUT/fac-18-void-reason.png"
    echo "tap reason:3"
    echo "expect record void"
    echo "shot $OUT/fac-19-summary.png"
    echo "tap back"
    echo "tap recorder"
    echo "tap reclang:quy"
    echo "shot $OUT/fac-20-record-modules.png"
    echo "tap module:ppe"
    echo "tap next"
    echo "shot $OUT/fac-21-record-item.png"
    echo "tap record"
    echo "shot $OUT/fac-22-recording.png"
    echo "wait 600"
    echo "tap stop"
    echo "expect key=take"
    echo "shot $OUT/fac-23-take.png"
    echo "tap back"
    echo "tap back"
    echo "tap send"
    echo "expect send screen mode=menu"
    echo "shot $OUT/fac-23-send.png"
    echo "tap back"
    echo "tap quit"
    echo "shot $OUT/fac-24-quit-ask.png"
    echo "tap leave"
    echo "expect screen language"
    first=$(printf '%s\n' "$modules" | head -1 | cut -f1)
    for size in "800 480" "1920 1080"; do
        tag=$(echo "$size" | tr ' ' x)
        echo "size $size"
        echo "expect resize $tag"
        echo "shot $OUT/size-$tag-language.png"
        echo "tap lang:es"
        echo "tap go"
        echo "expect screen who"
        echo "shot $OUT/size-$tag-who.png"
        echo "tap guest"
        echo "tap go"
        echo "expect screen home"
        echo "shot $OUT/size-$tag-home.png"
        echo "tap play:$first"
        echo "expect slide module=$first index=1 "
        echo "shot $OUT/size-$tag-slide.png"
        echo "tap home"
        echo "tap signout"
        echo "expect screen language"
    done
    echo "quit"
} >"$script"
# The network's keys, so Send records shows a kiosk that can send (keygen never replaces them).
[ -f "$OUT/keys/network.pub" ] || "$BUILD/pallayctl" keygen --out "$OUT/keys" >/dev/null
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$BUILD/pallay" --network_recipient "$(cat "$OUT/keys/network.pub")" --db "$OUT/demo.db" --recordings "$OUT/voice" --trace "$OUT/trace.txt" --script "$script"
echo "demo: $(ls "$OUT"/*.png | wc -l) screenshots in $OUT/ (trace: $OUT/trace.txt)"
# The certificates the coordinator prints for the two women who finished the course, and their
# first pages as pictures.
rm -rf "$OUT/certificates"
"$BUILD/pallayctl" certificate "$OUT/demo.db" --all --key "$OUT/keys/content.key" --out "$OUT/certificates" >"$OUT/certificates.txt"
for f in "$OUT"/certificates/*.pdf; do pdftoppm -png -r 60 -singlefile "$f" "${f%.pdf}"; done
echo "demo: $(ls "$OUT"/certificates/*.pdf | wc -l) certificates in $OUT/certificates/"
# Tell us: the two women send reports of every kind, in both languages and at both sizes.
sh tests/demo_tell.sh "$BUILD" "$OUT"
# Records leaving on a USB stick: in a mount namespace of its own, where a real (tmpfs) stick can
# appear while the kiosk runs. Skipped, and said, where the machine allows no namespace.
if unshare -rm true 2>/dev/null; then
    unshare -rm sh tests/demo_usb.sh "$BUILD" "$OUT"
else
    echo "demo: no mount namespace here (unshare -rm): no USB stick screenshots"
fi
# The network card of Send records in each state, against the tests' nginx on loopback.
sh tests/demo_net.sh "$BUILD" "$OUT"

#!/bin/sh
# The content build: turns the hand-edited course into what the kiosk plays.
#   assets/pictures/*.svg  -> OUT/pictures/*.png      (rsvg-convert; a .png in assets/ is used as it is)
#   locales/<lang>.po      -> OUT/voice/<lang>/*.ogg  (espeak-ng, for strings with no recording in assets/voice/)
#   (built in)             -> OUT/sounds/*.ogg        (sox: tap and end-of-module sounds)
# Incremental: a picture is redrawn when its SVG is newer; a voice is regenerated when its text or
# voice changed (the .src file beside it holds what it was made from).
# usage: kiosk/build-content.sh PALLAYCTL OUT
set -eu
ctl=$1
out=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out/pictures" "$out/sounds" "$out/voice"

pictures=0
for svg in assets/pictures/*.svg; do
    [ -e "$svg" ] || continue
    name=$(basename "$svg" .svg)
    png="$out/pictures/$name.png"
    [ "$png" -nt "$svg" ] && continue
    case $name in
        icon-*|sign-*) size="-w 256 -h 256" ;;
        # Tiles and quiz answers are only ever drawn as cards: at half size, eight tiles fit the
        # kiosk's picture budget together (8 x 0.45 MB instead of 8 x 1.8 MB).
        # Equipment pictures too: the picker shows up to ten of them at once; and the nine
        # pictures of what a woman's report is about (Tell us), shown together.
        *-tile|quiz-*|item-*|tell-*) size="-w 400 -h 280" ;;
        *) size="-w 800 -h 560" ;;
    esac
    # shellcheck disable=SC2086
    if rsvg-convert $size "$svg" -o "$tmp/p.png" 2>"$tmp/err"; then
        mv "$tmp/p.png" "$png"
        pictures=$((pictures + 1))
    else
        echo "$svg: cannot be rasterised: $(head -1 "$tmp/err")" >&2
    fi
done

voices=0
# speak PO: the narration of one language (each in its own files; the languages speak at once).
speak() {
    po=$1
    lang=$(basename "$po" .po)
    t="$tmp/$lang"
    mkdir -p "$out/voice/$lang" "$t"
    "$ctl" list-strings "$lang" . >"$t/strings" || return 0
    voice=$(sed -n '1s/^#voice\t//p' "$t/strings")
    total=$(($(wc -l <"$t/strings") - 1))
    n=0
    tail -n +2 "$t/strings" | while IFS="$(printf '\t')" read -r key text; do
        n=$((n + 1))
        [ -f "assets/voice/$lang/$key.ogg" ] && continue   # a community recording wins
        ogg="$out/voice/$lang/$key.ogg"
        src="$voice	$text"
        if [ -f "$ogg" ] && [ -f "$ogg.src" ] && [ "$(cat "$ogg.src")" = "$src" ]; then continue; fi
        [ $((n % 50)) -eq 1 ] && printf 'narration %s: %d/%d\n' "$lang" "$n" "$total" >&2
        if espeak-ng -v "$voice" -s 135 -w "$t/v.wav" "$text" && oggenc -Q -q 2 -o "$t/v.ogg" "$t/v.wav"; then
            mv "$t/v.ogg" "$ogg"
            printf '%s\n' "$src" >"$ogg.src"
            echo x >>"$t/made"
        else
            echo "$po: $key: espeak-ng could not speak it with voice $voice" >&2
        fi
    done
}
for po in locales/*.po; do speak "$po" & done
wait
cat "$tmp"/*/made >"$tmp/made" 2>/dev/null || true   # a language with nothing to make has no list
[ -s "$tmp/made" ] && voices=$(wc -l <"$tmp/made")

# Sound effects: a soft click for every press, a rising chime at the end of a module.
if [ ! -f "$out/sounds/tap.ogg" ]; then
    sox -n -r 22050 -c 1 -b 16 "$tmp/tap.wav" synth 0.06 sine 1100 fade 0 0.06 0.05 vol 0.4
    oggenc -Q -o "$out/sounds/tap.ogg" "$tmp/tap.wav"
fi
if [ ! -f "$out/sounds/done.ogg" ]; then
    for f in 523 659 784; do sox -n -r 22050 -c 1 -b 16 "$tmp/n$f.wav" synth 0.18 sine $f fade 0 0.18 0.08 vol 0.5; done
    sox "$tmp/n523.wav" "$tmp/n659.wav" "$tmp/n784.wav" "$tmp/done.wav"
    oggenc -Q -o "$out/sounds/done.ogg" "$tmp/done.wav"
fi
# Right answer: two quick rising notes. Wrong answer: one soft low note, never harsh.
if [ ! -f "$out/sounds/right.ogg" ]; then
    for f in 659 988; do sox -n -r 22050 -c 1 -b 16 "$tmp/r$f.wav" synth 0.14 sine $f fade 0 0.14 0.06 vol 0.5; done
    sox "$tmp/r659.wav" "$tmp/r988.wav" "$tmp/right.wav"
    oggenc -Q -o "$out/sounds/right.ogg" "$tmp/right.wav"
fi
if [ ! -f "$out/sounds/wrong.ogg" ]; then
    sox -n -r 22050 -c 1 -b 16 "$tmp/wrong.wav" synth 0.35 triangle 196 fade 0.02 0.35 0.2 vol 0.45
    oggenc -Q -o "$out/sounds/wrong.ogg" "$tmp/wrong.wav"
fi
echo "content: $pictures pictures drawn, $voices voices generated in $out"

#!/bin/sh
# make demo: a headless tour of the whole course that writes screenshots to OUT, for people to
# look at: the language choice, each home screen, every slide and end of every module in every
# language, and the same screens at the smallest and largest supported sizes.
# usage: tests/demo.sh BUILD OUT
set -eu
BUILD=$1
OUT=$2
mkdir -p "$OUT"
rm -f "$OUT"/*.png "$OUT/demo.db"*
script="$OUT/tour.script"
modules=$("$BUILD/pallayctl" list-modules .)
{
    echo "expect screen language"
    echo "shot $OUT/00-language.png"
    for po in locales/*.po; do
        lang=$(basename "$po" .po)
        echo "tap lang:$lang"
        echo "expect key=lang.prompt lang=$lang"
        echo "shot $OUT/01-language-$lang-touched.png"
        echo "tap go"
        echo "expect screen home lang=$lang"
        echo "shot $OUT/$lang-00-home.png"
        printf '%s\n' "$modules" | while read -r id n; do
            echo "tap tile:$id"
            echo "expect key="
            echo "shot $OUT/$lang-00-home-$id-touched.png"
            echo "tap play:$id"
            i=1
            while [ "$i" -le "$n" ]; do
                echo "expect slide module=$id index=$i "
                echo "shot $OUT/$lang-$id-$(printf %02d "$i").png"
                echo "tap next"
                i=$((i + 1))
            done
            echo "expect module end module=$id"
            echo "shot $OUT/$lang-$id-end.png"
            echo "tap home"
            echo "expect screen home"
        done
        echo "tap language"
        echo "expect screen language"
    done
    first=$(printf '%s\n' "$modules" | head -1 | cut -f1)
    for size in "800 480" "1920 1080"; do
        tag=$(echo "$size" | tr ' ' x)
        echo "size $size"
        echo "expect resize $tag"
        echo "shot $OUT/size-$tag-language.png"
        echo "tap go"
        echo "expect screen home"
        echo "shot $OUT/size-$tag-home.png"
        echo "tap play:$first"
        echo "expect slide module=$first index=1 "
        echo "shot $OUT/size-$tag-slide.png"
        echo "tap home"
        echo "tap language"
        echo "expect screen language"
    done
    echo "quit"
} >"$script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$BUILD/pallay" --db "$OUT/demo.db" --trace "$OUT/trace.txt" --script "$script"
echo "demo: $(ls "$OUT"/*.png | wc -l) screenshots in $OUT/ (trace: $OUT/trace.txt)"

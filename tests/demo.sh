#!/bin/sh
# make demo: a headless tour of the whole course that writes screenshots to OUT, for people to
# look at: the language choice; in each language a new learner taking her sign, the home screen,
# every slide, every quiz question with its feedback (the first answer wrong, to show both), the
# score, and the home screen with her progress; then the same screens at the smallest and
# largest supported sizes.
# usage: tests/demo.sh BUILD OUT
set -eu
BUILD=$1
OUT=$2
mkdir -p "$OUT"
rm -f "$OUT"/*.png "$OUT/demo.db"*
script="$OUT/tour.script"
modules=$("$BUILD/pallayctl" list-modules .)
symbols=$(sed -n 's/^symbol *\([a-z0-9_.-]*\) .*/\1/p' assets/signs.list)
colours=$(sed -n 's/^colour *\([a-z0-9_.-]*\) .*/\1/p' assets/signs.list)
{
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
            echo "expect screen quiz"
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
            echo "tap home"
            echo "expect screen home"
        done
        echo "shot $OUT/$lang-06-home-progress.png"
        echo "tap signout"
        echo "expect screen language"
    done
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
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$BUILD/pallay" --db "$OUT/demo.db" --trace "$OUT/trace.txt" --script "$script"
echo "demo: $(ls "$OUT"/*.png | wc -l) screenshots in $OUT/ (trace: $OUT/trace.txt)"

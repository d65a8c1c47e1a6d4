#!/bin/sh
# make soak: the kiosk driven by random touches, holds, keys and letters at a high rate (a soak
# step of the script: 50 inputs a second at most, most on buttons) for MS milliseconds, then it
# stops by itself. Passes if it never crashed and its peak memory grew less than 1 MB after the
# first minute. The seed is printed; PALLAY_SOAK_SEED=N replays the same inputs.
# usage: tests/soak.sh BUILD [MS] (default 600000: ten minutes)
set -u
BUILD=${1:-build}
MS=${2:-600000}
seed=${PALLAY_SOAK_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
seed=$((seed % 2147483647))
T=$(mktemp -d /tmp/pallay-soak.XXXXXX)
trap 'rm -rf "$T"' EXIT
echo "soak: $((MS / 1000)) s of random input, seed $seed (PALLAY_SOAK_SEED=$seed to replay)"
printf 'soak %s %s\nquit\n' "$MS" "$seed" >"$T/script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy timeout -k 5 $((MS / 1000 + 120)) "$BUILD/pallay" --software --size 1280x800 \
    --db "$T/soak.db" --pin_setup 0 --trace "$T/trace" --script "$T/script" >"$T/out" 2>"$T/err"
rc=$?
grep ' soak ' "$T/trace" | sed 's/^t=[0-9]* /  /'
screens=$(grep -o 'screen [a-z]*' "$T/trace" | sort | uniq -c | sort -rn | awk '{ printf "%s %s, ", $3, $1 }')
echo "screens shown: ${screens%, }"
# The peak once the first minute (or a tenth of a shorter run) is over, and at the end.
first=$((MS / 10 < 60000 ? MS / 10 : 60000))
base=$(awk -v f="$first" '/ soak progress / { split($4, a, "="); if (a[2] >= f) { for (i = 1; i <= NF; i++) if ($i ~ /^peak_kb=/) { sub("peak_kb=", "", $i); print $i; exit } } }' "$T/trace")
end=$(sed -n 's/.* soak done .*peak_kb=\([0-9]*\).*/\1/p' "$T/trace")
events=$(sed -n 's/.* soak done .*events=\([0-9]*\).*/\1/p' "$T/trace")
ok=1
if [ "$rc" -ne 0 ] || [ -z "$end" ]; then
    echo "FAIL soak: the kiosk stopped with status $rc before the soak ended (seed $seed): $(tail -3 "$T/err" | tr '\n' ' ')"; ok=0
elif [ -z "$base" ]; then
    echo "FAIL soak: no progress line after $first ms (seed $seed)"; ok=0
elif [ $((end - base)) -ge 1024 ]; then
    echo "FAIL soak: peak memory grew $((end - base)) kB after the first $((first / 1000)) s (expected < 1024 kB; seed $seed)"; ok=0
else
    echo "PASS soak: $events inputs, no crash; peak memory $((base / 1024)).$((base % 1024 * 10 / 1024)) MB after $((first / 1000)) s, $((end / 1024)).$((end % 1024 * 10 / 1024)) MB at the end (grew $((end - base)) kB, limit 1024)"
fi
[ $ok -eq 1 ]

#!/bin/sh
# make bench: the kiosk's performance on the bundled content at 1280x800, under Xvfb with SDL's
# software renderer (the dummy video driver busy-polls, so it says nothing about idle cost).
# One line per figure, with its target:
#   first frame (exec to first presented frame, median of 10)   < 150 ms
#   peak RSS over a tour of every slide in both languages          < 40 MB
#   CPU used while idle on the home screen for 30 s                < 0.5 % of one core
#   time to draw the home screen and a slide (median, p99)
#   time from a touch on a quiz answer to its record being committed (median, p99 of 100)
# usage: tests/bench.sh BUILD
set -eu
BUILD=${1:-build}
if [ -z "${PALLAY_BENCH_XVFB:-}" ]; then
    PALLAY_BENCH_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" sh "$0" "$@"
fi
export SDL_VIDEODRIVER=x11 SDL_AUDIODRIVER=dummy SDL_RENDER_DRIVER=software
T=$(mktemp -d /tmp/pallay-bench.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
K="$BUILD/pallay --software --size 1280x800 --db $T/bench.db --pin_setup 0"

echo "quit" >"$T/quit.script"
"$BUILD/bench_exec" 10 "$T/ff.trace" $K --trace "$T/ff.trace" --script "$T/quit.script" >"$T/ff.out"
ff=$(sed -n 's/first_frame_ms median=\([0-9.]*\).*/\1/p' "$T/ff.out")

# A tour of every slide, both languages, for the peak memory.
tests/demo.sh "$BUILD" "$T/demo" >/dev/null 2>&1 || true
# The demo's learner tour (after the first-start PIN, before facilitator mode and the resizes),
# without its screenshots: the figure is for learners, at 1280x800.
sed -n '/00-language.png$/,/^hold facilitator/p' "$T/demo/tour.script" | sed '/^shot /d;/^hold facilitator/d' >"$T/tour.script"
echo quit >>"$T/tour.script"
"$BUILD/bench_exec" 1 "$T/tour.trace" $K --trace "$T/tour.trace" --script "$T/tour.script" >"$T/tour.out"
rss=$(sed -n 's/peak_rss_mb max=\([0-9.]*\).*/\1/p' "$T/tour.out")
# The whole demo, facilitator mode included: its PIN checks hash with Argon2id in 16 MiB.
sed -n '/^size /q;/^shot /d;p' "$T/demo/tour.script" >"$T/full.script"
echo quit >>"$T/full.script"
"$BUILD/bench_exec" 1 "$T/full.trace" $BUILD/pallay --software --size 1280x800 --db "$T/full.db" --trace "$T/full.trace" \
    --script "$T/full.script" >"$T/full.out"
rss_fac=$(sed -n 's/peak_rss_mb max=\([0-9.]*\).*/\1/p' "$T/full.out")

# Draw times, on the home screen and on a slide.
printf 'tap lang:es\ntap go\ntap guest\ntap go\nexpect screen home\nwait 200\nbench-render 300\ntap play:ppe\nexpect slide module=ppe index=1\nbench-render 300\nquit\n' >"$T/render.script"
$K --trace "$T/render.trace" --script "$T/render.script" 2>/dev/null
home=$(sed -n 's/.*bench render screen=home n=300 median_us=\([0-9]*\) p99_us=\([0-9]*\).*/\1 \2/p' "$T/render.trace")
slide=$(sed -n 's/.*bench render screen=player n=300 median_us=\([0-9]*\) p99_us=\([0-9]*\).*/\1 \2/p' "$T/render.trace")

# Touch to commit: a learner answers 100 quiz questions; the kiosk traces, for each answer, the
# time from the touch to the end of its COMMIT (the database is on disk, synchronous=FULL).
first=$("$BUILD/pallayctl" list-modules . | head -1)
id=$(printf '%s' "$first" | cut -f1); slides=$(printf '%s' "$first" | cut -f2); nq=$(printf '%s' "$first" | cut -f3)
{
    printf 'tap lang:es\ntap go\ntap new\ntap go\ntap symbol:llama\ntap go\ntap colour:red\ntap go\ntap ok\nexpect screen home\ntap play:%s\n' "$id"
    i=0; while [ $i -lt "$slides" ]; do echo "tap next"; i=$((i + 1)); done
    n=0
    while [ $n -lt 100 ]; do
        q=0; while [ $q -lt "$nq" ] && [ $n -lt 100 ]; do printf 'tap answer:1\nexpect record answer\ntap next\n'; q=$((q + 1)); n=$((n + 1)); done
        [ $q -eq "$nq" ] && echo "tap again"
    done
    echo quit
} >"$T/commit.script"
$K --db "$T/commit.db" --trace "$T/commit.trace" --script "$T/commit.script" 2>/dev/null
commit=$(sed -n 's/.*record answer .* latency_us=\([0-9]*\).*/\1/p' "$T/commit.trace" | sort -n |
    awk '{ v[NR] = $1 } END { p = int(NR * 0.99 + 0.5); if (p > NR) p = NR; if (p < 1) p = 1; if (NR) printf "%d %d %d", v[int((NR + 1) / 2)], v[p], NR }')

# Idle: the home screen after its spoken prompt has ended, 30 s of nothing.
$K --lang es --trace "$T/idle.trace" 2>/dev/null &
pid=$!
n=0
until grep -q "audio end" "$T/idle.trace" 2>/dev/null; do
    n=$((n + 1))
    [ $n -gt 300 ] && { echo "bench: the kiosk never finished its home prompt" >&2; exit 1; }
    sleep 0.1
done
sleep 1
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
c0=$(ticks "$pid")
sleep 30
c1=$(ticks "$pid")
kill -TERM "$pid"
wait "$pid" || true
pid=
idle=$(awk -v a="$c0" -v b="$c1" -v hz="$hz" 'BEGIN { printf "%.2f", (b - a) / hz / 30 * 100 }')

verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v + 0 < t + 0) ? "ok" : "OVER TARGET" }'; }
echo "first frame:        $ff ms median of 10 (target < 150 ms) $(verdict "$ff" 150)"
echo "peak RSS:           $rss MB over a tour of every slide (target < 40 MB) $(verdict "$rss" 40)"
echo "peak RSS, facilitators: $rss_fac MB over the same tour plus every facilitator screen (Argon2id takes 16 MiB per PIN check)"
echo "idle CPU:           $idle % of one core over 30 s on the sign-in screen (target < 0.5 %) $(verdict "$idle" 0.5)"
set -- $home
echo "draw home screen:   median $(awk -v u="$1" 'BEGIN{printf "%.2f", u/1000}') ms, p99 $(awk -v u="$2" 'BEGIN{printf "%.2f", u/1000}') ms"
set -- $slide
echo "draw slide:         median $(awk -v u="$1" 'BEGIN{printf "%.2f", u/1000}') ms, p99 $(awk -v u="$2" 'BEGIN{printf "%.2f", u/1000}') ms"
set -- $commit
echo "touch to commit:    median $(awk -v u="$1" 'BEGIN{printf "%.2f", u/1000}') ms, p99 $(awk -v u="$2" 'BEGIN{printf "%.2f", u/1000}') ms over $3 answers"

# Records leaving the kiosk: age throughput, and a bundle of 100,000 records.
mkdir -p "$T/sync"
"$BUILD/tests/bench_sync" "$T/sync"

# A short soak under the sanitizers: random touches, holds, keys and letters at a high rate, from
# a learner's first screen and from facilitator mode. The kiosk must come through without a crash
# or a sanitizer report, and the same seed must give the same inputs. (make soak runs ten minutes
# on the release build and checks memory.) PALLAY_SOAK_SEED=N replays a run.
. tests/lib.sh

seed=${PALLAY_SOAK_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
seed=$((seed % 2147483647))
echo "# soak seed $seed (PALLAY_SOAK_SEED=$seed to replay)"

kiosk learner "soak 10000 $seed
quit"
expect_rc "10 s of random input from the first screen: no crash, no sanitizer report (seed $seed)" learner 0
expect_line "the soak ran to its end" "$TMP/learner.trace" " soak done at_ms=1[0-9]{4} events=[0-9]+"
events=$(sed -n 's/.* soak done .*events=\([0-9]*\).*/\1/p' "$TMP/learner.trace")
same "many inputs (at least 50; 500 on an idle machine, fewer when it is loaded)" "$([ "${events:-0}" -ge 50 ] && echo yes || echo "${events:-0} inputs")" yes
# How far a random walk goes in 10 s is chance (a touch on the facilitator's corner leads to the
# PIN screen, and out again only by its back button): it must leave the first screen, and the
# number of kinds it reached is printed.
screens=$(grep -o 'screen [a-z]*' "$TMP/learner.trace" | sort -u | wc -l)
echo "# the soak reached $screens kinds of screen"
same "leaving the first screen (at least 2 kinds)" "$([ "$screens" -ge 2 ] && echo yes || echo "$screens kinds")" yes

pin=$(pin 2580)
kiosk facilitator "expect screen pin
type Rosa
tap ok
$pin
$pin
expect screen facilitator
soak 10000 $seed
quit" --pin_setup 1 --secret_hold 100
expect_rc "10 s of random input in facilitator mode: no crash, no sanitizer report (seed $seed)" facilitator 0
expect_line "that soak ran to its end too" "$TMP/facilitator.trace" " soak done at_ms=1[0-9]{4} "

# The inputs come from the seed alone: the first screens a replay goes through are the same
# (later ones depend on timing: narration, pictures still decoding). The replay is shorter and a
# loaded machine sends fewer inputs in it, so the screens it reached are compared with as many of
# the long run's, and it must have reached at least two.
kiosk replay "soak 3000 $seed
quit"
first() { grep -o 'screen [a-z]*' "$1" | head -"$2" | tr '\n' ' '; }
n=$(grep -o 'screen [a-z]*' "$TMP/replay.trace" | wc -l)
[ "$n" -gt 3 ] && n=3
same "the replay reached a second screen" "$([ "$n" -ge 2 ] && echo yes || echo "$n screens")" yes
same "the same seed drives the same first steps" "$(first "$TMP/replay.trace" "$n")" "$(first "$TMP/learner.trace" "$n")"

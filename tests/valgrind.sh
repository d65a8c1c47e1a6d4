# make valgrind: one full session of the kiosk under valgrind's memcheck: a new kiosk's PIN, a
# woman registered and given equipment, a learner's lesson and quiz, and records handed over on
# a USB stick (in a mount namespace of its own, where a tmpfs stick can appear). Passes with no
# invalid access and no byte definitely or indirectly lost. Slow (minutes): not in make test.
# usage: tests/valgrind.sh BUILD
if [ -z "${PALLAY_VG_NS:-}" ] && unshare -rm true 2>/dev/null; then
    PALLAY_VG_NS=1 exec unshare -rm sh "$0" "$@"
fi
BUILD=${1:-build}
T=$(mktemp -d /tmp/pallay-valgrind.XXXXXX)
trap 'umount -l "$T/media/STICK" 2>/dev/null; rm -rf "$T"' EXIT
mkdir -p "$T/media"
"$BUILD/pallayctl" keygen --out "$T/keys" >/dev/null
echo 0123456789abcdef0123456789abcdef >"$T/machine-id"
mod=$("$BUILD/pallayctl" list-modules . | head -1 | cut -f1)
slides=$("$BUILD/pallayctl" list-modules . | head -1 | cut -f2)
rights=$("$BUILD/pallayctl" list-modules . | head -1 | cut -f4 | tr ',' ' ')
{
    echo "expect screen pin"
    echo "type Rosa Quispe"
    echo "tap ok"
    for i in 1 2; do for d in 2 5 8 0; do echo "tap pin:$d"; done; echo "tap pin:ok"; done
    echo "expect screen facilitator"
    echo "tap workshop"
    echo "tap community:new"
    echo "type Santa Filomena"
    echo "tap ok"
    echo "expect record community"
    echo "tap community:1"
    echo "tap next"
    echo "tap topic:$mod"
    echo "tap open"
    echo "expect record workshop"
    echo "tap register"
    echo "tap symbol:cuy"
    echo "tap colour:green"
    echo "tap consent:no"
    echo "expect record attendance"
    echo "tap back"
    echo "tap equipment"
    echo "tap who:cuy/green"
    echo "tap item:gloves"
    echo "tap size:M"
    echo "tap ok"
    echo "expect record ppe_delivery"
    echo "tap back"
    echo "tap leave"
    echo "expect screen language"
    echo "tap lang:es"
    echo "tap go"
    echo "expect screen who"
    echo "tap guest"
    echo "tap go"
    echo "expect screen home"
    echo "tap play:$mod"
    i=0; while [ $i -lt "$slides" ]; do echo "tap next"; i=$((i + 1)); done
    echo "expect quiz question module=$mod q=1"
    for a in $rights; do echo "tap answer:$a"; echo "expect record answer"; echo "tap next"; done
    echo "expect record attempt_end"
    echo "tap home"
    echo "expect screen home"
    echo "expect sync usb records="
    echo "wait 500"
    echo "quit"
} >"$T/session.script"
# Once the learner is home again, a stick is put in (by this script, below).
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PALLAY_SCRIPT_PATIENCE=120000
# PALLAY_VG= (empty) runs the same session without valgrind, to check the script itself.
VG=${PALLAY_VG-valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=42 --log-file=$T/valgrind.log}
: >"$T/valgrind.log"
$VG "$BUILD/pallay" --db "$T/kiosk.db" --trace "$T/trace" --script "$T/session.script" --size 800x480 --software 1 \
    --usb_roots "$T/media" --machine_id "$T/machine-id" --network_recipient "$(cat "$T/keys/network.pub")" &
pid=$!
n=0
# (home after the quiz's end: the home screen she saw before the quiz does not count)
until sed -n '/record attempt_end/,$p' "$T/trace" 2>/dev/null | grep -q "screen home"; do
    n=$((n + 1)); [ $n -gt 3000 ] && break; sleep 0.1
    kill -0 $pid 2>/dev/null || break
done
mkdir -p "$T/media/STICK" && mount -t tmpfs -o size=4m stick "$T/media/STICK" 2>/dev/null
wait $pid
rc=$?
sed -n 's/.*\(sync usb records=[0-9]* receipt=[A-Z0-9]*\).*/\1/p' "$T/trace"
grep -E "definitely lost|indirectly lost|Invalid|uninitialised" "$T/valgrind.log" | head -20
echo "valgrind: exit $rc ($( [ $rc -eq 0 ] && echo 'no error, no leak' || echo 'errors: see above'))"
[ $rc -eq 0 ]

# A full disk while she answers a quiz: the kiosk's records live on a small tmpfs (in a mount
# namespace of the test's own) that the test fills while the kiosk runs. The answer that cannot
# be saved is said (spoken and shown), everything saved before stays, the kiosk goes on, and once
# there is room again it saves again. USB sticks are the test's signals to the kiosk's script
# (the disk is full; there is room again): the first is told nothing could be sent, the second
# gets every record.
if [ -z "${PALLAY_DISK_NS:-}" ]; then
    if ! unshare -rm true 2>/dev/null; then
        echo "FAIL fulldisk_test: cannot make a mount namespace (unshare -rm): this test mounts a small disk"
        exit 0
    fi
    PALLAY_DISK_NS=1 exec unshare -rm sh "$0" "$@"
fi
. tests/lib.sh

CTL="$(pwd)/$BUILD/pallayctl"
D="$TMP/disk" MEDIA="$TMP/media" DB="$TMP/disk/kiosk.db"
mkdir -p "$D" "$MEDIA"
trap 'umount -l "$MEDIA/SIGNAL" "$MEDIA/FULL" 2>/dev/null; umount -l "$D" 2>/dev/null; rm -rf "$TMP"' EXIT
mount -t tmpfs -o size=3m disk "$D"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PALLAY_MACHINE_ID="$TMP/machine-id"
echo 0123456789abcdef0123456789abcdef >"$PALLAY_MACHINE_ID"
"$CTL" keygen --out "$TMP/keys" >/dev/null
printf '2580\n2580\n' | "$CTL" set-pin "$DB" --name Rosa >/dev/null 2>&1
printf '2580\n' | "$CTL" add-participant "$DB" --sign llama/red --consent no >/dev/null 2>&1
slides=$("$CTL" list-modules . | awk -F'\t' '$1 == "ppe" { print $2 }')
set -- $("$CTL" list-modules . | awk -F'\t' '$1 == "ppe" { print $4 }' | tr ',' ' ')
printf '%s\n' "$(signin_play ppe "$slides")
tap answer:$1
expect record answer
tap next
expect sync usb fault=
tap ok
expect screen quiz
tap answer:$2
expect record answer failed
tap next
expect quiz question module=ppe q=3
expect sync usb records=
tap ok
expect screen quiz
tap answer:$3
expect record answer
tap next
tap answer:$4
expect record answer
tap next
expect record attempt_end
quit" >"$TMP/quiz.script"
"$BUILD/pallay" --db "$DB" --trace "$TMP/quiz.trace" --script "$TMP/quiz.script" --pin_setup 0 --size 800x480 \
    --usb_roots "$MEDIA" --machine_id "$PALLAY_MACHINE_ID" --network_recipient "$(cat "$TMP/keys/network.pub")" \
    >"$TMP/quiz.out" 2>"$TMP/quiz.err" &
kpid=$!
# Her first answer is saved and the kiosk, idle, empties its WAL (so the next save must grow a
# file); then the disk fills up.
wait_for "$TMP/quiz.trace" "record answer .*committed"
n=0
until awk '/record answer .*committed/ { a = 1 } a && /store checkpoint done/ { f = 1 } END { exit !f }' "$TMP/quiz.trace"; do
    n=$((n + 1)); [ $n -gt 600 ] && break; sleep 0.05
done
saved=$(sqlite3 "$DB" "SELECT count(*) FROM answer")
dd if=/dev/zero of="$D/filler" bs=4k 2>/dev/null
# A stick is the signal that the disk is full; with no room to note the handover, nothing is sent.
mkdir -p "$MEDIA/FULL" && mount -t tmpfs -o size=4m full "$MEDIA/FULL"
wait_for "$TMP/quiz.trace" "record answer failed"
umount "$MEDIA/FULL"
# Room again, once she is on the next question: the filler goes, and a stick comes as the signal.
wait_for "$TMP/quiz.trace" "quiz question module=ppe q=3"
rm -f "$D/filler"
mkdir -p "$MEDIA/SIGNAL" && mount -t tmpfs -o size=4m signal "$MEDIA/SIGNAL"
wait "$kpid"
echo $? >"$TMP/quiz.rc"
expect_rc "the kiosk goes on through a full disk to the end of the quiz" quiz 0
expect_line "the answer that could not be saved is said to have failed" "$TMP/quiz.trace" "record answer failed: .*(full|disk)"
expect_line "and she hears that it was not saved" "$TMP/quiz.trace" "key=error.save "
same "what was saved before the disk filled is still there" "$(sqlite3 "$DB" "SELECT count(*) >= $saved FROM answer")" 1
same "once there is room, her next answers are saved (3 of 4: the one on a full disk is lost)" \
    "$(sqlite3 "$DB" "SELECT count(*) FROM answer")" 3
same "and her score" "$(sqlite3 "$DB" "SELECT count(*) FROM attempt_end")" 1
same "the database is sound" "$(sqlite3 "$DB" "PRAGMA integrity_check")" ok
expect_line "with the disk full, a stick is told the records could not be sent" "$TMP/quiz.trace" "sync usb fault=failed"
expect_line "once there is room, the next stick gets the records" "$TMP/quiz.trace" "sync usb records=[0-9]+ receipt="

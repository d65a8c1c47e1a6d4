# Her certificate on the kiosk: the quiz that completes the course (the quiz of every module
# passed) leads to it, spoken, once. A quiz passed while a module is still missing does not, nor
# the same quiz passed again once the course is complete, nor a guest's.
. tests/lib.sh

DB="$TMP/course.db"
q() { sqlite3 "$DB" "$1"; }
"$BUILD/pallayctl" list-modules >"$TMP/modules"
next_n() { i=0; while [ $i -lt "$1" ]; do echo "tap next"; i=$((i + 1)); done; }
# quiz MODULE: her path through MODULE's lesson and quiz, every answer right.
quiz() {
    slides=$(awk -v m="$1" '$1 == m { print $2 }' "$TMP/modules")
    echo "tap play:$1"
    next_n "$slides"
    echo "expect screen quiz"
    for a in $(awk -v m="$1" '$1 == m { gsub(",", " ", $4); print $4 }' "$TMP/modules"); do
        printf 'tap answer:%s\nexpect record answer\ntap next\n' "$a"
    done
    echo "expect quiz score module=$1"
}
back=$(signin_mine)
first=$(head -1 "$TMP/modules" | cut -f1)
last=$(tail -1 "$TMP/modules" | cut -f1)

# She takes her sign, then passes the first module's quiz: the course is not complete.
kiosk one "tap lang:es
tap lang:es
tap new
tap go
tap symbol:llama
tap symbol:llama
tap colour:red
tap colour:red
tap ok
expect screen home
$(quiz "$first")
tap done
expect screen home
quit" --db "$DB"
expect_rc "a quiz passed with modules still to go" one 0
expect_no_line "leads to no certificate" "$TMP/one.trace" "screen course|course done"
expect_line "the quiz ends as always, its done button back to her lessons" "$TMP/one.trace" "tap done"

# Every other module but the last passed (as the kiosk writes them); then the last, on the kiosk.
learner=$(q "SELECT id FROM learner")
n=0
for m in $(cut -f1 "$TMP/modules" | sed '1d;$d'); do
    n=$((n + 1))
    q "INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-0000000a000$n', (SELECT id FROM kiosk),
           (SELECT max(seq) FROM record) + 1, 'attempt', strftime('%s', 'now'), 1;
       INSERT INTO attempt SELECT '00000000-0000-4000-8000-0000000a000$n', '$learner', '$m', 'v1', 4, 3;
       INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-0000000e000$n', (SELECT id FROM kiosk),
           (SELECT max(seq) FROM record) + 1, 'attempt_end', strftime('%s', 'now'), 1;
       INSERT INTO attempt_end SELECT '00000000-0000-4000-8000-0000000e000$n', '00000000-0000-4000-8000-0000000a000$n', 4, 4, 1"
done
same "every module but the last passed before her last quiz" "$(q "SELECT count(DISTINCT module) FROM attempt a JOIN attempt_end e ON e.attempt_id = a.id WHERE e.passed")" \
    "$(($(wc -l <"$TMP/modules") - 1))"
kiosk two "$back
$(quiz "$last")
expect key=quiz.pass
tap next
expect screen course
expect key=course.done
shot $TMP/course.png
tap repeat
expect key=course.done
tap home
expect screen home
quit" --db "$DB"
expect_rc "the quiz that completes the course" two 0
expect_seq "leads, once it is saved and spoken, to her certificate, spoken" "$TMP/two.trace" \
    "record attempt_end .* module=$last .*passed=1 committed" "key=quiz.pass" "tap next" "course done learner=$learner" "screen course" "key=course.done"
expect_seq "whose house goes back to her lessons" "$TMP/two.trace" "screen course" "tap home" "screen home"
same "the certificate is drawn" "$([ -s "$TMP/course.png" ] && echo yes)" yes
[ -z "${PALLAY_SHOTS:-}" ] || cp "$TMP/course.png" "$PALLAY_SHOTS/"

# The facilitator's menu: the women who finished the course since the latest workshop closed,
# by their signs; none once a workshop has closed since (she was congratulated there).
printf '2580\n2580\n' | "$BUILD/pallayctl" set-pin "$DB" --name "Rosa Quispe" >/dev/null 2>&1
fac="hold facilitator
$(pin 2580)
expect screen facilitator
tap certs
expect screen certs"
kiosk certs "$fac
expect key=fac.certs.who
shot $TMP/certs.png
tap who:llama/red
expect key=sign.llama
expect key=colour.red
tap back
expect screen facilitator
quit" --db "$DB" --secret_hold 100
expect_rc "the facilitator opens who finished the course" certs 0
expect_seq "one woman, spoken, her sign heard at a touch" "$TMP/certs.trace" "certs women=1" "screen certs" "key=fac.certs.who" \
    "tap who:llama/red" "key=sign.llama" "key=colour.red"
[ -z "${PALLAY_SHOTS:-}" ] || cp "$TMP/certs.png" "$PALLAY_SHOTS/"
printf '2580\n' | "$BUILD/pallayctl" open-workshop "$DB" --community "Santa Filomena" --modules ppe >/dev/null 2>&1
printf '2580\n' | "$BUILD/pallayctl" close-workshop "$DB" >/dev/null 2>&1
same "a workshop opened and closed since" "$(q "SELECT count(*) FROM workshop_close")" 1
kiosk nocerts "$fac
expect key=fac.certs.none
quit" --db "$DB" --secret_hold 100
expect_rc "after the workshop" nocerts 0
expect_line "nobody has finished since" "$TMP/nocerts.trace" "certs women=0"

# The same module passed again, the course complete already: no second celebration. Then her
# first quiz voided (a facilitator's correction): the course is incomplete again, and passing it
# anew completes it once more, the certificate reached this time by the house on the score.
kiosk three "$back
$(quiz "$last")
expect key=quiz.pass
tap done
expect screen home
quit" --db "$DB"
expect_rc "a quiz passed again" three 0
expect_no_line "leads to no second certificate" "$TMP/three.trace" "screen course|course done"
end=$(q "SELECT e.id FROM attempt_end e JOIN attempt a ON a.id = e.attempt_id WHERE a.module = '$first'")
q "INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-0000000f0001', (SELECT id FROM kiosk),
       (SELECT max(seq) FROM record) + 1, 'void', strftime('%s', 'now'), 1;
   INSERT INTO void (id, target_id, reason) VALUES ('00000000-0000-4000-8000-0000000f0001', '$end', 'test')"
same "her first module's quiz is voided" "$(q "SELECT count(*) FROM void WHERE target_id = '$end'")" 1
kiosk four "$back
$(quiz "$first")
expect key=quiz.pass
tap home
expect screen course
tap home
expect screen home
quit" --db "$DB"
expect_rc "the course complete again" four 0
expect_seq "the house on the score leads to her certificate too" "$TMP/four.trace" "quiz score module=$first" "tap home" "course done" "screen course" "key=course.done"
kiosk again "$fac
expect key=fac.certs.who
quit" --db "$DB" --secret_hold 100
expect_rc "the facilitator looks again" again 0
expect_line "she is there again, having finished it anew after the workshop" "$TMP/again.trace" "certs women=1"

# A guest passes the last module: nothing is hers to celebrate.
kiosk guest "tap lang:es
tap lang:es
tap guest
tap guest
expect screen home
$(quiz "$last")
tap done
expect screen home
quit" --db "$DB"
expect_rc "a guest's quiz" guest 0
expect_no_line "leads to no certificate" "$TMP/guest.trace" "screen course|course done"

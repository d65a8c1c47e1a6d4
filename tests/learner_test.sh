# A learner's whole visit, scripted: she takes a new sign, goes through both sample modules and
# their quizzes (one passed at once, one failed and then passed on a retry), and the trace, the
# database and `pallayctl stats` must tell the same story. Then she comes back by her sign.
. tests/lib.sh

DB="$TMP/learner.db"
next_n() { i=0; while [ $i -lt "$1" ]; do echo "tap next"; i=$((i + 1)); done; }
# answer Q CHOICE...: answers each question in turn, going on after the feedback.
answers() { for a in "$@"; do printf 'tap answer:%s\nexpect record answer\ntap next\n' "$a"; done; }

kiosk visit "tap lang:es
tap lang:es
expect screen who lang=es
tap new
tap go
expect screen sign
tap symbol:llama
expect key=sign.llama
tap symbol:llama
tap colour:red
expect key=colour.red
tap colour:red
expect key=sign.welcome
tap ok
expect screen home
tap play:ppe
$(next_n 10)
expect screen quiz
tap hear:1
tap hear:1
tap hear:3
tap repeat
tap answer:2
expect key=ppe.q.head.why
tap next
$(answers 1 2 3)
expect quiz score module=ppe
tap home
expect screen home
tap play:lift
$(next_n "$(grep -c "^slide" assets/modules/20-lift.module)")
$(answers 2 1 2)
expect quiz score module=lift
expect key=quiz.fail
shot $TMP/score.png
tap again
$(answers 1 2 2)
expect quiz score module=lift
tap home
expect screen home
tap signout
expect screen language
quit" --db "$DB"
expect_rc "the scripted visit ends cleanly" visit 0
T="$TMP/visit.trace"
expect_seq "she takes a new sign and is signed in with it" "$T" "tap new" "screen sign" "tap symbol:llama" \
    "audio start .*key=sign.llama" "tap colour:red" "audio start .*key=sign.llama" "audio end" "audio start .*key=colour.red" \
    "record learner id=.* sign=llama/red committed" "signin learner=.* sign=llama/red" "screen home"
expect_line "a right answer sounds right" "$T" "effect right"
expect_line "a wrong answer sounds wrong" "$T" "effect wrong"
expect_seq "after an answer she hears whether it was right, then why" "$T" "tap answer:2" "record answer .* q=1 choice=2 correct=1" \
    "key=quiz.right" "audio end" "key=ppe.q.head.why"
expect_line "ppe is passed with all four right" "$T" "quiz score module=ppe score=4 of=4 stars=3 passed=1"
expect_line "lift is failed first with one of three" "$T" "quiz score module=lift score=1 of=3 stars=1 passed=0"
expect_line "lift is passed on the retry" "$T" "quiz score module=lift score=3 of=3 stars=3 passed=1"
expect_seq "the score is spoken as stars, then pass or fail" "$T" "quiz score module=lift score=1" "key=quiz.stars.1" "key=quiz.fail"
expect_line "signing out is traced" "$T" "signout reason=button"
# The screen line comes once the screen has read what it shows.
expect_seq "the home screen reads her progress again when she comes back from each quiz" "$T" \
    "progress learner=.* passed=0" "quiz score module=ppe" "progress learner=.* passed=1" "screen home" \
    "quiz score module=lift score=3" "progress learner=.* passed=2" "screen home"

q() { sqlite3 "$DB" "$1" 2>&1; }
# same NAME GOT WANT
learner=$(sed -n 's/.*signin learner=\([0-9a-f-]*\) .*/\1/p' "$T" | head -1)
same "the database has her, with her sign" "$(q "SELECT id || ' ' || symbol || '/' || colour FROM learner")" "$learner llama/red"
same "three quizzes were started, all hers" "$(q "SELECT count(*) FROM attempt WHERE learner_id = '$learner'")" 3
same "three quizzes ended, two passed" "$(q "SELECT count(*) || ' ' || sum(passed) FROM attempt_end")" "3 2"
same "the scores are kept in order" "$(q "SELECT group_concat(score || '/' || total, ' ') FROM (SELECT x.score, x.total FROM attempt_end x JOIN record r ON r.id = x.id ORDER BY r.seq)")" "4/4 1/3 3/3"
same "ten answers, eight right" "$(q "SELECT count(*) || ' ' || sum(correct) FROM answer")" "10 8"
same "listening again is counted per answer and for the question" \
    "$(q "SELECT answer_listens || ' ' || question_listens FROM answer a JOIN attempt t ON t.id = a.attempt_id WHERE t.module = 'ppe' AND a.question = 1")" "2,0,1 1"
same "she opened and finished both modules" "$(q "SELECT (SELECT count(*) FROM module_open) || ' ' || (SELECT count(*) FROM completion)")" "2 2"
same "every record is this kiosk's, numbered 1..n" "$(q "SELECT count(*) = max(seq) AND min(seq) = 1 AND count(DISTINCT kiosk_id) = 1 AND kiosk_id = (SELECT id FROM kiosk) FROM record")" 1
same "the content version of each quiz is kept" "$(q "SELECT count(DISTINCT version) FROM attempt")" 2
same "the clock was trusted" "$(q "SELECT min(clock_ok) FROM record")" 1

# Every answer the trace reported as saved is in the database, and no other.
sed -n 's/.*record answer id=\([0-9a-f-]*\) .*committed.*/\1/p' "$T" | sort >"$TMP/traced"
q "SELECT id FROM answer" | sort >"$TMP/stored"
if [ -s "$TMP/traced" ] && cmp -s "$TMP/traced" "$TMP/stored"; then pass "the trace and the database list the same answers"
else fail "the trace and the database list the same answers" "expected $(wc -l <"$TMP/traced") traced ids, got $(wc -l <"$TMP/stored") stored; diff: $(diff "$TMP/traced" "$TMP/stored" | head -3 | tr '\n' ' ')"; fi

# pallayctl stats tells the same.
"$BUILD/pallayctl" stats "$DB" >"$TMP/stats.txt" 2>&1
echo $? >"$TMP/stats.rc"
expect_rc "pallayctl stats runs" stats 0
expect_line "stats: ppe started, completed and passed by one, one quiz at 100%" "$TMP/stats.txt" "^ppe +1 +1 +1 +1 +100%$"
expect_line "stats: lift passed by one after two quizzes, averaging 67%" "$TMP/stats.txt" "^lift +1 +1 +1 +2 +67%$"
short=$(printf '%s' "$learner" | cut -c1-8)
expect_line "stats: her lift row" "$TMP/stats.txt" "^$short +llama/red +lift +1 +1 +2 +1 +3/3$"
expect_line "stats: her ppe row" "$TMP/stats.txt" "^$short +llama/red +ppe +1 +1 +1 +1 +4/4$"
"$BUILD/pallayctl" stats "$DB" --csv >"$TMP/stats.csv"
expect_line "stats --csv: the module rows" "$TMP/stats.csv" "^lift,1,1,1,2,66\.7$"
expect_line "stats --csv: her rows with her full id" "$TMP/stats.csv" "^$learner,llama/red,ppe,1,1,1,1,4/4$"
"$BUILD/pallayctl" stats "$TMP/nothing.db" >"$TMP/nostats.out" 2>"$TMP/nostats.err"
echo $? >"$TMP/nostats.rc"
expect_rc "stats on a missing database fails" nostats 1
expect_line "and names the file" "$TMP/nostats.err" "nothing.db: no such database"

# She comes back: her sign finds her, and the home screen shows what she has done.
kiosk back "tap lang:es
tap lang:es
tap mine
tap mine
tap symbol:llama
tap symbol:llama
expect screen sign
tap colour:red
tap colour:red
expect screen home
shot $TMP/back.png
tap me
expect key=colour.red
quit" --db "$DB"
expect_rc "coming back ends cleanly" back 0
expect_line "her sign finds the same learner" "$TMP/back.trace" "signin learner=$learner sign=llama/red"
expect_line "she is greeted" "$TMP/back.trace" "key=sign.hello"
expect_no_line "coming back adds no learner" "$TMP/back.trace" "record learner"
same "still one learner in the database" "$(q "SELECT count(*) FROM learner")" 1

# Signs already taken are not offered to a new learner; only taken ones to someone coming back.
kiosk taken "tap lang:es
tap lang:es
tap new
tap new
tap symbol:llama
tap symbol:llama
tap colour:red
quit" --db "$DB"
expect_rc "a taken sign is not offered to a new learner" taken 2
expect_line "the script fails at the taken colour" "$TMP/taken.err" "no button \"colour:red\""
kiosk nobody "tap lang:es
tap lang:es
tap mine
tap mine
expect key=sign.nobody
quit"
expect_rc "on a kiosk with no learner, 'I have my sign' says so" nobody 0

# Nobody touches the kiosk: she is signed out by herself, back to the first screen.
kiosk idle "tap lang:es
tap lang:es
tap guest
tap guest
expect screen home
expect signout reason=idle
expect screen language
quit" --signout 1 --db "$DB"
expect_rc "an idle session ends by itself" idle 0
expect_seq "the guest is signed out after the idle time" "$TMP/idle.trace" "signin guest" "screen home" "signout reason=idle" "screen language"

# The disk fills up in the middle of a quiz (here a file-size limit: writes past 32 KB fail, as
# on a full card). The kiosk says so, shown and spoken, keeps teaching, and what was saved stays.
learners_before=$(q "SELECT count(*) FROM record")
(
    trap '' XFSZ
    ulimit -f 64
    kiosk full "tap lang:es
tap lang:es
tap mine
tap go
tap symbol:llama
tap go
tap colour:red
tap go
expect screen home
tap play:ppe
$(next_n 10)
$(printf 'tap answer:1\ntap next\n%.0s' 1 2 3 4)
expect quiz score module=ppe
shot $TMP/full.png
quit" --db "$DB"
)
expect_rc "a full disk does not stop the quiz" full 0
expect_line "a record that cannot be written is traced as failed" "$TMP/full.trace" "record [a-z_]+ failed: .*learner.db"
expect_seq "she hears at once that it was not saved" "$TMP/full.trace" "record [a-z_]+ failed" "audio start .*key=error.save"
expect_line "stderr names the file and the reason in one line" "$TMP/full.err" "not saved: .*learner.db: "
same "the database is still sound" "$(q "PRAGMA integrity_check")" ok
same "nothing saved before is lost" "$(q "SELECT count(*) >= $learners_before FROM record")" 1

# On a keyboard, Escape on the home screen signs out like the door does: nobody is left signed in.
kiosk escape "tap lang:es
tap lang:es
tap guest
tap guest
expect screen home
key Escape
expect screen language
quit" --db "$DB"
expect_seq "Escape on the home screen signs out" "$TMP/escape.trace" "signin guest" "key Escape" "tap signout via=key" "signout reason=button" "screen language"

# Tell us: a woman's private report to her network. The microphone is SDL's disk audio driver
# reading a known sound, as for the community voice recorder. After she sends it, nothing in
# the kiosk's data folder holds her voice in clear; the stock age opens what the bundle carries
# and it is her recording; it merges with its category and anonymity intact. Harassment or
# violence says the help contacts first, in both languages. Facilitators see a count only.
. tests/lib.sh

DATA="$TMP/data"        # the kiosk's data folder: its database and nothing else of ours
mkdir -p "$DATA"
DB="$DATA/pallay.db"
"$BUILD/pallayctl" keygen --out "$TMP/keys" >/dev/null
RCPT=$(grep age1 "$TMP/keys/network.pub" | tail -1)
# The "microphone": four seconds of a 440 Hz tone under a little noise, so that its bytes are
# found nowhere by chance, 16-bit mono at the kiosk's 22050 Hz.
RAW="-r 22050 -c 1 -b 16 -e signed-integer -t raw"
sox -n $RAW "$TMP/tone.raw" synth 4 sine 440 vol 0.5
sox -n $RAW "$TMP/noise.raw" synth 4 whitenoise vol 0.01
sox -m $RAW "$TMP/tone.raw" $RAW "$TMP/noise.raw" $RAW "$TMP/mic.raw"
printf '2580\n2580\n' | "$BUILD/pallayctl" set-pin "$DB" --name Rosa >/dev/null
printf '2580\n' | "$BUILD/pallayctl" add-participant "$DB" --sign llama/red --consent no --community "Santa Filomena" >/dev/null
printf '2580\n' | "$BUILD/pallayctl" open-workshop "$DB" --community "Chaparra" >/dev/null
learner=$(sqlite3 "$DB" "SELECT id FROM learner")
home_community=$(sqlite3 "$DB" "SELECT c.id FROM community c WHERE c.name = 'Santa Filomena'")
kiosk_community=$(sqlite3 "$DB" "SELECT c.id FROM community c WHERE c.name = 'Chaparra'")

# tell NAME SCRIPT [DELAY]: the kiosk on the script, with the disk microphone. DELAY 0 lets
# the disk driver run as fast as it can: every sound plays at once, and a recording fills its
# whole minute at once (the tone, then silence), so the script waits on trace lines only.
tell() {
    printf '%s\n' "$2" >"$TMP/$1.script"
    env ${3:+SDL_DISKAUDIODELAY=$3} SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILEIN="$TMP/mic.raw" SDL_DISKAUDIOFILE=/dev/null \
        timeout -k 5 120 "$BUILD/pallay" --db "$DB" --pin_setup 0 --secret_hold 100 \
        --network_recipient "$RCPT" --trace "$TMP/$1.trace" --script "$TMP/$1.script" >/dev/null 2>"$TMP/$1.err"
    echo $? >"$TMP/$1.rc"
}
signin=$(signin_mine)
guest='tap lang:es
tap lang:es
tap guest
tap guest
expect screen home'
q() { sqlite3 "$DB" "$1"; }

# 1. Signed in, about dust: she records 1.5 s, stops, hears it, sends it with her sign.
tell sign "$signin
tap tell
expect tell.tile
tap tell
expect screen tellus
tap cat:dust
expect tell.cat.dust
tap cat:dust
expect tellus step=ready
tap record
expect capture start category=dust
wait 1500
tap stop
expect tellus step=take
tap listen
expect key=take
tap send
expect tellus step=who
tap who:sign
expect tell.who.sign
tap who:sign
expect tellus sent
quit"
expect_rc "a report with her sign is sent and the kiosk goes on" sign 0
expect_seq "she chooses, records, hears it back from memory, and sends it" "$TMP/sign.trace" \
    "tellus category=dust" "capture start category=dust" "capture stop samples=[0-9]+" "audio start memory key=take" \
    "tellus sent category=dust anonymous=0 seconds=[0-9]+ sealed=[0-9]+" "tellus step=sent" "tell.sent"
samples=$(sed -n 's/.*capture stop samples=\([0-9]*\).*/\1/p' "$TMP/sign.trace")
if [ "${samples:-0}" -ge 22050 ] && [ "$samples" -le 66150 ]; then pass "about 1.5 s were recorded"; else fail "about 1.5 s were recorded" "expected 1 to 3 s of samples, got '$samples'"; fi
same "it waits with her id, her community and its category" "$(q "SELECT category, learner_id = '$learner', community_id = '$home_community' FROM voice_outbox")" "dust|1|1"

# 2. A guest, about violence: the help contacts are said first, in Spanish then Quechua, before
#    anything else; a full minute stops by itself; a guest's report is always anonymous.
tell guest "$guest
tap tell
tap tell
expect screen tellus
tap cat:violence
tap cat:violence
expect tellus step=help
expect help-es.wav
expect help-quy.wav
tap next
expect tellus step=ready
tap record
expect capture stop samples=1323000
expect tellus step=take
tap send
expect tellus sent
quit" 0
expect_rc "a guest's report is sent" guest 0
expect_seq "violence: the help contacts first, in both languages, then the recording" "$TMP/guest.trace" \
    "tellus category=violence" "tellus step=help" "audio start .*/es/tell\.help\.ogg" "audio start .*/help-es\.wav" \
    "audio start .*/quy/tell\.help\.ogg" "audio start .*/help-quy\.wav" "tellus step=ready" "capture start" \
    "capture stop samples=1323000" "tellus sent category=violence anonymous=1 seconds=60"
expect_no_line "nothing is recorded before the help contacts are said" \
    "$(sed -n '1,/help-quy\.wav/p' "$TMP/guest.trace" >"$TMP/before.txt"; echo "$TMP/before.txt")" "capture start"
same "it waits with no name and the kiosk's place" "$(q "SELECT category, learner_id IS NULL, community_id = '$kiosk_community', seconds FROM voice_outbox WHERE n = 2")" \
    "violence|1|1|60"

# 3. Signed in, she chooses no name; 4. she throws a recording away: nothing is kept.
tell anon "$signin
tap tell
tap tell
tap cat:idea
tap ok
expect tellus step=ready
tap record
expect capture stop samples=1323000
tap send
expect tellus step=who
tap who:none
expect tell.who.anon
tap send
expect tellus sent
tap home
expect screen home
tap tell
tap tell
tap cat:other
tap cat:other
tap record
expect capture stop samples=1323000
tap trash
expect tellus thrown
expect screen home
quit" 0
expect_rc "an anonymous report and a thrown one" anon 0
same "signed in, with no name, it keeps none" "$(q "SELECT category, learner_id IS NULL FROM voice_outbox WHERE n = 3")" "idea|1"
same "the one thrown away is not kept" "$(q "SELECT count(*) FROM voice_outbox")" "3"

# Nothing in the kiosk's data folder holds her voice in clear: no OGG page, no run of the
# microphone's samples; the database holds only what age sealed.
python3 - "$DATA" "$TMP/mic.raw" >"$TMP/scan.txt" <<'EOF'
import os, sys
data, mic = sys.argv[1], open(sys.argv[2], "rb").read()
probes = [mic[i:i + 64] for i in range(4096, len(mic) - 64, 20011)]
for root, _, files in os.walk(data):
    for f in files:
        b = open(os.path.join(root, f), "rb").read()
        if b.find(b"OggS") >= 0: print("ogg", f)
        if any(b.find(p) >= 0 for p in probes): print("pcm", f)
EOF
same "no file of the kiosk holds an OGG page or her samples ($(ls "$DATA" | tr '\n' ' '))" "$(cat "$TMP/scan.txt")" ""
same "each waiting report is an age file" "$(q "SELECT count(*) FROM voice_outbox WHERE substr(sealed, 1, 21) = CAST('age-encryption.org/v1' AS BLOB)")" "3"

# Facilitators see how many wait, and nothing else: no screen of theirs plays any of them.
tell fac "hold facilitator
$(pin 2580)
expect screen facilitator
tap summary
expect summary voices waiting=3
tap back
tap send
tap back
tap certs
tap back
quit" 0
expect_rc "the facilitator's session" fac 0
expect_line "the summary counts the reports waiting" "$TMP/fac.trace" "summary voices waiting=3"
expect_no_line "facilitator mode plays no report" "$TMP/fac.trace" "audio start memory|screen tellus"

# They leave in the next bundle; the handover, verified, deletes their audio from the kiosk.
"$BUILD/pallayctl" export "$DB" --out "$TMP/out" --recipient "$RCPT" >"$TMP/export.out" 2>&1
bundle=$(grep '\.age$' "$TMP/export.out")
same "each became a record as the bundle was made" "$(q "SELECT count(*) FROM voice_report; SELECT count(*) FROM voice_outbox")" "3
0"
same "the handover deleted the sealed audio it carried" "$(q "SELECT count(*) FROM voice_audio")" "0"
# The stock age opens the bundle, and in it the report: her recording.
age -d -i "$TMP/keys/network.key" -o "$TMP/bundle.db" "$bundle" 2>"$TMP/age.err"
same "the stock age opens the bundle" "$?" "0"
sqlite3 "$TMP/bundle.db" "SELECT writefile('$TMP/dust.age', a.sealed) FROM voice_audio a JOIN voice_report r ON r.id = a.id WHERE r.category = 'dust'" >/dev/null
age -d -i "$TMP/keys/network.key" -o "$TMP/dust.ogg" "$TMP/dust.age" 2>>"$TMP/age.err"
same "and the report it carries" "$?" "0"
same "which is an OGG recording" "$(head -c 4 "$TMP/dust.ogg")" "OggS"
freq=$(sox "$TMP/dust.ogg" -n stat 2>&1 | sed -n 's/Rough *frequency: *\([0-9]*\)/\1/p')
if [ "${freq:-0}" -ge 400 ] && [ "$freq" -le 480 ]; then pass "it is what the microphone heard (440 Hz)"; else fail "it is what the microphone heard (440 Hz)" "expected about 440 Hz, got '$freq'"; fi
len=$(soxi -D "$TMP/dust.ogg" 2>/dev/null | cut -d. -f1)
same "and as long as she spoke" "$len" "1"

# At the network: each report with its category, kiosk, community, day and sign or none.
"$BUILD/pallayctl" merge "$TMP/net.db" "$TMP/out" --identity "$TMP/keys/network.key" >"$TMP/merge.out" 2>&1
same "the network keeps them as they were sent" \
    "$(sqlite3 "$TMP/net.db" "SELECT v.category, v.learner_id IS NULL, c.name, r.kiosk_id = (SELECT id FROM net_kiosk LIMIT 1), v.day > 0 FROM voice_report v JOIN record r ON r.id = v.id LEFT JOIN community c ON c.id = v.community_id ORDER BY r.seq")" \
    "dust|0|Santa Filomena|1|1
violence|1|Chaparra|1|1
idea|1|Chaparra|1|1"

# A report that cannot be kept (here the database refuses it, as a full disk would): she hears
# and sees that it was not saved, her recording stays to send again or hear, nothing half-kept,
# and the kiosk goes on.
sqlite3 "$DB" "CREATE TRIGGER refuse BEFORE INSERT ON voice_outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;"
tell refused "$guest
tap tell
tap tell
tap cat:dust
tap ok
tap record
expect capture stop samples=1323000
tap send
expect record report failed
expect tellus step=take
tap listen
expect audio start memory key=take samples=
tap trash
expect screen home
quit" 0
expect_rc "a report the database refuses leaves the kiosk going" refused 0
expect_seq "it is said, and she is back at her recording, which still plays" "$TMP/refused.trace" \
    "tellus step=sealing" "record report failed: .*full" "tellus step=take" "audio start .*error\.save" "audio start memory key=take samples=[0-9]+"
expect_no_line "nothing says it was sent" "$TMP/refused.trace" "tellus sent"
same "nothing of it is kept" "$(q "SELECT count(*) FROM voice_outbox")" "0"

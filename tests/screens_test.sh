# Every screen at every size the kiosk must serve (800x480, 1024x600, 1920x1080): a tour through
# each facilitator screen and step (a new kiosk's PIN, the menu, equipment with nobody registered,
# a workshop opened, a woman registered with her name and year, equipment handed out, the summary
# and a void, the voice recorder, sending records with no USB stick in) and each learner screen (language, who, her sign, home, a
# lesson, its quiz and score, home with her progress). The kiosk checks every layout it makes
# (buttons on the screen, none under 12 mm on the 10" panel, none on top of another) and traces
# "layout problem" for any that fails: there must be none. With SHOTS=DIR the tour also saves a
# screenshot of every step there, for people to look at.
. tests/lib.sh

modules=$("$BUILD/pallayctl" list-modules .)
first=$(printf '%s\n' "$modules" | head -1)
mod=$(printf '%s' "$first" | cut -f1)
nslides=$(printf '%s' "$first" | cut -f2)
rights=$(printf '%s' "$first" | cut -f4)

shot() { [ -n "${SHOTS:-}" ] && echo "shot $SHOTS/$tag-$1.png"; return 0; }

# The facilitator's screens, on a new kiosk.
facilitator_tour() {
    tag=$1
    echo "expect screen pin"
    shot fac-00-name
    echo "type Rosa Quispe"
    echo "tap ok"
    for d in 2 5 8 0; do echo "tap pin:$d"; done
    shot fac-01-pin
    echo "tap pin:ok"
    for d in 2 5 8 0; do echo "tap pin:$d"; done
    echo "tap pin:ok"
    echo "expect screen facilitator"
    shot fac-02-menu
    echo "tap equipment"
    echo "expect screen equipment"
    shot fac-03-equipment-nobody
    echo "tap register"
    echo "expect screen register"
    echo "tap back"
    echo "expect screen equipment"
    echo "tap back"
    echo "tap workshop"
    echo "expect screen workshop"
    shot fac-04-communities-none
    echo "tap community:new"
    echo "type Santa Filomena"
    shot fac-05-community-new
    echo "tap ok"
    echo "expect record community"
    echo "tap community:1"
    shot fac-06-communities
    echo "tap next"
    echo "tap topic:$mod"
    shot fac-07-topics
    echo "tap open"
    echo "expect record workshop"
    shot fac-08-present-nobody
    echo "tap register"
    echo "expect screen register"
    shot fac-09-register-symbol
    echo "tap symbol:cuy"
    shot fac-10-register-colour
    echo "tap colour:green"
    shot fac-11-consent
    echo "tap consent:yes"
    echo "tap kb:shift"
    shot fac-12-name-shift
    echo "tap kb:s"
    echo "type isa Ñahui"
    echo "tap kb:del"
    echo "tap kb:space"
    shot fac-12-name
    echo "tap ok"
    for d in 1 9 9 0; do echo "tap year:$d"; done
    shot fac-13-year
    echo "tap ok"
    echo "expect record participant"
    echo "expect record attendance"
    shot fac-14-present
    echo "tap back"
    echo "tap equipment"
    echo "expect screen equipment"
    shot fac-15-equipment-who
    echo "tap who:cuy/green"
    shot fac-16-items
    echo "tap item:gloves"
    echo "tap more"
    echo "tap size:M"
    shot fac-17-amount
    echo "tap ok"
    echo "expect record ppe_delivery"
    echo "tap who:cuy/green"
    echo "tap item:boots"
    echo "tap size:37"
    echo "tap ok"
    echo "expect record ppe_delivery"
    echo "tap back"
    echo "tap summary"
    echo "expect screen summary"
    shot fac-18-summary
    echo "tap void:1"
    shot fac-19-void-reason
    echo "tap reason:3"
    echo "expect record void"
    shot fac-20-summary-voided
    echo "tap back"
    echo "tap recorder"
    echo "expect screen recorder"
    shot fac-21-recorder
    echo "tap reclang:quy"
    echo "expect key=lang.name lang=quy"
    echo "tap module:$mod"
    shot fac-21-recorder-item
    echo "tap next"
    echo "tap record"
    echo "expect capture start"
    echo "wait 400"
    echo "tap stop"
    echo "expect capture stop"
    echo "tap back"
    echo "tap back"
    echo "expect screen facilitator"
    echo "tap send"
    echo "expect screen send"
    echo "expect key=fac.send.plug"
    shot fac-22-send-nostick
    echo "tap back"
    echo "expect screen facilitator"
    echo "tap quit"
    shot fac-23-quit-ask
    echo "tap leave"
    echo "expect screen language"
    echo "quit"
}

# The learner's screens, on the same kiosk; then the facilitator comes back.
learner_tour() {
    tag=$1
    echo "expect screen language"
    # A learner who speaks Quechua: after her, the facilitator's screens stay in Spanish.
    echo "tap lang:quy"
    shot 00-language
    echo "tap go"
    echo "expect screen who"
    shot 01-who
    echo "tap new"
    echo "tap go"
    echo "expect screen sign"
    shot 02-sign-symbols
    echo "tap symbol:llama"
    echo "tap symbol:llama"
    shot 03-sign-colours
    echo "tap colour:red"
    echo "tap colour:red"
    shot 04-sign-confirm
    echo "tap ok"
    echo "expect screen home"
    shot 05-home
    echo "tap tile:$mod"
    echo "tap play:$mod"
    i=1
    while [ "$i" -le "$nslides" ]; do
        echo "expect slide module=$mod index=$i "
        [ "$i" -le 2 ] && shot "06-slide-$i"
        echo "tap next"
        i=$((i + 1))
    done
    # The quiz traces its first question while it loads, before its screen line.
    q=1
    for right in $(printf '%s' "$rights" | tr ',' ' '); do
        echo "expect quiz question module=$mod q=$q "
        [ "$q" -eq 1 ] && shot 07-quiz
        echo "tap answer:$right"
        echo "expect record answer"
        [ "$q" -eq 1 ] && shot 08-quiz-feedback
        echo "tap next"
        q=$((q + 1))
    done
    echo "expect quiz score module=$mod"
    shot 09-score
    echo "tap done"
    echo "expect screen home"
    shot 10-home-progress
    echo "tap signout"
    echo "expect screen language"
    # Back to the facilitator: her menu speaks her language, not the last learner's.
    echo "hold facilitator"
    echo "expect screen pin lang=es"
    for d in 2 5 8 0; do echo "tap pin:$d"; done
    echo "tap pin:ok"
    echo "expect screen facilitator lang=es"
    echo "tap leave"
    echo "expect screen language"
    echo "quit"
}

# The network's key, so that records can leave (without it Send records says they cannot).
"$BUILD/pallayctl" keygen --out "$TMP/keys" >/dev/null 2>&1
NET=$(cat "$TMP/keys/network.pub")
for size in 800x480 1024x600 1920x1080; do
    kiosk "fac-$size" "$(facilitator_tour "$size")" --size "$size" --pin_setup 1 --recordings "$TMP/voice-$size" --network_recipient "$NET"
    kiosk "learn-$size" "$(learner_tour "$size")" --size "$size" --secret_hold 100 --db "$TMP/fac-$size.db"
    expect_rc "$size: the tour through every facilitator screen ends" "fac-$size" 0
    expect_rc "$size: the tour through every learner screen ends" "learn-$size" 0
    T="$TMP/tour-$size.trace"
    cat "$TMP/fac-$size.trace" "$TMP/learn-$size.trace" >"$T"
    expect_no_line "$size: no button is off screen, under 12 mm or on another" "$T" "layout problem"
    expect_no_line "$size: no text is cut or has a word broken in two" "$T" "text cut"
    expect_seq "$size: equipment with nobody registered offers to register one" "$T" "screen equipment" "key=fac.who.none" \
        "tap register" "screen register"
    expect_seq "$size: the recorder says which language it records, and records in it" "$T" "tap reclang:quy" \
        "key=lang.name lang=quy" "capture start key=[^ ]* lang=quy"
    expect_seq "$size: the score screen's bottom-right button is done, and goes home" "$T" "quiz score" "tap done" "screen home"
    expect_seq "$size: after a Quechua learner, facilitator screens speak Spanish" "$T" "screen home lang=quy" \
        "screen pin lang=es" "key=fac.pin lang=es" "screen facilitator lang=es" "key=fac.menu lang=es"
done

# ppe.list allows 32 items: the picker pages them, every card stays a usable size, and the last
# one can be handed out.
copy_content "$TMP/c32"
n=$(( $(grep -c "^item " assets/ppe.list) + 1 ))
while [ "$n" -le 32 ]; do echo "item extra-$n item-hat ppe.item.hat" >>"$TMP/c32/assets/ppe.list"; n=$((n + 1)); done
printf '2580\n2580\n' | "$BUILD/pallayctl" set-pin "$TMP/items32.db" --name "Rosa Quispe" >/dev/null 2>&1
printf '2580\n' | "$BUILD/pallayctl" add-participant "$TMP/items32.db" --sign llama/red --consent no >/dev/null 2>&1
pick="hold facilitator
expect screen pin
$(for d in 2 5 8 0; do echo "tap pin:$d"; done)
tap pin:ok
tap equipment
tap who:llama/red
expect key=fac.item
tap page:next
tap page:next
tap page:next
tap item:extra-32
tap ok
expect record ppe_delivery
quit"
kiosk items32 "$pick" --size 800x480 --secret_hold 100 --assets "$TMP/c32/assets" --locales "$TMP/c32/locales" \
    --generated "$TMP/c32/build/content"
expect_rc "32 equipment items: the picker pages through them" items32 0
expect_line "the 32nd item can be handed out" "$TMP/items32.trace" "record ppe_delivery .* item=extra-32 "
expect_no_line "every card of every page is big enough to touch" "$TMP/items32.trace" "layout problem"

# Many learners (56, of the 72 signs a kiosk can hold): the signs on the attendance and equipment
# screens come in pages, every one still big enough to touch, and a woman on the last page can be
# marked present and given equipment.
DB="$TMP/many.db"
printf '2580\n2580\n' | "$BUILD/pallayctl" set-pin "$DB" --name "Rosa Quispe" >/dev/null 2>&1
printf '2580\n' | "$BUILD/pallayctl" add-participant "$DB" --sign llama/red --consent no >/dev/null 2>&1
printf '2580\n' | "$BUILD/pallayctl" open-workshop "$DB" --community "Santa Filomena" --modules ppe >/dev/null 2>&1
symbols=$(sed -n 's/^symbol *\([a-z0-9_.-]*\) .*/\1/p' assets/signs.list)
colours=$(sed -n 's/^colour *\([a-z0-9_.-]*\) .*/\1/p' assets/signs.list)
n=0
last=""
for y in $symbols; do for k in $colours; do
    [ "$n" -ge 55 ] && break 2
    [ "$y/$k" = llama/red ] && continue
    n=$((n + 1))
    last="$y/$k"
    echo "INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT 'many-$n', kiosk_id, (SELECT max(seq) + 1 FROM record), 'learner', created_at, clock_ok FROM record LIMIT 1;
INSERT INTO learner VALUES ('many-$n', '$y', '$k');" >>"$TMP/many.sql"
done; done
sqlite3 "$DB" <"$TMP/many.sql"
same "56 learners on the kiosk" "$(sqlite3 "$DB" "SELECT count(*) FROM learner")" 56
for size in 800x480 1920x1080; do
    many="hold facilitator
expect screen pin
$(for d in 2 5 8 0; do echo "tap pin:$d"; done)
tap pin:ok
tap workshop
expect screen workshop
tap page:next
tap present:$last
expect record attendance
tap back
tap equipment
tap page:next
tap who:$last
expect key=fac.item
quit"
    cp "$DB" "$TMP/many-$size.db"     # each size starts with nobody marked present
    kiosk "many-$size" "$many" --size "$size" --secret_hold 100
    expect_rc "$size: 56 learners: the attendance and equipment screens page their signs" "many-$size" 0
    expect_no_line "$size: 56 learners: every sign is big enough to touch" "$TMP/many-$size.trace" "layout problem"
done

# Send records, from the facilitator's menu, with no USB stick in: in either language it says to
# put one in and that nothing was ever sent, shows how many records wait (every record of the
# kiosk, as none was handed over yet), offers no button to write, and goes back to the menu.
DB="$TMP/send.db"
printf '2580\n2580\n' | "$BUILD/pallayctl" set-pin "$DB" --name "Rosa Quispe" >/dev/null 2>&1
printf '2580\n' | "$BUILD/pallayctl" add-participant "$DB" --sign llama/red --consent no >/dev/null 2>&1
pending=$(sqlite3 "$DB" "SELECT count(*) FROM record")
same "records on the kiosk to send" "$([ "$pending" -gt 0 ] && echo some)" some
for lang in es quy; do
    for size in 800x480 1920x1080; do
        tag="send-$lang-$size"
        send="hold facilitator
expect screen pin lang=$lang
$(for d in 2 5 8 0; do echo "tap pin:$d"; done)
tap pin:ok
expect screen facilitator lang=$lang
tap send
expect screen send lang=$lang
expect key=fac.send.plug lang=$lang
expect key=fac.send.never lang=$lang
$(shot send-nostick)
tap back
expect screen facilitator lang=$lang
quit"
        cp "$DB" "$TMP/$tag.db"
        kiosk "$tag" "$send" --size "$size" --secret_hold 100 --facilitator_lang "$lang" --network_recipient "$NET"
        T="$TMP/$tag.trace"
        expect_rc "$lang $size: the menu's send item opens Send records, and it goes back" "$tag" 0
        expect_seq "$lang $size: with no stick it says to put one in, then that nothing was sent yet" "$T" "tap send" \
            "screen send lang=$lang" "key=fac.send.plug lang=$lang" "key=fac.send.never lang=$lang" "tap back" "screen facilitator"
        expect_line "$lang $size: it shows the $pending records waiting, no handover, no stick" "$T" \
            "send screen mode=menu pending=$pending last=none stick=none phase=idle state=fac.send.plug\$"
        expect_no_line "$lang $size: Send records: no button off screen, under 12 mm or on another" "$T" "layout problem"
        expect_no_line "$lang $size: Send records: no text cut" "$T" "text cut"
    done
done
# Without a stick there is nothing to write to: no write-now button.
nostick="hold facilitator
expect screen pin
$(for d in 2 5 8 0; do echo "tap pin:$d"; done)
tap pin:ok
tap send
expect screen send
tap now
quit"
cp "$DB" "$TMP/send-now.db"
kiosk send-now "$nostick" --size 800x480 --secret_hold 100 --network_recipient "$NET"
got=$(cat "$TMP/send-now.rc")
if [ "$got" != 0 ] && grep -q 'no button "now" on screen send' "$TMP/send-now.err" "$TMP/send-now.trace"; then
    pass "with no stick, Send records has no write-now button"
else
    fail "with no stick, Send records has no write-now button" "expected the script to find no button \"now\", got exit $got: $(tail -2 "$TMP/send-now.err" | tr '\n' ' ')"
fi
# After pallayctl export hands everything over, the screen shows nothing waiting and that last
# handover by its receipt code (the one export printed), and no longer says nothing was sent
# (that would follow as soon as the first sentence ends).
cp "$DB" "$TMP/send-after.db"
receipt=$("$BUILD/pallayctl" export "$TMP/send-after.db" --out "$TMP/outbox" --recipient "$(cat "$TMP/keys/network.pub")" 2>&1 |
    sed -n 's/.*receipt \([A-Z0-9]*\).*/\1/p')
same "export hands the records over with a receipt code" "$(printf '%s' "$receipt" | grep -cE '^[A-Z0-9]{6}$')" 1
after="hold facilitator
expect screen pin
$(for d in 2 5 8 0; do echo "tap pin:$d"; done)
tap pin:ok
tap send
expect screen send
expect key=fac.send.plug
expect audio end
tap back
expect screen facilitator
quit"
kiosk send-after "$after" --size 800x480 --secret_hold 100 --network_recipient "$NET"
expect_rc "after an export, Send records opens and goes back" send-after 0
expect_line "after an export, nothing waits and the last handover is the export's" "$TMP/send-after.trace" \
    "send screen mode=menu pending=0 last=$receipt stick=none "
expect_no_line "after an export, it does not say nothing was sent" "$TMP/send-after.trace" "key=fac.send.never"
# Without the network's key (network_recipient) the kiosk cannot send, and the screen says so.
nokey="hold facilitator
expect screen pin
$(for d in 2 5 8 0; do echo "tap pin:$d"; done)
tap pin:ok
tap send
expect screen send
expect key=fac.send.nokey
$(shot send-nokey)
quit"
cp "$DB" "$TMP/send-nokey.db"
kiosk send-nokey "$nokey" --size 800x480 --secret_hold 100
expect_rc "without network_recipient, Send records says records cannot leave" send-nokey 0
expect_line "and shows that state" "$TMP/send-nokey.trace" "send screen mode=menu pending=$pending .*state=fac.send.nokey$"

# The translation review round trip: Quechua drafts (fuzzy) go out on a sheet, a reviewer fills
# it in offline, and the sheet comes back into quy.po: confirmed entries lose their fuzzy flag,
# corrections replace the text, and nothing else in the file changes.
. tests/lib.sh

C="$TMP/course"
copy_content "$C"
Q="$C/locales/quy.po"
cp "$Q" "$TMP/quy.before"
drafts=$(grep -c '^#, fuzzy' "$Q")
if [ "$drafts" -gt 3 ]; then pass "the team's Quechua is all marked as drafts"; else fail "the team's Quechua is all marked as drafts" "expected fuzzy entries, got $drafts"; fi

"$BUILD/pallayctl" check-content "$C" >"$TMP/cov1.txt" 2>&1
expect_line "the coverage table counts the drafts" "$TMP/cov1.txt" "^quy +[0-9]+ +0 +$drafts +0 +[0-9]+$"
expect_line "drafts are not problems: the kiosk uses them" "$TMP/cov1.txt" "^content OK"

"$BUILD/pallayctl" review-strings quy "$C" --out "$TMP/sheet.csv" >"$TMP/review.out" 2>&1
echo $? >"$TMP/review.rc"
expect_rc "review-strings writes the sheet" review 0
expect_line "it says how many await review" "$TMP/review.out" "^$drafts quy strings await review"
expect_line "the sheet's header names the languages" "$TMP/sheet.csv" "^key,es,quy,context,picture,confirmed$"
expect_line "a slide comes with its place and picture" "$TMP/sheet.csv" "^ppe.helmet,.*,module ppe: slide 1 of 10,.*assets/pictures/ppe-helmet.svg,$"
expect_line "a sign's name comes with its picture" "$TMP/sheet.csv" "^sign.llama,Llama,.*sign-llama.svg,$"
expect_count "only the drafts are on the sheet, with a header" "$TMP/sheet.csv" "^[a-z]" $((drafts + 1))

# The reviewer: confirms the helmet as it is, corrects the knees (with a comma and quotes) and
# confirms, and suggests a new llama text without confirming it.
awk -F, 'BEGIN { OFS = "," }
    /^ppe.helmet,/ { sub(/,$/, ",yes") }
    /^lift.knees,/ { print "lift.knees,x,\"Qunqurykita kumuy, \"\"wasaykitaqa\"\" chiqanta\",x,,sí"; next }
    /^sign.llama,/ { print "sign.llama,Llama,Llama uywa,x,,"; next }
    { print }' "$TMP/sheet.csv" >"$TMP/filled.csv"
"$BUILD/pallayctl" apply-review "$TMP/filled.csv" "$C" >"$TMP/apply.out" 2>&1
echo $? >"$TMP/apply.rc"
expect_rc "apply-review takes the sheet back" apply 0
expect_line "it says what it did" "$TMP/apply.out" "quy.po: 2 confirmed, 2 corrected"
msgfmt --check -o /dev/null "$Q" 2>"$TMP/msgfmt.err" && pass "quy.po is still a valid .po file" || fail "quy.po is still a valid .po file" "$(head -2 "$TMP/msgfmt.err")"
entry() { awk -v k="$1" '$0 == "msgid \"" k "\"" { print prev; getline; print; exit } { prev = $0 }' "$Q"; }
e=$(entry ppe.helmet)
case "$e" in *fuzzy*) fail "a confirmed entry loses its fuzzy flag" "got: $e";; *) pass "a confirmed entry loses its fuzzy flag";; esac
expect_line "a corrected, confirmed text replaces the old one, quotes escaped" "$Q" '^msgstr "Qunqurykita kumuy, \\"wasaykitaqa\\" chiqanta"$'
e=$(entry lift.knees)
case "$e" in *fuzzy*) fail "the corrected entry is confirmed" "got: $e";; *) pass "the corrected entry is confirmed";; esac
e=$(entry sign.llama)
case "$e" in "#, fuzzy"*"Llama uywa"*) pass "a correction without confirmation stays a draft";; *) fail "a correction without confirmation stays a draft" "got: $e";; esac
# Nothing else changed: the two files differ only in those entries' lines.
changed=$(diff "$TMP/quy.before" "$Q" | grep -c '^[<>]')
if [ "$changed" -le 6 ]; then pass "nothing else in quy.po changed"; else fail "nothing else in quy.po changed" "expected at most 6 changed lines, got $changed"; fi
"$BUILD/pallayctl" check-content "$C" >"$TMP/cov2.txt" 2>&1
expect_line "the coverage table now counts two drafts fewer" "$TMP/cov2.txt" "^quy +[0-9]+ +2 +$((drafts - 2)) +0 +[0-9]+$"

# A sheet with a key quy.po does not have: refused with its line, and the file is not touched.
cp "$Q" "$TMP/quy.mid"
printf 'key,es,quy,context,picture,confirmed\nppe.helmet,x,Kasku,x,,yes\nno.such.key,x,y,x,,yes\n' >"$TMP/bad.csv"
"$BUILD/pallayctl" apply-review "$TMP/bad.csv" "$C" >"$TMP/bad.out" 2>"$TMP/bad.err"
echo $? >"$TMP/bad.rc"
expect_rc "a sheet with an unknown key is refused" bad 1
expect_line "the refusal names the sheet and line" "$TMP/bad.err" "bad.csv:3: \"no.such.key\" is not a string of quy"
if cmp -s "$Q" "$TMP/quy.mid"; then pass "a refused sheet changes nothing"; else fail "a refused sheet changes nothing" "quy.po changed"; fi

# pallayctl report: a network database made from real kiosk bundles (pallayctl's facilitator
# commands, export and merge), then its CSV files checked against queries on that database:
# figures, byte order mark, quoting, a name with ñ and an apostrophe intact, a name that looks
# like a formula neutralised; the name of a woman who withdrew nowhere; with --anonymous, no
# name at all.
. tests/lib.sh

CTL="$(pwd)/$BUILD/pallayctl"
K="$TMP/keys"
"$CTL" keygen --out "$K" >/dev/null
echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa >"$TMP/a.machine"
echo bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb >"$TMP/b.machine"
mkdir -p "$TMP/bundles"

# Kiosk A: Santa Filomena. Q'orianka consents; a woman registered under a name that a spreadsheet
# would run; one without consent; gloves for two, one delivery voided.
A="$TMP/a.db"
on a pin set-pin "$A" --name "Rosa Quispe"
on a p1 add-participant "$A" --sign llama/red --consent yes --name "Q'orianka Ñusta Huamaní" --community "Santa Filomena" --born 1986
on a p2 add-participant "$A" --sign sun/blue --consent yes --name "=1+2 Flores" --community "Santa Filomena"
expect_rc "a name starting with = is taken as a name" p2 0
on a p3 add-participant "$A" --sign moon/red --consent no --community "Santa Filomena"
on a ws open-workshop "$A" --community "Santa Filomena" --modules ppe --at "2026-11-20 09:30"
on a m1 mark-present "$A" --sign llama/red
on a m2 mark-present "$A" --sign moon/red
on a g1 record-ppe "$A" --sign llama/red --item gloves --quantity 2 --size M
on a g2 record-ppe "$A" --sign moon/red --item gloves --quantity 1 --size S
gid=$(sqlite3 "$A" "SELECT d.id FROM ppe_delivery d JOIN learner l ON l.id = d.learner_id WHERE l.symbol = 'moon'")
on a v1 void "$A" "$gid" --reason "wrong size"
expect_rc "a delivery is voided" v1 0
# Quiz records as the kiosk's store writes them: llama/red passes ppe (3 of 4), moon/red fails (1 of 4).
sqlite3 "$A" "
    CREATE TEMP TABLE q (n, learner, score, passed);
    INSERT INTO q SELECT 1, id, 3, 1 FROM learner WHERE symbol = 'llama';
    INSERT INTO q SELECT 2, id, 1, 0 FROM learner WHERE symbol = 'moon' AND colour = 'red';
    INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-0000000000a' || n, (SELECT id FROM kiosk), (SELECT max(seq) FROM record) + 1, 'attempt', 1795600000 + n, 1 FROM q WHERE n = 1;
    INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-0000000000a' || n, (SELECT id FROM kiosk), (SELECT max(seq) FROM record) + 1, 'attempt', 1795600000 + n, 1 FROM q WHERE n = 2;
    INSERT INTO attempt SELECT '00000000-0000-4000-8000-0000000000a' || n, learner, 'ppe', 'v1', 4, 3 FROM q;
    INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-0000000000e' || n, (SELECT id FROM kiosk), (SELECT max(seq) FROM record) + 1, 'attempt_end', 1795600100 + n, 1 FROM q WHERE n = 1;
    INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-0000000000e' || n, (SELECT id FROM kiosk), (SELECT max(seq) FROM record) + 1, 'attempt_end', 1795600100 + n, 1 FROM q WHERE n = 2;
    INSERT INTO attempt_end SELECT '00000000-0000-4000-8000-0000000000e' || n, '00000000-0000-4000-8000-0000000000a' || n, score, 4, passed FROM q;
    INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-0000000000c1', (SELECT id FROM kiosk), (SELECT max(seq) FROM record) + 1, 'completion', 1795600200, 1;
    INSERT INTO completion SELECT '00000000-0000-4000-8000-0000000000c1', learner, 'ppe', 'v1' FROM q WHERE n = 1;
    CREATE TEMP TABLE ans (n, question, correct);
    INSERT INTO ans VALUES (1, 1, 1), (1, 2, 0), (2, 1, 0), (2, 2, 0);
    INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-000000000' || (100 + 10 * n + question), (SELECT id FROM kiosk),
        (SELECT max(seq) FROM record) + 2 * (n - 1) + question, 'answer', 1795600050, 1 FROM ans;
    INSERT INTO answer SELECT '00000000-0000-4000-8000-000000000' || (100 + 10 * n + question), '00000000-0000-4000-8000-0000000000a' || n,
        question, 1, correct, 0, '0,0,0' FROM ans;"
on a ex export "$A" --out "$TMP/bundles" --recipient "$(cat "$K/network.pub")"
expect_rc "kiosk A exports" ex 0

# Kiosk B: Pampa Blanca. María registers with her name and consent, then withdraws it.
B="$TMP/b.db"
on b pin set-pin "$B" --name "Ana Condori"
on b p1 add-participant "$B" --sign moon/green --consent yes --name "María Mamani" --community "Pampa Blanca" --born 1990
# She completes ppe while the kiosk's clock says 1970 (as the store marks it: clock_ok 0); the
# trusted delivery after it gives the network a corrected time.
sqlite3 "$B" "INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) SELECT '00000000-0000-4000-8000-0000000000b1', (SELECT id FROM kiosk), (SELECT max(seq) FROM record) + 1, 'completion', 100, 0;
    INSERT INTO completion SELECT '00000000-0000-4000-8000-0000000000b1', id, 'ppe', 'v1' FROM learner WHERE symbol = 'moon'"
on b g1 record-ppe "$B" --sign moon/green --item mask --quantity 1
ppe_at=$(sqlite3 "$B" "SELECT created_at FROM record WHERE kind = 'ppe_delivery'")
on b ex export "$B" --out "$TMP/bundles" --recipient "$(cat "$K/network.pub")"
B1=$(cat "$TMP/ex.out")
on b wd withdraw-consent "$B" --sign moon/green
expect_rc "kiosk B records her withdrawal" wd 0
on b ex export "$B" --out "$TMP/bundles" --recipient "$(cat "$K/network.pub")"
N="$TMP/net.db"
"$CTL" merge "$N" "$TMP/bundles" --identity "$K/network.key" >"$TMP/merge.out" 2>&1
echo $? >"$TMP/merge.rc"
expect_rc "the bundles merge" merge 0

t0=$(date +%s%N)
"$CTL" report "$N" --out "$TMP/r" --xapi "$TMP/x.jsonl" >"$TMP/report.out" 2>"$TMP/report.err"
echo $? >"$TMP/report.rc"
t1=$(date +%s%N)
echo "# the report over $(sqlite3 "$N" "SELECT count(*) FROM record") records took $(((t1 - t0) / 1000000)) ms"
expect_rc "report writes its files" report 0
for f in participants attendance equipment quiz_results lacking communities; do
    same "$f.csv starts with the UTF-8 byte order mark" "$(head -c 3 "$TMP/r/$f.csv" | od -An -tx1 | tr -d ' ')" efbbbf
    same "$f.csv ends every line with CRLF" "$(grep -c "$(printf '\r')\$" "$TMP/r/$f.csv")" "$(wc -l <"$TMP/r/$f.csv")"
done
# row FILE PATTERN: the matching lines of FILE without BOM and CR.
rows() { sed '1s/^\xEF\xBB\xBF//' "$1" | tr -d '\r' | grep -E -- "$2"; }
expect_line "her name with ñ and an apostrophe, intact" "$TMP/r/participants.csv" "^[0-9-]+,[^,]+,llama/red,Santa Filomena,yes,Q'orianka Ñusta Huamaní,1986,no,"
expect_line "a name a spreadsheet would run is quoted behind an apostrophe" "$TMP/r/participants.csv" ",\"'=1\\+2 Flores\","
expect_no_line "and never bare" "$TMP/r/participants.csv" ",=1"
same "no name of the woman who withdrew" "$(cat "$TMP/r"/* | grep -c "Mamani")" 0
same "her row is there, without a name, as withdrawn" "$(rows "$TMP/r/participants.csv" ',moon/green,' | cut -d, -f5-8)" "yes,,,yes"
same "no name without consent" "$(rows "$TMP/r/participants.csv" ',moon/red,' | cut -d, -f5-7)" "no,,"
same "a row per registration" "$(($(wc -l <"$TMP/r/participants.csv") - 1))" "$(sqlite3 "$N" "SELECT count(*) FROM participant")"
same "the header" "$(rows "$TMP/r/participants.csv" '^registered')" "registered,learner,sign,community,consent,name,birth_year,withdrew,kiosk,registration"
same "ISO dates" "$(rows "$TMP/r/attendance.csv" 'Santa' | cut -d, -f1 | sort -u)" "2026-11-20"
same "attendance: a row per woman present" "$(rows "$TMP/r/attendance.csv" 'Santa' | cut -d, -f5 | sort | tr '\n' ' ')" "llama/red moon/red "
same "equipment: every delivery, the voided one marked with its reason" \
    "$(rows "$TMP/r/equipment.csv" ',(gloves|mask),' | cut -d, -f3,5-10 | sort | tr '\n' ' ')" \
    "Pampa Blanca,moon/green,mask,1,,no, Santa Filomena,llama/red,gloves,2,M,no, Santa Filomena,moon/red,gloves,1,S,yes,wrong size "
same "quiz results: score and outcome" "$(rows "$TMP/r/quiz_results.csv" ',ppe,' | cut -d, -f3,5,8-10 | sort | tr '\n' ' ')" \
    "llama/red,ppe,3,4,passed moon/red,ppe,1,4,failed "
same "who lacks what: by name with her consent, by sign without; a cell with a comma quoted" \
    "$(rows "$TMP/r/lacking.csv" '.' | tr '\n' '|')" "community,sign,name,lacks|Santa Filomena,llama/red,Q'orianka Ñusta Huamaní,mask|Santa Filomena,moon/red,,\"gloves, mask\"|"
same "communities: the header, a column per module" "$(rows "$TMP/r/communities.csv" '^community')" \
    "community,women_registered,women_attended,trained_ppe,passed_ppe,items_delivered"
want=$(sqlite3 -separator , "$N" "SELECT c.name, (SELECT count(DISTINCT learner_id) FROM participant p WHERE p.community_id IN (SELECT id FROM community WHERE name = c.name)),
    (SELECT count(DISTINCT a.learner_id) FROM attendance a JOIN workshop w ON w.id = a.workshop_id WHERE w.community_id IN (SELECT id FROM community WHERE name = c.name)),
    (SELECT count(DISTINCT x.learner_id) FROM completion x JOIN participant p ON p.learner_id = x.learner_id WHERE p.community_id IN (SELECT id FROM community WHERE name = c.name)),
    (SELECT count(DISTINCT a.learner_id) FROM attempt a JOIN attempt_end e ON e.attempt_id = a.id JOIN participant p ON p.learner_id = a.learner_id
        WHERE e.passed AND p.community_id IN (SELECT id FROM community WHERE name = c.name)),
    (SELECT coalesce(sum(quantity), 0) FROM ppe_delivery d JOIN participant p ON p.learner_id = d.learner_id
        WHERE d.id NOT IN (SELECT target_id FROM void) AND p.community_id IN (SELECT id FROM community WHERE name = c.name))
    FROM (SELECT DISTINCT name FROM community) c ORDER BY 1" | tr -d '\r')
same "communities: every figure as the records say" "$(rows "$TMP/r/communities.csv" '^[^c]')" "$want"
same "which is, for Santa Filomena" "$(rows "$TMP/r/communities.csv" '^Santa')" "Santa Filomena,3,2,1,1,2"

"$CTL" report "$N" --out "$TMP/anon" --anonymous --xapi "$TMP/anon.jsonl" --home https://red.example.org/pallay/ >"$TMP/anon.out" 2>"$TMP/anon.err"
echo $? >"$TMP/anon.rc"
expect_rc "report --anonymous" anon 0
same "with --anonymous, no name at all" "$(cat "$TMP/anon"/* | grep -cE "Orianka|Flores|Mamani|Rosa|Ana Condori|(^|[^0-9a-f])(1986|1990)([^0-9a-f]|$)")" 0
same "the same rows, names left out" "$(($(wc -l <"$TMP/anon/participants.csv")))" "$(($(wc -l <"$TMP/r/participants.csv")))"

"$CTL" report "$N" extra --out "$TMP/x" >/dev/null 2>"$TMP/extra.err"
echo $? >"$TMP/extra.rc"
expect_rc "an extra argument is refused" extra 2
expect_line "by its name" "$TMP/extra.err" 'unexpected argument "extra"'
"$CTL" report "$TMP/none.db" --out "$TMP/x" >"$TMP/none.out" 2>"$TMP/none.err"
echo $? >"$TMP/none.rc"
expect_rc "no database: an error" none 1
expect_line "in one line with the file" "$TMP/none.err" "none.db: no network database there"
same "and none is made" "$(ls "$TMP/none.db" 2>/dev/null | wc -l)" 0

# The page: self-contained, escaped, with its charts; names as in the CSV files.
H="$TMP/r/report.html"
same "report.html is written" "$(ls "$H" 2>/dev/null | wc -l)" 1
same "it loads nothing: no http(s) address" "$(grep -c 'https\?://' "$H")" 0
same "no script, no external file" "$(grep -ciE '<script|<link|src=|url\(|@import' "$H")" 0
expect_line "it draws its charts as inline SVG" "$H" '<svg viewBox="0 0 480 [0-9]+" role="img"'
expect_line "for a phone" "$H" 'name="viewport" content="width=device-width'
expect_line "and for paper" "$H" '@media print\{@page\{size:A4'
expect_line "in Spanish" "$H" '<html lang="es">'
# Her sign and the equipment in the course's words on the page (lacking.csv keeps the ids).
expect_line "her name, escaped, among who lacks what" "$H" "<td>Santa Filomena</td><td>Llama color rojo</td><td>Q&#39;orianka Ñusta Huamaní</td><td>Mascarilla</td>"
expect_line "a woman without consent by her sign; her delivery voided, she lacks both" "$H" "<td>Santa Filomena</td><td>Luna color rojo</td><td></td><td>Guantes, Mascarilla</td>"
# Modules, questions and equipment by their names in the course, in Spanish (the ids without one).
title=$(grep -A1 '^msgid "ppe.title"' locales/es.po | sed -n 's/^msgstr "\(.*\)"$/\1/p')
q2=$(grep -A1 "^msgid \"$(awk '/^question/ { n++; if (n == 2) { print $2; exit } }' assets/modules/10-ppe.module)\"" locales/es.po | sed -n 's/^msgstr "\(.*\)"$/\1/p')
gloves=$(grep -A1 "^msgid \"$(awk '$1 == "item" && $2 == "gloves" { print $4 }' assets/ppe.list)\"" locales/es.po | sed -n 's/^msgstr "\(.*\)"$/\1/p')
q2re=$(printf '%s' "$q2" | sed 's/[].?*+(){}|^$\\[]/\\&/g')
expect_line "the question most got wrong, in the course's words" "$H" "<td>$title</td><td>$q2re</td><td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">2</td>"
expect_line "pass rate per module, by its title" "$H" "<td>$title</td><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">2</td><td>50 %</td>"
expect_line "equipment by its Spanish name" "$H" "<td>Santa Filomena</td><td>$gloves</td><td class=\"n\">2</td><td class=\"n\">1</td>"
same "which the course has for each of them" "$([ -n "$title" ] && [ -n "$q2" ] && [ -n "$gloves" ] && echo yes)" yes
expect_no_line "the name that looks like a formula is text, as any" "$H" "<td>=1\\+2 Flores</td>.*<td>gloves"
same "no name of the woman who withdrew in the page" "$(grep -c Mamani "$H")" 0
same "with --anonymous, no name in the page" "$(grep -cE "orianka|Flores" "$TMP/anon/report.html")" 0
expect_count "the kiosks, by their place, none missing" "$H" "<td>[0-9a-f]{8}…</td><td>(Santa Filomena|Pampa Blanca)</td><td>[0-9-]{10}</td><td>[0-9-]{10}</td><td>ninguno</td>" 2
# B's first bundle held back: its records are a gap on the page.
"$CTL" merge "$TMP/gap.db" "$TMP/bundles" --identity "$K/network.key" >/dev/null 2>&1
rm "$TMP/gap.db"*
mkdir "$TMP/some"
for f in "$TMP"/bundles/*.age; do [ "$f" = "$B1" ] || cp "$f" "$f.minisig" "$TMP/some/"; done
"$CTL" merge "$TMP/gap.db" "$TMP/some" --identity "$K/network.key" >"$TMP/gap.out" 2>&1
"$CTL" report "$TMP/gap.db" --out "$TMP/g" >/dev/null 2>&1
first=$(basename "$B1" .age | awk -F- '{ print $(NF-1) }')
last=$(basename "$B1" .age | awk -F- '{ print $NF }')
expect_line "a bundle held back: its records never arrived, on the page" "$TMP/g/report.html" "<td>$first–$last</td>"
expect_line "as the merge said" "$TMP/gap.out" "records $first to $last never arrived"

# One snapshot: a bundle merged while a report is being written (held, with its snapshot taken,
# at PALLAY_TEST_REPORT_HOLD) changes none of its files, the page's, the CSV files' or the xAPI
# statements' (each written by a connection of its own); a report after it shows the bundle.
cp "$TMP/gap.db" "$TMP/snap.db"
"$CTL" report "$TMP/gap.db" --out "$TMP/g" --xapi "$TMP/g.jsonl" >/dev/null 2>&1
mkfifo "$TMP/hold"
PALLAY_TEST_REPORT_HOLD="$TMP/hold" "$CTL" report "$TMP/snap.db" --out "$TMP/held" --xapi "$TMP/held.jsonl" >"$TMP/held.out" 2>"$TMP/held.err" &
held=$!
wait_for "$TMP/held.err" "test hold"
same "the report waits at its hold" "$(grep -c "test hold: the report's snapshot is taken" "$TMP/held.err")" 1
"$CTL" merge "$TMP/snap.db" "$B1" --identity "$K/network.key" >"$TMP/snapmerge.out" 2>&1
echo $? >"$TMP/snapmerge.rc"
expect_rc "a bundle merges while the report is being written" snapmerge 0
echo go >"$TMP/hold"
wait $held
echo $? >"$TMP/held.rc"
expect_rc "the held report ends well" held 0
for f in report.html participants.csv attendance.csv equipment.csv quiz_results.csv lacking.csv communities.csv; do
    same "$f: as before the merge" "$(cmp "$TMP/g/$f" "$TMP/held/$f" 2>&1)" ""
done
same "the xAPI statements: as before the merge" "$(cmp "$TMP/g.jsonl" "$TMP/held.jsonl" 2>&1)" ""
"$CTL" report "$TMP/snap.db" --out "$TMP/after" >/dev/null 2>&1
same "a report after the merge has her registration" "$(rows "$TMP/after/participants.csv" ',moon/green,' | wc -l) $(rows "$TMP/held/participants.csv" ',moon/green,' | wc -l)" "1 0"

# xAPI 1.0.3, checked line by line against what the specification requires of a statement.
cat >"$TMP/xapi.py" <<'PY'
import json, re, sys
path, home = sys.argv[1], sys.argv[2]
VERBS = {v: "http://adlnet.gov/expapi/verbs/" + v for v in ("attended", "completed", "passed", "failed", "answered")}
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
IRI = re.compile(r"^[a-z][a-z0-9+.-]*://[^\s<>\"{}|\\^`]+$")
bad, verbs, ids = [], {}, set()
lines = open(path, encoding="utf-8").read().split("\n")
if lines[-1] != "": bad.append("the file does not end with a line break")
for n, line in enumerate(lines[:-1], 1):
    try: s = json.loads(line)
    except ValueError as e: bad.append(f"line {n}: not one JSON object: {e}"); continue
    def need(ok, what):
        if not ok: bad.append(f"line {n}: {what}")
    need(isinstance(s, dict), "not an object")
    need(UUID.match(s.get("id", "")), "id is not a UUID"); ids.add(s.get("id"))
    need(s.get("version") == "1.0.3", "version")
    a = s.get("actor", {})
    need(a.get("objectType", "Agent") == "Agent" and set(a) <= {"objectType", "account"}, "actor: an anonymous account only")
    acc = a.get("account", {})
    need(acc.get("homePage") == home and IRI.match(acc.get("homePage", "")) and acc.get("name"), "actor.account")
    v = s.get("verb", {})
    need(v.get("id") in VERBS.values() and isinstance(v.get("display"), dict), "verb")
    verbs[v.get("id", "").rsplit("/", 1)[-1]] = verbs.get(v.get("id", "").rsplit("/", 1)[-1], 0) + 1
    o = s.get("object", {})
    need(o.get("objectType") == "Activity" and IRI.match(o.get("id", "")) and o["id"].startswith(home + "/"), "object.id")
    need(IRI.match(o.get("definition", {}).get("type", "")), "object.definition.type")
    r = s.get("result")
    if r is not None:
        sc = r.get("score")
        if sc is not None:
            need(-1 <= sc.get("scaled", 9) <= 1 and sc.get("min", 0) <= sc.get("raw", 0) <= sc.get("max", 0), "result.score")
        need(isinstance(r.get("success"), bool), "result.success")
    need(v.get("id", "").endswith(("passed", "failed")) == (r is not None and "score" in r), "a score on passed/failed only")
    ext = s.get("context", {}).get("extensions", {})
    need(all(IRI.match(k) for k in ext), "extension keys are IRIs")
    need(any(k.endswith("/kiosk") and IRI.match(ext[k]) for k in ext) and any(k.endswith("/community") for k in ext), "kiosk and community")
    need(ISO.match(s.get("timestamp", "")), "timestamp")
print("\n".join(bad) if bad else "ok")
print(" ".join(f"{k}={verbs[k]}" for k in sorted(verbs)))
print(len(ids))
PY
python3 "$TMP/xapi.py" "$TMP/x.jsonl" https://pallay.invalid >"$TMP/xapi.check"
same "every xAPI statement has what 1.0.3 requires" "$(sed -n 1p "$TMP/xapi.check")" ok
same "one per record of a learner: attended, completed, passed, failed, answered" "$(sed -n 2p "$TMP/xapi.check")" \
    "answered=$(sqlite3 "$N" "SELECT count(*) FROM answer") attended=$(sqlite3 "$N" "SELECT count(*) FROM attendance") completed=$(sqlite3 "$N" "SELECT count(*) FROM completion") failed=1 passed=1"
same "each with its own id" "$(sed -n 3p "$TMP/xapi.check")" "$(wc -l <"$TMP/x.jsonl")"
same "the report says how many" "$(grep -c "x.jsonl: $(wc -l <"$TMP/x.jsonl") xAPI statements" "$TMP/report.out")" 1
ts=$(date -u -d "@$ppe_at" +%Y-%m-%dT%H:%M:%SZ)
expect_line "a time from a wrong clock, corrected, the original kept" "$TMP/x.jsonl" \
    "\"id\":\"00000000-0000-4000-8000-0000000000b1\".*original-time\":\"1970-01-01T00:01:40Z\".*\"timestamp\":\"$ts\""
expect_line "a passed quiz: scaled score and success" "$TMP/x.jsonl" 'verbs/passed".*"result":\{"score":\{"scaled":0.7500,"raw":3,"min":0,"max":4\},"completion":true,"success":true\}'
same "no name in the statements" "$(grep -cE "orianka|Flores|Mamani" "$TMP/x.jsonl")" 0
python3 "$TMP/xapi.py" "$TMP/anon.jsonl" https://red.example.org/pallay >"$TMP/anon.check"
same "--home: the network's address, one slash before a path" "$(sed -n 1p "$TMP/anon.check")" ok
# A community name with what JSON must escape (quotes, a backslash, a control character) and
# what it must not (ñ): every line still parses, and the name comes back as it was.
cp "$N" "$TMP/odd.db"
sqlite3 "$TMP/odd.db" "UPDATE community SET name = 'Pampa \"Blanca\" \\ Ñaña' || char(1) || 'x' WHERE name = 'Pampa Blanca'"
"$CTL" report "$TMP/odd.db" --out "$TMP/odd" --xapi "$TMP/odd.jsonl" >/dev/null 2>"$TMP/odd.err"
same "a community name JSON must escape comes back whole from every statement" \
    "$(python3 -c 'import json, sys
names = {v for l in open(sys.argv[1], encoding="utf-8") for k, v in json.loads(l)["context"]["extensions"].items() if k.endswith("/community") and v and "Pampa" in v}
print(sorted(names))' "$TMP/odd.jsonl" 2>&1)" "['Pampa \"Blanca\" \\\\ Ñaña\\x01x']"
"$CTL" report "$N" --out "$TMP/r" --xapi "$TMP/y.jsonl" --home "javascript:alert(1)" >"$TMP/home.out" 2>"$TMP/home.err"
echo $? >"$TMP/home.rc"
expect_rc "an address that is not http(s) is refused" home 2

# In the coordinator's own programs. LibreOffice (headless, reading the files as UTF-8 CSV, which
# their byte order mark asks for) converts every CSV to .xlsx: as many rows, no cell turned into
# a formula, names with ñ and apostrophes intact.
LO="$TMP/lo"
mkdir -p "$LO"
HOME="$LO" timeout -k 5 180 soffice --headless --norestore "-env:UserInstallation=file://$LO/profile" --infilter="CSV:44,34,76,1" \
    --convert-to xlsx --outdir "$LO" "$TMP"/r/*.csv >"$LO/convert.out" 2>&1
same "LibreOffice converts every CSV to .xlsx" "$(ls "$LO"/*.xlsx 2>/dev/null | wc -l)" "$(ls "$TMP"/r/*.csv | wc -l)"
python3 - "$LO" >"$LO/check" <<'PY'
import glob, os, re, sys, zipfile
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.xlsx"))):
    z = zipfile.ZipFile(path)
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    strings = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode()) if "xl/sharedStrings.xml" in z.namelist() else []
    strings = [s.replace("&apos;", "'").replace("&amp;", "&").replace("&quot;", '"') for s in strings]
    print(os.path.basename(path)[:-5], len(re.findall(r"<row ", sheet)), len(re.findall(r"<f[ >]", sheet)), "|".join(strings))
PY
for f in "$TMP"/r/*.csv; do
    b=$(basename "$f" .csv)
    same "$b.xlsx: a row per line, no formula" "$(awk -v b="$b" '$1 == b { print $2, $3 }' "$LO/check")" "$(wc -l <"$f" | tr -d ' ') 0"
done
expect_line "participants.xlsx: her name with ñ and an apostrophe, intact" "$LO/check" "^participants .*\|Q'orianka Ñusta Huamaní\|"
expect_line "the name that looks like a formula is text behind its apostrophe" "$LO/check" "^participants .*\|'=1\+2 Flores\|"
same "no name of the woman who withdrew in any sheet" "$(grep -c Mamani "$LO/check")" 0

# Headless Chromium, on a phone (390 px) and a laptop (1280 px): the page needs no sideways
# scrolling on either, and prints on A4. The screenshots are kept with PALLAY_SHOTS=DIR.
CH="$TMP/chromium"
mkdir -p "$CH"
HOME="$CH" timeout -k 5 120 python3 tests/page_check.py "$H" "$CH" 390 1280 >"$CH/out" 2>"$CH/err"
same "Chromium renders the page" "$?: $(tail -1 "$CH/err")" "0: "
same "on a phone, 390 px wide, nothing sticks out sideways" "$(sed -n 's/^width=390 scroll=\([0-9]*\) .*/\1/p' "$CH/out")" 390
same "on a laptop, 1280 px wide, neither" "$(sed -n 's/^width=1280 scroll=\([0-9]*\) .*/\1/p' "$CH/out")" 1280
same "the phone screenshot shows the whole page" "$([ -s "$CH/page-390.png" ] && pngtopnm "$CH/page-390.png" | ppmhist -noheader | wc -l | awk '{ print ($1 > 20) }')" 1
pdfinfo "$CH/page.pdf" >"$CH/pdfinfo" 2>&1
expect_line "printed, on A4 pages (595 x 842 pt)" "$CH/pdfinfo" "^Page size: +59[45]\.[0-9]* x 841\.[0-9]* pts \(A4\)"
[ -z "${PALLAY_SHOTS:-}" ] || cp "$CH"/page-*.png "$CH/page.pdf" "$PALLAY_SHOTS/" 2>/dev/null

# The most-missed questions are tallied in C (app/net/missed.c); the same figures in SQL are the
# oracle (the page shows the first ten). On copies of the network with 80 more quizzes, drawn
# from a printed seed: guests' quizzes, voided quizzes and voided answers, a question stored as
# text; and in the second copy, questions stored as long texts alike in their first 70
# characters, always answered wrong, so that they come first.
seed=${PALLAY_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "# most-missed questions: seed $seed (PALLAY_SEED=$seed replays it)"
# missed NAME LONG: the check on a copy with (LONG=1) or without the long questions.
missed() {
    q="$TMP/q-$1"
    cp "$N" "$q.db"
    sqlite3 "$q.db" "
        CREATE TEMP TABLE n (k);
        WITH RECURSIVE c(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM c WHERE k < 80) INSERT INTO n SELECT k FROM c;
        CREATE TEMP TABLE h AS SELECT k, (k * 2654435761 + $seed * 40503) % 1000003 AS r, $2 AND (k * 7 + $seed) % 19 = 0 AS long FROM n;
        CREATE TEMP TABLE l AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM learner;
        INSERT INTO attempt SELECT 'quiz-' || k, CASE WHEN r % 7 = 0 THEN NULL ELSE (SELECT id FROM l WHERE i = r % (SELECT count(*) FROM l)) END,
            CASE r % 3 WHEN 0 THEN 'ppe' WHEN 1 THEN 'dust' ELSE 'lift' END, 'v1', 4, 3 FROM h;
        INSERT INTO answer SELECT 'ans-' || k || '-' || q.v, 'quiz-' || k, CASE WHEN long THEN replace(hex(zeroblob(35)), '0', 'q') || q.v
            WHEN (r + q.v) % 23 = 0 THEN 'x' ELSE q.v END, 1,
            CASE WHEN long THEN 0 ELSE (r / (q.v * 5)) % 3 <> 0 END, 0, '0,0,0' FROM h, (SELECT 1 AS v UNION SELECT 2 UNION SELECT 3 UNION SELECT 4) q;
        INSERT INTO void SELECT 'void-' || k, 'quiz-' || k, 'test' FROM h WHERE r % 11 = 0;
        INSERT INTO void SELECT 'void-a' || k, 'ans-' || k || '-2', 'test' FROM h WHERE r % 13 = 0;"
    "$CTL" report "$q.db" --out "$q" >/dev/null 2>"$q.err"
    sed -n '/<h3>Preguntas con más respuestas equivocadas/,/<\/table>/p' "$q/report.html" |
        sed -n 's/.*<td class="n">\([0-9,]*\)<\/td><td class="n">\([0-9,]*\)<\/td><td class="n">\([0-9,]*\)<\/td><\/tr>$/\1 \2 \3/p' |
        tr -d , >"$q.got"
    sqlite3 "$q.db" "SELECT count(*) || ' ' || sum(an.correct = 0) || ' ' || count(DISTINCT CASE WHEN an.correct = 0 THEN a.learner_id END)
        FROM answer an JOIN attempt a ON a.id = an.attempt_id
        WHERE an.id NOT IN (SELECT target_id FROM void) AND a.id NOT IN (SELECT target_id FROM void)
        GROUP BY a.module, an.question HAVING sum(an.correct = 0) > 0
        ORDER BY 1.0 * sum(an.correct = 0) / count(*) DESC, sum(an.correct = 0) DESC, a.module, an.question LIMIT 10" >"$q.want"
    same "the most-missed questions ($1): answers, wrong ones and women, as SQL counts them (seed $seed)" \
        "$(tr '\n' ';' <"$q.got")" "$(tr '\n' ';' <"$q.want")"
    same "of ten questions ($1)" "$(wc -l <"$q.want" | tr -d ' ')" 10
}
missed numbered 0
missed "long texts" 1

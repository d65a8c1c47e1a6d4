# Her voice at the coordinator's end: reports women sent from two kiosks ("Tell us"), of several
# categories, with her sign or with no name, exported and merged. The network keeps each one as
# it was sent; pallayctl report lists them on voices.html with the recordings beside it, opened
# with the network's key and the same bytes she recorded; harassment and violence reach no file
# of the general report whatever the flags, and only with --include-sensitive a page of their
# own, which says so on its first line; --anonymous leaves out her sign.
. tests/lib.sh

CTL="$(pwd)/$BUILD/pallayctl"
K="$TMP/keys"
# po KEY: the course's Spanish words for KEY.
po() { grep -A1 "^msgid \"$1\"" locales/es.po | sed -n 's/^msgstr "\(.*\)"$/\1/p'; }
# what CATEGORY: what a report is about as the kiosk says it, without its full stop.
what() { po "tell.cat.$1" | sed 's/\.$//'; }
"$CTL" keygen --out "$K" >/dev/null
RCPT=$(cat "$K/network.pub")
echo aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa >"$TMP/a.machine"
echo bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb >"$TMP/b.machine"
mkdir -p "$TMP/bundles" "$TMP/rec"

# say KIOSK_DB N CATEGORY SIGN|- COMMUNITY DAY DAY_OK: she sends report N (its length N seconds,
# which tells the reports apart), recorded as a tone of its own and sealed to the network with
# the stock age, as the kiosk keeps it in voice_outbox. Each is noted in $TMP/sent.
say() {
    sox -n -r 22050 -c 1 "$TMP/rec/$2.ogg" synth 1 sine $((200 + 40 * $2)) 2>/dev/null
    age -r "$RCPT" -o "$TMP/rec/$2.ogg.age" "$TMP/rec/$2.ogg"
    learner=NULL
    [ "$4" = - ] || learner="(SELECT id FROM learner WHERE symbol || '/' || colour = '$4')"
    day=$([ "$6" = ? ] && echo 86400 || date -u -d "$6" +%s)
    sqlite3 "$1" "INSERT INTO voice_outbox (category, learner_id, community_id, day, day_ok, seconds, sealed)
        VALUES ('$3', $learner, (SELECT id FROM community WHERE name = '$5'), $day, $7, $2, readfile('$TMP/rec/$2.ogg.age'))"
    echo "$(sqlite3 "$1" "SELECT id FROM kiosk")|$3|$5|$day|$7|$([ "$4" = - ] && echo anonymous || echo "$4")|$2" >>"$TMP/sent"
}

A="$TMP/a.db"
on a pin set-pin "$A" --name "Rosa Quispe"
on a p1 add-participant "$A" --sign llama/red --consent yes --name "Q'orianka Ñusta" --community "Santa Filomena"
on a p2 add-participant "$A" --sign sun/blue --consent no --community "Santa Filomena"
say "$A" 11 rock llama/red "Santa Filomena" 2026-11-03 1
say "$A" 12 violence llama/red "Santa Filomena" 2026-11-05 1
say "$A" 13 dust - "Santa Filomena" 2026-12-01 1
say "$A" 14 violence - "Santa Filomena" ? 0
say "$A" 15 dust sun/blue "Santa Filomena" 2027-01-02 1
on a ex export "$A" --out "$TMP/bundles" --recipient "$RCPT"
expect_rc "kiosk A exports its reports" ex 0
B="$TMP/b.db"
on b pin set-pin "$B" --name "Ana Condori"
on b p1 add-participant "$B" --sign moon/green --consent yes --name "María Mamani" --community "Pampa Blanca"
say "$B" 21 mercury moon/green "Pampa Blanca" 2026-10-10 1
say "$B" 22 noppe - "Pampa Blanca" ? 0
say "$B" 23 violence moon/green "Pampa Blanca" 2026-10-12 1
on b ex export "$B" --out "$TMP/bundles" --recipient "$RCPT"
expect_rc "kiosk B exports its reports" ex 0
N="$TMP/net.db"
"$CTL" merge "$N" "$TMP/bundles" --identity "$K/network.key" >"$TMP/merge.out" 2>&1
echo $? >"$TMP/merge.rc"
expect_rc "the bundles merge" merge 0

same "the network keeps each report as she sent it: kiosk, category, community, day, signed or not, length" \
    "$(sqlite3 "$N" "SELECT r.kiosk_id, v.category, c.name, v.day, v.day_ok, coalesce(l.symbol || '/' || l.colour, 'anonymous'), v.seconds
        FROM voice_report v JOIN record r ON r.id = v.id LEFT JOIN community c ON c.id = v.community_id
        LEFT JOIN learner l ON l.id = v.learner_id ORDER BY v.seconds" | tr '\n' ' ')" "$(sort -t'|' -k7n "$TMP/sent" | tr '\n' ' ')"
same "an anonymous report names no learner in the network" \
    "$(sqlite3 "$N" "SELECT count(*) FROM voice_report WHERE learner_id IS NULL")" "$(grep -c '|anonymous|' "$TMP/sent")"
same "each with its sealed recording" "$(sqlite3 "$N" "SELECT count(*) FROM voice_audio a JOIN voice_report v ON v.id = a.id")" 8
# The reports of harassment and violence: their ids and their lengths, to look for everywhere.
VIOLENT=$(sqlite3 "$N" "SELECT id FROM voice_report WHERE category = 'violence'")
GENERAL=$(sqlite3 "$N" "SELECT count(*) FROM voice_report WHERE category <> 'violence'")
same "three of them" "$(echo "$VIOLENT" | wc -w) $GENERAL" "3 5"

# report NAME FLAGS...: a report into $TMP/NAME; its status in $TMP/NAME.rc.
report() {
    name=$1; shift
    "$CTL" report "$N" --out "$TMP/$name" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    echo $? >"$TMP/$name.rc"
}
# general NAME: no trace of a report of harassment or violence anywhere in $TMP/NAME (and its
# xAPI file, if any): no page or folder of them, no id, no category word, no recording, no count.
# (The network has no quiz: no module or question, whose words might speak of violence, is in a page.)
general() {
    d="$TMP/$1"
    same "$1: no sensitive page or folder" "$(ls -d "$d/sensitive.html" "$d/sensitive" 2>/dev/null)" ""
    hits=""
    for id in $VIOLENT; do hits="$hits$(grep -rl "$id" "$d" "$d.jsonl" 2>/dev/null)$(find "$d" -name "*$id*")"; done
    same "$1: no id of a sensitive report in any file or file name" "$hits" ""
    same "$1: no word of harassment or violence in any file" "$(grep -rilE "violence|violencia|acoso" "$d" "$d.jsonl" 2>/dev/null)" ""
    [ ! -d "$d/voices" ] || same "$1: no recording of one among the OGG files" \
        "$(for f in "$d"/voices/*.ogg; do for v in 12 14 23; do [ -f "$f" ] && cmp -s "$f" "$TMP/rec/$v.ogg" && echo "$f"; done; done)" ""
    same "$1: every message counted is one of the general part" \
        "$(grep -o '<b>[0-9]*</b>mensajes' "$d/voices.html") $(grep -o '[0-9]* mensajes de voz' "$d/report.html")" \
        "<b>$GENERAL</b>mensajes $GENERAL mensajes de voz"
    same "$1: the chart of what they report adds up to the general part" \
        "$(sed -n '/aria-label="Mensajes por tema"/,/<\/svg>/p' "$d/voices.html" | sed -n 's/.*font-size="14">\([0-9]*\)<.*/\1/p' | awk '{ n += $1 } END { print n }')" "$GENERAL"
    same "$1: Santa Filomena's chart counts only its general reports" "$(grep -c '<h3>Santa Filomena (3)</h3>' "$d/voices.html")" 1
    same "$1: voices.csv: a row per general report" "$(($(wc -l <"$d/voices.csv") - 1))" "$GENERAL"
}

# Every combination of the other flags: NAME FLAGS (KEY: the network's key, XAPI: a statements file).
while read -r name flags; do
    # shellcheck disable=SC2086
    report "$name" $(echo "$flags" | sed "s|KEY|$K/network.key|; s|XAPI|$TMP/$name.jsonl|")
    expect_rc "report ${flags:-without flags}" "$name" 0
    general "$name"
done <<EOF
plain
anon --anonymous
key --identity KEY
xapi --xapi XAPI
anon_key --anonymous --identity KEY
anon_xapi --anonymous --xapi XAPI
key_xapi --identity KEY --xapi XAPI
all --anonymous --identity KEY --xapi XAPI --home https://red.example.org
EOF
G="$TMP/key"
A_="$TMP/anon_key"

# The voices page: linked from the report; a row per report by category, community and month.
expect_line "report.html links to the voices page" "$G/report.html" '<a href="voices.html">'
# rows PAGE: the rows of its table of reports, cells between "|", a player row as "PLAYER".
rows() {
    sed -n '/<h2>Los mensajes/,/<\/table>/p' "$1" | grep -E '^<tr( class="said")?><td>|^<tr class="play">' |
        sed 's/.*<audio[^>]*><\/audio>.*/PLAYER/; s/<[^>]*>/|/g; s/||*/|/g'
}
rows "$G/voices.html" >"$TMP/rows"
same "its table: by category, community and month; her sign in the course's words, or anonymous" "$(tr '\n' ' ' <"$TMP/rows")" \
"|$(what rock)|Santa Filomena|2026-11|$(po sign.llama) $(po colour.red)|0:11| PLAYER \
|$(what dust)|Santa Filomena|2026-12|anónimo|0:13| PLAYER \
|$(what dust)|Santa Filomena|2027-01|$(po sign.sun) $(po colour.blue)|0:15| PLAYER \
|$(what noppe)|Pampa Blanca|mes desconocido|anónimo|0:22| PLAYER \
|$(what mercury)|Pampa Blanca|2026-10|$(po sign.moon) $(po colour.green)|0:21| PLAYER "
same "a recording beside the page for each, mode 0600" "$(ls "$G/voices" | wc -l) $(stat -c %a "$G"/voices/*.ogg | sort -u)" "$GENERAL 600"
bad=""
for src in $(sed -n 's/.*<audio controls preload="none" src="\([^"]*\)".*/\1/p' "$G/voices.html"); do
    id=$(basename "$src" .ogg)
    n=$(sqlite3 "$N" "SELECT seconds FROM voice_report WHERE id = '$id'")
    cmp -s "$G/$src" "$TMP/rec/$n.ogg" || bad="$bad $src"
done
same "each player's OGG is the very recording she made, byte for byte" "$bad" ""
same "and there is a player for each" "$(grep -c '<audio controls' "$G/voices.html")" "$GENERAL"
same "voices.csv: ids, her sign as in the other CSV files, month empty when the kiosk's clock was wrong" \
    "$(sed '1s/^\xEF\xBB\xBF//' "$G/voices.csv" | tr -d '\r' | cut -d, -f2-4,6-8 | tr '\n' ' ')" \
    "category,community,month,signed,sign,seconds rock,Santa Filomena,2026-11,yes,llama/red,11 dust,Santa Filomena,2026-12,no,,13 dust,Santa Filomena,2027-01,yes,sun/blue,15 noppe,Pampa Blanca,,no,,22 mercury,Pampa Blanca,2026-10,yes,moon/green,21 "
same "without --identity the page says in one line that the recordings need the network's key" \
    "$(grep -c 'Las grabaciones no están aquí.*--identity network.key' "$TMP/plain/voices.html") $(grep -c '<audio' "$TMP/plain/voices.html") $(ls "$TMP/plain/voices" 2>/dev/null | wc -l)" "1 0 0"
expect_line "and so does the command" "$TMP/plain.out" "5 voice reports on voices.html \(their recordings need the network's key"

# --anonymous: signed reports say so, without her sign.
rows "$A_/voices.html" >"$TMP/arows"
same "--anonymous: the same rows, signs left out" "$(grep -v PLAYER "$TMP/arows" | cut -d'|' -f5 | tr '\n' ' ')" \
    "con su seña (omitida) anónimo con su seña (omitida) anónimo con su seña (omitida) "
same "--anonymous: no sign in the voices page or its CSV" \
    "$(grep -ciE "$(po sign.llama) $(po colour.red)|$(po sign.sun) $(po colour.blue)|$(po sign.moon) $(po colour.green)|llama|moon/|sun/" \
        "$A_/voices.html" "$A_/voices.csv" | cut -d: -f2 | tr '\n' ' ')" "0 0 "
same "--anonymous: voices.csv keeps signed or not" "$(sed '1d' "$A_/voices.csv" | cut -d, -f6,7 | tr -d '\r' | tr '\n' ' ')" "yes, no, yes, no, yes, "

# --include-sensitive: a page of their own, first line and title saying what it holds; the
# general files are the same bytes as without it.
report s --identity "$K/network.key" --include-sensitive
expect_rc "report --include-sensitive" s 0
S="$TMP/s/sensitive.html"
first=$(python3 - "$S" <<'PY'
import html.parser, sys
class P(html.parser.HTMLParser):
    title, texts, where = "", [], []
    def handle_starttag(self, tag, attrs):
        if tag not in ("meta", "br", "link", "img"): self.where.append(tag)
    def handle_endtag(self, tag): self.where.pop() if self.where else None
    def handle_data(self, d):
        tag = self.where[-1] if self.where else ""
        if tag == "title" and "svg" not in self.where: self.title += d
        elif tag not in ("style", "head", "html") and d.strip(): self.texts.append(d.strip())
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
print(p.title); print(p.texts[0] if p.texts else "")
PY
)
same "sensitive.html: its title says it holds sensitive reports of harassment and violence, to keep apart" \
    "$(echo "$first" | sed -n 1p | grep -ciE '^Reportes sensibles de acoso y violencia.*aparte')" 1
same "and so does the first text a reader sees" "$(echo "$first" | sed -n 2p)" "$(echo "$first" | sed -n 1p)"
same "it lists the three, signed one by her sign, anonymous as anonymous, month unknown when the clock was wrong" \
    "$(rows "$S" | grep -v PLAYER | cut -d'|' -f2-5 | tr '\n' ' ')" \
    "$(what violence)|Pampa Blanca|2026-10|$(po sign.moon) $(po colour.green) $(what violence)|Santa Filomena|2026-11|$(po sign.llama) $(po colour.red) $(what violence)|Santa Filomena|mes desconocido|anónimo "
bad=""
for src in $(sed -n 's/.*<audio controls preload="none" src="\([^"]*\)".*/\1/p' "$S"); do
    n=$(sqlite3 "$N" "SELECT seconds FROM voice_report WHERE id = '$(basename "$src" .ogg)' AND category = 'violence'")
    case "$src" in sensitive/*) ;; *) bad="$bad outside:$src" ;; esac
    cmp -s "$TMP/s/$src" "$TMP/rec/$n.ogg" || bad="$bad $src"
done
same "its OGGs, in sensitive/, are her recordings byte for byte" "$bad $(ls "$TMP/s/sensitive" | wc -l)" " 3"
expect_line "the command says where they are and to keep them apart" "$TMP/s.out" "3 reports of harassment and violence on sensitive.html, apart"
same "the general page, its CSV and report.html: the same bytes as without --include-sensitive" \
    "$(for f in voices.html voices.csv report.html; do cmp "$TMP/s/$f" "$G/$f"; done 2>&1)" ""
same "no sensitive recording among the general ones" "$(ls "$TMP/s/voices" | sort | tr '\n' ' ')" "$(ls "$G/voices" | sort | tr '\n' ' ')"

# A general report made again in the same folder removes the sensitive page and folder left there.
cp -r "$TMP/s" "$TMP/again"
report again --identity "$K/network.key"
expect_rc "a general report into a folder with an earlier sensitive page" again 0
general again
# One that cannot be removed (a folder of someone's inside): the report refuses and writes nothing.
report t --include-sensitive
mkdir -p "$TMP/t/sensitive/mine"
rm "$TMP/t/report.html"
report t
expect_rc "a sensitive folder that cannot be emptied: the report refuses" t 1
expect_line "and says why" "$TMP/t.err" "t/sensitive: cannot remove what an earlier report left there"
same "writing nothing" "$(ls "$TMP/t/report.html" 2>/dev/null)" ""

# A wrong key: the page lists the reports, each row and the command say the recording could not be opened.
"$CTL" keygen --out "$TMP/other" >/dev/null
report w --identity "$TMP/other/network.key"
expect_rc "a key that is not the network's: the report says it failed" w 1
expect_line "naming what went wrong" "$TMP/w.err" "5 recordings could not be opened \(the first: [0-9a-f-]+: wrong recipient"
same "and no recording is written" "$(ls "$TMP/w/voices" 2>/dev/null | wc -l) $(grep -c 'No se pudo abrir la grabación' "$TMP/w/voices.html")" "0 5"

# Headless Chromium, as for report.html: no sideways scrolling on a phone or a laptop; A4 print.
for page in "$G/voices.html" "$S"; do
    CH="$TMP/ch-$(basename "$page" .html)"
    mkdir -p "$CH"
    HOME="$CH" timeout -k 5 120 python3 tests/page_check.py "$page" "$CH" 390 1280 >"$CH/out" 2>"$CH/err"
    b=$(basename "$page")
    same "$b: Chromium renders it" "$?: $(tail -1 "$CH/err")" "0: "
    # What a reader of the printed page reads first: its title (on a line or two).
    title=$(sed -n 's/^<title>\(.*\)<\/title>$/\1/p' "$page")
    same "$b: printed, its first line is its title" \
        "$(pdftotext -l 1 "$CH/page.pdf" - 2>/dev/null | grep . | head -2 | tr '\n' ' ' | cut -c1-${#title})" "$title"
    same "$b: on a phone, 390 px wide, nothing sticks out sideways" "$(sed -n 's/^width=390 scroll=\([0-9]*\) .*/\1/p' "$CH/out")" 390
    same "$b: on a laptop, 1280 px wide, neither" "$(sed -n 's/^width=1280 scroll=\([0-9]*\) .*/\1/p' "$CH/out")" 1280
    pdfinfo "$CH/page.pdf" >"$CH/pdfinfo" 2>&1
    expect_line "$b: printed, on A4 pages" "$CH/pdfinfo" "^Page size: +59[45]\.[0-9]* x 841\.[0-9]* pts \(A4\)"
    [ -z "${PALLAY_SHOTS:-}" ] || cp "$CH/page-390.png" "$PALLAY_SHOTS/$(basename "$page" .html)-390.png"
done

# pallayctl certificate and verify-certificate: a kiosk database made with pallayctl's facilitator
# commands and the quiz records the kiosk's store writes; certificates for the women who passed
# every module, read back with poppler's tools (text, fonts, page size, a rendering); their codes
# checked, then refused once a stored field, a quiz or the key is not what it was.
. tests/lib.sh

CTL="$(pwd)/$BUILD/pallayctl"
K="$TMP/keys"
D="$TMP/kiosk.db"
run() {
    name=$1; shift
    printf '2580\n2580\n' | "$CTL" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
    echo $? >"$TMP/$name.rc"
}
# expect_in NAME FILE TEXT: FILE holds TEXT (fixed string).
expect_in() {
    if grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1" "expected '$3' in $(basename "$2"), got: $(head -c 300 "$2" | tr '\n' '|')"; fi
}
expect_not_in() {
    if grep -qaF -- "$3" "$2"; then fail "$1" "expected no '$3' in $(basename "$2"), got: $(grep -aF -- "$3" "$2" | head -c 200)"; else pass "$1"; fi
}

# pixels PNG CONDITION: how many pixels of the PNG (8-bit RGB or RGBA) meet the Python condition on r, g, b.
pixels() {
    python3 -c "
import zlib,struct,sys
d=open(sys.argv[1],'rb').read();p=8;raw=b'';w=h=0
while p<len(d):
    n,t=struct.unpack('>I4s',d[p:p+8]);c=d[p+8:p+8+n];p+=12+n
    if t==b'IHDR': w,h,bd,ct=struct.unpack('>IIBB',c[:10])
    if t==b'IDAT': raw+=c
r=zlib.decompress(raw);bpp=3 if ct==2 else 4;s=w*bpp;prev=bytearray(s);out=0;i=0
for y in range(h):
    f=r[i];line=bytearray(r[i+1:i+1+s]);i+=1+s
    for x in range(s):
        a=line[x-bpp] if x>=bpp else 0;b=prev[x];c=prev[x-bpp] if x>=bpp else 0
        if f==1: line[x]=(line[x]+a)&255
        elif f==2: line[x]=(line[x]+b)&255
        elif f==3: line[x]=(line[x]+(a+b)//2)&255
        elif f==4:
            pa,pb,pc=abs(b-c),abs(a-c),abs(a+b-2*c);pr=a if pa<=pb and pa<=pc else b if pb<=pc else c;line[x]=(line[x]+pr)&255
    out+=sum(1 for x in range(0,s,bpp) if eval(sys.argv[2],{'r':line[x],'g':line[x+1],'b':line[x+2]}));prev=line
print(out)" "$1" "$2"
}
"$CTL" keygen --out "$K" >/dev/null
mkdir -p "$TMP/other"
"$CTL" keygen --out "$TMP/other" >/dev/null
echo cccccccccccccccccccccccccccccccc >"$TMP/c.machine"
export PALLAY_MACHINE_ID="$TMP/c.machine"

# Q'orianka first registered in Pampa Blanca without giving her name, then moved and consents to
# it (her latest registration counts); Inés gave hers, then registered again without consent (her
# name taken back); Rosa consents but has not passed the last module.
run pin set-pin "$D" --name "Ana Condori Ñahui"
run p0 add-participant "$D" --sign llama/red --consent no --community "Pampa Blanca"
run p1 add-participant "$D" --sign llama/red --consent yes --name "Q'orianka Ñusta Huamaní" --community "Santa Filomena" --born 1986
run p2 add-participant "$D" --sign moon/red --consent yes --name "Inés Apaza Ccori" --community "Santa Filomena"
run p3 add-participant "$D" --sign moon/red --consent no --community "Santa Filomena"
expect_rc "a woman registers again, without consent" p3 0
run p4 add-participant "$D" --sign sun/blue --consent yes --name "Rosa Ttito" --community "Pampa Blanca"
modules=$("$CTL" list-modules | cut -f1)
last=$(echo "$modules" | tail -1)

# quiz N SYMBOL MODULE PASSED DAY [CLOCK]: attempt N of the woman with that symbol, ended on day
# DAY of November 2026 (passed 1 or 0), as the kiosk's store writes it; CLOCK 0: the kiosk's clock
# was not trusted and said 1970.
quiz() {
    a="00000000-0000-4000-8000-00000000a$(printf %03d "$1")"
    e="00000000-0000-4000-8000-00000000e$(printf %03d "$1")"
    at=$((1793491200 + 86400 * ($5 - 1) + 3600 * 10 + $1))
    [ "${6:-1}" = 1 ] || at=$((100 + $1))
    sqlite3 "$D" "
        INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) VALUES ('$a', (SELECT id FROM kiosk), (SELECT max(seq) FROM record) + 1, 'attempt', $at - 60, ${6:-1});
        INSERT INTO attempt SELECT '$a', id, '$3', 'v1', 4, 3 FROM learner WHERE symbol = '$2';
        INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok) VALUES ('$e', (SELECT id FROM kiosk), (SELECT max(seq) FROM record) + 1, 'attempt_end', $at, ${6:-1});
        INSERT INTO attempt_end VALUES ('$e', '$a', 3 + $4 - 1, 4, $4);"
}
n=0
for m in $modules; do
    n=$((n + 1))
    quiz "$n" llama "$m" 1 $((n + 1))
    quiz $((n + 100)) llama "$m" 1 28          # passed again later: the first day counts
    quiz $((n + 400)) llama "$m" 1 1 0         # and before, by a clock that said 1970: no day
    # Inés passed the first module only while the kiosk's clock was wrong.
    [ "$n" = 1 ] && quiz $((n + 200)) moon "$m" 1 20 0 || quiz $((n + 200)) moon "$m" 1 20
    [ "$m" = "$last" ] && quiz $((n + 300)) sun "$m" 0 20 || quiz $((n + 300)) sun "$m" 1 20
done

run c1 certificate "$D" --sign llama/red --key "$K/content.key" --out "$TMP/q.pdf" --content . --network "Red de pallaqueras de Nazca"
expect_rc "she has passed every module: her certificate is made" c1 0
expect_line "one line names the file and the code" "$TMP/c1.out" "q\.pdf: certificate of llama/red, code [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$"
code=$(sed -n 's/.*code //p' "$TMP/c1.out")
pdftotext -layout "$TMP/q.pdf" "$TMP/q.txt" 2>/dev/null
expect_in "her name prints with ñ, accents and apostrophe" "$TMP/q.txt" "Q'orianka Ñusta Huamaní"
expect_in "her community" "$TMP/q.txt" "Santa Filomena"
expect_in "the network's name" "$TMP/q.txt" "Red de pallaqueras de Nazca"
expect_in "the facilitator of her registration" "$TMP/q.txt" "Ana Condori Ñahui"
expect_in "the code" "$TMP/q.txt" "$code"
"$CTL" list-strings es | grep -E '^[a-z]+\.title	' | cut -f2 >"$TMP/titles"
missing=$(while read -r t; do grep -qF "$t" "$TMP/q.txt" || echo "$t"; done <"$TMP/titles")
same "every module's Spanish title is on it ($(wc -l <"$TMP/titles"))" "$missing" ""
expect_in "the first module's date: her first pass, in Spanish" "$TMP/q.txt" "2 de noviembre de 2026"
expect_no_line "a later pass does not move the date" "$TMP/q.txt" "28 de noviembre"
expect_no_line "nor one at a time not trusted" "$TMP/q.txt" "1970"
# pdffonts: name, type, encoding, emb, sub, uni, object ID: every font embedded, each a DejaVu.
pdffonts "$TMP/q.pdf" 2>/dev/null | awk 'NR > 2 { print $1, $(NF-4) }' | sed 's/^[A-Z]*+//' | sort -u >"$TMP/fonts"
same "the fonts: DejaVu, embedded" "$(tr '\n' ' ' <"$TMP/fonts")" "DejaVuSans yes DejaVuSans-Bold yes "
same "one page" "$(pdfinfo "$TMP/q.pdf" | sed -n 's/^Pages: *//p')" "1"
same "A4" "$(pdfinfo "$TMP/q.pdf" | sed -n 's/^Page size: *\([0-9.]* x [0-9.]*\).*/\1/p')" "595.28 x 841.89"

# Without her consent to a name: her sign, and no name anywhere in the file.
run c2 certificate "$D" --sign moon/red --key "$K/content.key" --out "$TMP/m.pdf" --content . --network "Red de pallaqueras de Nazca"
expect_rc "a woman without a name given gets hers too" c2 0
pdftotext -layout "$TMP/m.pdf" "$TMP/m.txt" 2>/dev/null
expect_in "her sign's Spanish name instead" "$TMP/m.txt" "Luna, color rojo"
expect_not_in "not the name she took back" "$TMP/m.txt" "Inés"
expect_not_in "nor her surname" "$TMP/m.txt" "Apaza"
expect_not_in "nor anyone else's name" "$TMP/m.txt" "Q'orianka"
expect_not_in "nothing of it in the file's bytes (metadata)" "$TMP/m.pdf" "Apaza"
expect_not_in "nor the word in UTF-16 metadata" "$TMP/m.pdf" "$(printf 'A\000p\000a\000z\000a')"
expect_in "her community still" "$TMP/m.txt" "Santa Filomena"
expect_in "a module passed only while the clock was wrong: no day" "$TMP/m.txt" "fecha no registrada"
expect_not_in "not 1970" "$TMP/m.txt" "1970"
pdftoppm -png -r 50 -singlefile "$TMP/m.pdf" "$TMP/m" 2>"$TMP/ppm.err"
pdftoppm -png -r 50 -singlefile "$TMP/q.pdf" "$TMP/q" 2>>"$TMP/ppm.err"
same "both render at 50 dpi, A4 (414 x 585)" "$(file -b "$TMP/m.png" "$TMP/q.png" | cut -d, -f1,2 | sort -u | tr '\n' ' ')" "PNG image data, 414 x 585 "
# Her sign's picture drawn in her colour: red pixels on the page (the rest is green, gold, grey).
red=$(pixels "$TMP/m.png" "r > 180 and g < 90 and b < 90")
[ "$red" -gt 100 ] && pass "her sign is drawn in her colour ($red red pixels)" || fail "her sign is drawn in her colour" "expected over 100 red pixels, got $red"
if [ -n "${PALLAY_SHOTS:-}" ]; then mkdir -p "$PALLAY_SHOTS"; cp "$TMP/q.png" "$PALLAY_SHOTS/certificate-name.png"; cp "$TMP/m.png" "$PALLAY_SHOTS/certificate-sign.png"; cp "$TMP/q.pdf" "$TMP/m.pdf" "$PALLAY_SHOTS/"; fi

same "no logo in the course: nothing blue drawn" "$(pixels "$TMP/q.png" "b > 200 and r < 60 and g < 60")" "0"

# The network's logo, when the course has one (assets/pictures/logo.svg), and the network's name
# from the settings file.
mkdir -p "$TMP/course/assets/pictures"
ln -s "$(pwd)/locales" "$TMP/course/locales"
for f in assets/*; do [ "$f" = assets/pictures ] || ln -s "$(pwd)/$f" "$TMP/course/$f"; done
for f in assets/pictures/*; do ln -s "$(pwd)/$f" "$TMP/course/$f"; done
printf '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><circle cx="50" cy="50" r="45" fill="#0000FF"/></svg>\n' >"$TMP/course/assets/pictures/logo.svg"
printf '%s\n' "network_name = Asociación de pallaqueras \"Señor de Qoyllur Rit'i\"" >"$TMP/net.conf"
run lg certificate "$D" --sign llama/red --key "$K/content.key" --out "$TMP/logo.pdf" --content "$TMP/course" --config "$TMP/net.conf"
expect_rc "with a logo and a settings file" lg 0
pdftoppm -png -r 50 -singlefile "$TMP/logo.pdf" "$TMP/logo" 2>>"$TMP/ppm.err"
blue=$(pixels "$TMP/logo.png" "b > 200 and r < 60 and g < 60")
[ "$blue" -gt 200 ] && pass "the logo is drawn ($blue blue pixels)" || fail "the logo is drawn" "expected over 200 blue pixels, got $blue"
pdftotext "$TMP/logo.pdf" "$TMP/logo.txt" 2>/dev/null
expect_in "the network's name from network_name" "$TMP/logo.txt" "Asociación de pallaqueras \"Señor de Qoyllur Rit'i\""
same "still one page" "$(pdfinfo "$TMP/logo.pdf" | sed -n 's/^Pages: *//p')" "1"

# Rosa lacks the last module: no certificate, and the line says which.
run c3 certificate "$D" --sign sun/blue --key "$K/content.key" --out "$TMP/s.pdf" --content .
expect_rc "a woman who lacks a module gets none" c3 1
expect_line "the line names what she lacks" "$TMP/c3.out" "sun/blue has not earned the certificate yet: still lacks .*\($last\)$"
same "no file is written" "$(ls "$TMP/s.pdf" 2>/dev/null)" ""

run all certificate "$D" --all --key "$K/content.key" --out "$TMP/all" --content . --network "Red de pallaqueras de Nazca"
expect_rc "--all" all 0
same "--all makes exactly the earned ones, named by sign" "$(ls "$TMP/all" | tr '\n' ' ')" "llama-red.pdf moon-red.pdf "
expect_count "a line per file" "$TMP/all.out" "\.pdf: certificate of" 2
expect_line "and the count" "$TMP/all.out" "^2 certificates made, of 3 women$"
same "the same certificate again: the same code, kept once" "$(grep -c "code $code" "$TMP/all.out")$(sqlite3 "$D" "SELECT count(*) FROM net_certificate WHERE code = '$(echo "$code" | tr -d -)'")" "11"

# The network's database, from the kiosk's bundle: the same certificate, the same code (the
# signature is deterministic); a code made on the kiosk is unknown there until made there.
run ex export "$D" --out "$TMP/bundles" --recipient "$(cat "$K/network.pub")"
"$CTL" merge "$TMP/net.db" "$TMP/bundles" --identity "$K/network.key" >"$TMP/merge.out" 2>&1
echo $? >"$TMP/merge.rc"
expect_rc "the kiosk's records merge" merge 0
run n0 verify-certificate "$code" --db "$TMP/net.db" --key "$K/content.pub"
expect_line "a code the network never made is unknown there" "$TMP/n0.out" "^not genuine: unknown code"
run n1 certificate "$TMP/net.db" --sign llama/red --key "$K/content.key" --out "$TMP/net.pdf" --content . --network "Red de pallaqueras de Nazca"
expect_rc "the network database makes it too" n1 0
same "with the same code" "$(sed -n 's/.*code //p' "$TMP/n1.out")" "$code"
run n2 verify-certificate "$code" --db "$TMP/net.db" --key "$K/content.pub"
expect_rc "and confirms it" n2 0

# Checking codes.
run v1 verify-certificate "$code" --db "$D" --key "$K/content.pub"
expect_rc "the printed code is genuine" v1 0
expect_line "with her name, as she consented" "$TMP/v1.out" "^  name: Q'orianka Ñusta Huamaní$"
expect_line "and the modules with dates" "$TMP/v1.out" "^  module: 2026-11-02 .*\(ppe\)$"
lower=$(echo "$code" | tr 'A-Z' 'a-z' | tr -d -)
run v2 verify-certificate "$lower" --db "$D" --key "$K/content.pub"
expect_rc "in lower case without dashes too" v2 0
mcode=$(sed -n 's/.*code //p' "$TMP/c2.out")
run v3 verify-certificate "$mcode" --db "$D" --key "$K/content.pub"
expect_line "without consent: her sign, no name" "$TMP/v3.out" "^  sign: Luna, color rojo$"
expect_no_line "no name line" "$TMP/v3.out" "name:"
# The last character changed (to a digit: a letter could be one read as a digit anyway).
case "$code" in *0) changed="${code%?}1" ;; *) changed="${code%?}0" ;; esac
run v4 verify-certificate "$changed" --db "$D" --key "$K/content.pub"
expect_rc "a changed code is refused" v4 1
expect_line "as unknown" "$TMP/v4.out" "^not genuine: unknown code"
run v5 verify-certificate "$code" --db "$D" --key "$TMP/other/content.pub"
expect_rc "another network's key refuses it" v5 1
expect_line "the signature does not verify" "$TMP/v5.out" "^not genuine: the signature does not verify"

# A stored field changed: a name put on the certificate without consent.
cp "$D" "$TMP/forged.db"
sqlite3 "$TMP/forged.db" "UPDATE net_certificate SET fields = replace(fields, 'sign: Luna, color rojo', 'name: Inés Apaza Ccori')"
run v6 verify-certificate "$mcode" --db "$TMP/forged.db" --key "$K/content.pub"
expect_rc "a stored field changed is refused" v6 1
expect_line "its signature no longer verifies" "$TMP/v6.out" "^not genuine: the signature does not verify"

# A quiz voided after the certificate was made.
qid=$(sqlite3 "$D" "SELECT e.id FROM attempt_end e JOIN attempt a ON a.id = e.attempt_id JOIN learner l ON l.id = a.learner_id
                    WHERE l.symbol = 'moon' AND a.module = 'dust'")
run vd void "$D" "$qid" --reason "answered by her neighbour"
expect_rc "her dust quiz is voided" vd 0
run v7 verify-certificate "$mcode" --db "$D" --key "$K/content.pub"
expect_rc "a certificate whose quiz was voided since is refused" v7 1
expect_line "the records changed" "$TMP/v7.out" "^not genuine: the records changed since it was made: module dust is no longer passed"
run c4 certificate "$D" --sign moon/red --key "$K/content.key" --out "$TMP/m2.pdf" --content .
expect_rc "nor is a new one made" c4 1

# The kiosk still opens its database with the certificates' table in it.
run info info "$D"
expect_rc "pallayctl info reads the kiosk database" info 0
run st stats "$D"
expect_rc "and its stats" st 0

# She withdraws her consent: her name leaves the certificates kept in the database too, and the
# code says why it no longer confirms anything.
run wd withdraw-consent "$D" --sign llama/red
expect_rc "Q'orianka withdraws her consent" wd 0
same "no certificate kept holds her name" "$(sqlite3 "$D" "SELECT count(*) FROM net_certificate WHERE fields LIKE '%orianka%'")" "0"
same "nor do the database's bytes" "$(cat "$D" "$D-wal" 2>/dev/null | grep -ac orianka)" "0"
run v8 verify-certificate "$code" --db "$D" --key "$K/content.pub"
expect_rc "her old code no longer confirms a certificate" v8 1
expect_line "and says why" "$TMP/v8.out" "^not genuine: she withdrew her consent"
run c5 certificate "$D" --sign llama/red --key "$K/content.key" --out "$TMP/q2.pdf" --content .
expect_rc "a new certificate is made" c5 0
pdftotext "$TMP/q2.pdf" "$TMP/q2.txt" 2>/dev/null
expect_in "with her sign" "$TMP/q2.txt" "Llama, color rojo"
expect_not_in "and without her name" "$TMP/q2.txt" "orianka"

# Her withdrawal reaches the network in a bundle: merged, it erases her name from the network's
# certificates too.
run ex2 export "$D" --out "$TMP/bundles" --recipient "$(cat "$K/network.pub")"
"$CTL" merge "$TMP/net.db" "$TMP/bundles" --identity "$K/network.key" >"$TMP/merge2.out" 2>&1
echo $? >"$TMP/merge2.rc"
expect_rc "the withdrawal merges into the network database, certificates and all" merge2 0
same "no certificate of the network holds her name" "$(sqlite3 "$TMP/net.db" "SELECT count(*) FROM net_certificate WHERE fields LIKE '%orianka%'")" "0"
run n3 verify-certificate "$code" --db "$TMP/net.db" --key "$K/content.pub"
expect_line "and the network's code says she withdrew" "$TMP/n3.out" "^not genuine: she withdrew her consent"

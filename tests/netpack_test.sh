# Content packs from the network's folder: the coordinator publishes a pack into the sync
# folder's content/ with pallayctl publish-pack (the pack, its .minisig, and a manifest signed
# with the content key); a running kiosk finds it at its contact with the folder, downloads it and
# installs it as it would from a stick, and the new module is on the home screen. A manifest
# signed by another key, and a pack whose bytes are not the ones the manifest names, are refused
# with their reasons and the course in use stays; a manifest already refused downloads nothing
# again, not even after a restart. The server is nginx with its DAV module on 127.0.0.1.
. tests/lib.sh
. tests/davserver.sh

CTL="$(pwd)/$BUILD/pallayctl"
K="$TMP/keys"
CD="$TMP/content"
DB="$TMP/kiosk.db"
kpid=
trap 'stop_nginx; [ -n "$kpid" ] && kill "$kpid" 2>/dev/null; [ -n "${PALLAY_KEEP:-}" ] || rm -rf "$TMP"' EXIT
if ! have_nginx; then
    echo "FAIL netpack_test: no nginx (kiosk/setup.sh installs it)"
    exit 0
fi
export PALLAY_MACHINE_ID="$TMP/machine-id"
echo 0123456789abcdef0123456789abcdef >"$PALLAY_MACHINE_ID"
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PALLAY_SCRIPT_PATIENCE=60000

serve_nginx
same "nginx with its DAV module answers on 127.0.0.1:$port" "$([ -n "$ngpid" ] && echo up)" up
URL="http://127.0.0.1:$port/dav/pallay/"
printf 'kiosk secret 7\n' >"$TMP/password"
chmod 600 "$TMP/password"
"$CTL" keygen --out "$K" >/dev/null
"$CTL" keygen --out "$TMP/other" >/dev/null
printf 'content_dir = %s\ncontent_key = %s\nsync_url = %s\nsync_user = pallay\nsync_password_file = %s\nnetwork_recipient = %s\n' \
    "$CD" "$(tail -1 "$K/content.pub")" "$URL" "$TMP/password" "$(cat "$K/network.pub")" >"$TMP/pallay.conf"
printf '2580\n2580\n' | "$CTL" set-pin "$DB" --name "Rosa Quispe" >/dev/null 2>&1

# upload DIR: the coordinator's upload into the folder's content/, with curl: the manifest last.
upload() {
    for f in $(cd "$1" && ls | grep -v '^manifest') manifest.minisig manifest; do
        curl -s -f -u 'pallay:kiosk secret 7' -T "$1/$f" "${URL}content/$f" || echo "upload of $f failed"
    done
}
# run NAME SCRIPT [flags]: the kiosk on $DB with pallay.conf, until its script ends.
run() {
    name=$1
    printf '%s\n' "$2" >"$TMP/$name.script"
    shift 2
    "$BUILD/pallay" --db "$DB" --trace "$TMP/$name.trace" --script "$TMP/$name.script" --pin_setup 0 --size 800x480 \
        --usb_roots "$TMP/no-sticks" --machine_id "$PALLAY_MACHINE_ID" --config "$TMP/pallay.conf" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    kpid=$!
    wait "$kpid"
    echo $? >"$TMP/$name.rc"
    kpid=
}
fingerprint() { (cd "$CD/current/" 2>/dev/null && find . -type f | sort | xargs sha256sum | sha256sum | cut -c1-16); }
gets() { grep -c "GET /dav/pallay/content/$1 " "$TMP/nginx/access.log"; }

# The course with one more module ("extra"), as a pack of version 200, published.
B="$TMP/B"
copy_content "$B"
sed 's/^module  *ppe$/module extra/' assets/modules/10-ppe.module >"$B/assets/modules/95-extra.module"
"$CTL" pack-content "$B" --key "$K/content.key" --out "$TMP/course-200.pack" --version 200 --unchecked >/dev/null 2>&1
"$CTL" publish-pack "$TMP/course-200.pack" --key "$K/content.key" --out "$TMP/pub" >"$TMP/publish.out" 2>&1
same "publish-pack succeeds" "$?" 0
expect_line "it says what it wrote and how to upload it" "$TMP/publish.out" \
    "pub: version 200, course-200.pack \([0-9]+ bytes\), its .minisig, manifest and manifest.minisig; upload them into the folder's content/"
same "the folder to upload holds the pack, its signature and the signed manifest" "$(ls "$TMP/pub" | tr '\n' ' ')" \
    "course-200.pack course-200.pack.minisig manifest manifest.minisig "
same "the manifest names the pack: format, version, name, size, SHA-256" "$(cat "$TMP/pub/manifest")" \
    "$(printf 'format 1\nversion 200\npack course-200.pack\nsize %s\nsha256 %s' "$(stat -c %s "$TMP/course-200.pack")" \
        "$(sha256sum <"$TMP/course-200.pack" | cut -d' ' -f1)")"
minisign -Vm "$TMP/pub/manifest" -p "$K/content.pub" >"$TMP/mv.out" 2>&1
same "the stock minisign verifies the manifest with the content key" "$?" 0
"$CTL" publish-pack "$TMP/course-200.pack" --key "$TMP/other/content.key" --out "$TMP/pub-other" >/dev/null 2>"$TMP/puboth.err"
same "publish-pack refuses a pack that its key did not sign" "$?" 1
expect_line "and says why" "$TMP/puboth.err" "course-200.pack: .*signed by key .*; nothing was published"
upload "$TMP/pub"

# 1. A running kiosk finds the pack at its first contact, installs it, and the new module is on
# the home screen without a restart.
run good "expect screen language
expect content net fetched version=200 pack=course-200.pack
expect content install done version=200 was=0
expect content reload version=200 languages=2 modules=9
tap lang:es
tap lang:es
tap guest
tap guest
expect screen home lang=es
tap tile:extra
expect key=ppe.title
quit"
expect_rc "the kiosk fetches and installs the published pack, and ends its script" good 0
expect_seq "it reads the manifest, fetches the pack, installs it and loads it" "$TMP/good.trace" \
    "content net fetched version=200 pack=course-200.pack bytes=" "content inbox found" "content install done version=200" \
    "content reload version=200 languages=2 modules=9"
expect_line "the new module is on the home screen: its tile speaks from the new course" "$TMP/good.trace" \
    "audio start .*content/v200-[0-9a-f]*/generated/voice/es/ppe.title.ogg key=ppe.title"
same "current points to the new course" "$(readlink "$CD/current" | cut -d- -f1)" "v200"
same "the pack was downloaded once" "$(gets course-200.pack)" 1
good=$(fingerprint)

# 2. The same manifest again: the kiosk looks, and downloads nothing.
run again "expect content net current version=200
quit"
expect_rc "a restarted kiosk looks at the folder again" again 0
same "the same manifest again downloads nothing" "$(gets course-200.pack)" 1

# 3. A manifest signed by another key (a forged one, naming a pack of version 300): refused as a
# stick's pack would be, nothing downloaded, the course in use unchanged.
"$CTL" pack-content "$B" --key "$TMP/other/content.key" --out "$TMP/forged-300.pack" --version 300 --unchecked >/dev/null 2>&1
"$CTL" publish-pack "$TMP/forged-300.pack" --key "$TMP/other/content.key" --out "$TMP/pub-forged" >/dev/null 2>&1
upload "$TMP/pub-forged"
run forged "expect content install refused reason=key pack=forged-300.pack
quit"
expect_rc "a kiosk given a forged manifest keeps running" forged 0
expect_line "it says why on stderr, and that the course is unchanged" "$TMP/forged.err" \
    "content pack forged-300.pack refused \(key\): .*the course in use is unchanged"
same "nothing of the forged pack was downloaded" "$(gets forged-300.pack)" 0
same "the forged manifest leaves the course in use unchanged" "$(fingerprint)" "$good"
same "it is noted in the kiosk's health" "$(sqlite3 "$DB" "SELECT count(*) FROM kiosk_event WHERE detail = 'content refused key'")" 1

# 4. A pack whose bytes differ from the manifest's SHA-256 (another pack, signed by the right key,
# put in its place): downloaded, refused for its hash, the course in use unchanged.
"$CTL" pack-content "$B" --key "$K/content.key" --out "$TMP/course-300.pack" --version 300 --unchecked >/dev/null 2>&1
mkdir -p "$TMP/swap"
"$CTL" pack-content "$B" --key "$K/content.key" --out "$TMP/swap/course-300.pack" --version 301 --unchecked >/dev/null 2>&1
"$CTL" publish-pack "$TMP/course-300.pack" --key "$K/content.key" --out "$TMP/pub-300" >/dev/null 2>&1
cp "$TMP/swap/course-300.pack" "$TMP/swap/course-300.pack.minisig" "$TMP/pub-300/"
upload "$TMP/pub-300"
run hash "expect content install refused reason=hash pack=course-300.pack
quit"
expect_rc "a kiosk given a pack that is not the manifest's keeps running" hash 0
expect_line "it says the hash is not the manifest's" "$TMP/hash.err" \
    "content pack course-300.pack refused \(hash\): course-300.pack: [0-9]+ bytes with SHA-256 .*the manifest says"
same "the pack not named by the manifest leaves the course in use unchanged" "$(fingerprint)" "$good"
same "current still points to version 200" "$(readlink "$CD/current" | cut -d- -f1)" "v200"
same "nothing is left in the kiosk's download folder" "$(ls -A "$TMP/.pallay-content" | wc -l)" 0

# 5. The refused manifest again, after a restart: nothing downloaded, nothing said again.
run seen "expect content net seen version=300
quit"
expect_rc "a restarted kiosk looks at the refused manifest" seen 0
same "the refused manifest downloads nothing again" "$(gets course-300.pack)" 1
expect_no_line "and is not refused again" "$TMP/seen.trace" "content install refused"

# 6. A manifest naming a pack over pack_max_mb: refused for its size before a byte of it comes.
"$CTL" pack-content "$B" --key "$K/content.key" --out "$TMP/course-400.pack" --version 400 --unchecked >/dev/null 2>&1
same "the course pack is over 1 MB (for the limit below)" "$([ "$(stat -c %s "$TMP/course-400.pack")" -gt 1048576 ] && echo yes)" yes
"$CTL" publish-pack "$TMP/course-400.pack" --key "$K/content.key" --out "$TMP/pub-400" >/dev/null 2>&1
upload "$TMP/pub-400"
run big "expect content install refused reason=size pack=course-400.pack
quit" --pack_max_mb 1
expect_rc "a kiosk given a pack over its limit keeps running" big 0
expect_line "it says the pack is over pack_max_mb" "$TMP/big.err" "course-400.pack refused \(size\): the manifest's pack is [0-9]+ bytes, over pack_max_mb \(1 MB\)"
same "nothing of the pack over the limit was downloaded" "$(gets course-400.pack)" 0
same "the pack over the limit leaves the course in use unchanged" "$(fingerprint)" "$good"

# 7. A network fault while fetching content (a manifest naming a pack not on the server): the
# records still leave, the fault is said in the network's words, and the next contact tries again.
"$CTL" pack-content "$B" --key "$K/content.key" --out "$TMP/course-500.pack" --version 500 --unchecked >/dev/null 2>&1
"$CTL" publish-pack "$TMP/course-500.pack" --key "$K/content.key" --out "$TMP/pub-500" >/dev/null 2>&1
for f in manifest.minisig manifest; do curl -s -f -u 'pallay:kiosk secret 7' -T "$TMP/pub-500/$f" "${URL}content/$f"; done
printf '2580\n' | "$CTL" add-participant "$DB" --sign llama/red --consent yes --name "Q'orianka Ñusta" --community Chala --born 1986 >/dev/null 2>&1
run missing "expect content net fault=server
quit"
expect_rc "a kiosk whose pack is missing on the server keeps running" missing 0
expect_seq "the records leave, then the content's fault is said" "$TMP/missing.trace" "sync net records=[1-9][0-9]* " "content net fault=server"
expect_line "stderr says the step and the answer" "$TMP/missing.err" "content from the network: GET: the server answered 404 .*\(server\); looked at again at the next contact"
cp "$TMP/pub-500/course-500.pack" "$TMP/pub-500/course-500.pack.minisig" "$DAV/content/"
run found "expect content install done version=500 was=200
quit"
expect_rc "once the pack is there, the next contact installs it" found 0
same "current points to version 500" "$(readlink "$CD/current" | cut -d- -f1)" "v500"

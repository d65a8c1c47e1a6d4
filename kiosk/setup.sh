#!/bin/sh
# Installs the Debian 12 packages Pallay needs to build, test and run, and nothing that is
# already there: each need is checked first (pkg-config, or the tool on PATH), and apt-get runs
# only for what is missing. Safe to run any number of times.
set -eu

# --cross arm64: what `make CROSS=aarch64-linux-gnu` and `make test-arm64` need instead: Debian's
# cross compiler, the arm64 libraries beside this machine's (multiarch), and qemu-user.
if [ "${1:-}" = "--cross" ] && [ "${2:-}" = "arm64" ]; then
    [ -x /usr/bin/aarch64-linux-gnu-gcc ] && [ -x /usr/bin/qemu-aarch64 ] &&
        aarch64-linux-gnu-pkg-config --exists sdl2 sqlite3 libsodium libcurl vorbisenc cairo librsvg-2.0 freetype2 2>/dev/null && exit 0
    echo "Pallay set-up: installing the arm64 cross compiler and libraries"
    SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    export DEBIAN_FRONTEND=noninteractive
    $SUDO dpkg --add-architecture arm64
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends crossbuild-essential-arm64 qemu-user \
        libsdl2-dev:arm64 libsqlite3-dev:arm64 libsodium-dev:arm64 libcurl4-openssl-dev:arm64 \
        libvorbis-dev:arm64 libstb-dev:arm64 libcairo2-dev:arm64 librsvg2-dev:arm64 libfreetype-dev:arm64
    exit 0
fi

missing=""
need_pc() { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
need_bin() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need_file() { [ -e "$1" ] || missing="$missing $2"; }

need_bin cc gcc
need_bin make make
need_bin pkg-config pkg-config
need_pc sdl2 libsdl2-dev
need_pc sqlite3 libsqlite3-dev
need_pc stb libstb-dev
need_pc libsodium libsodium-dev
need_pc vorbisenc libvorbis-dev
need_pc libcurl libcurl4-openssl-dev   # records upload to the network's WebDAV folder
need_pc cairo libcairo2-dev         # pallayctl certificate: the PDF...
need_pc librsvg-2.0 librsvg2-dev    # ...the sign's picture in it...
need_pc freetype2 libfreetype-dev   # ...and the font embedded
need_pc x11 libx11-dev            # the test of the kiosk's compose table types through libX11
need_bin espeak-ng espeak-ng
need_bin oggenc vorbis-tools
need_bin sox sox
need_bin rsvg-convert librsvg2-bin
need_bin msgfmt gettext
need_bin xvfb-run xvfb
need_bin xauth xauth
need_bin xwd x11-apps             # the fullscreen test reads the X screen as it is shown...
need_bin xwdtopnm netpbm          # ...and compares it with the kiosk's screenshot
need_bin sqlite3 sqlite3          # the tests read the database as a coordinator would
need_file /usr/bin/time time        # make bench: peak memory of pallayctl merge
need_bin age age                  # the coordinator's stock tools: the tests' oracle for bundles
need_bin minisign minisign
need_bin python3 python3           # the fault-injecting proxy in front of the tests' WebDAV server
need_file /usr/sbin/nginx nginx   # the tests' WebDAV server (its DAV module), on loopback
need_file /usr/lib/nginx/modules/ngx_http_dav_ext_module.so libnginx-mod-http-dav-ext  # PROPFIND, for pallayctl fetch
need_bin soffice libreoffice-calc-nogui   # the tests open the coordinator's CSV files as she would...
need_bin chromium chromium                # ...and her report page, on a phone and a laptop
need_bin pdfinfo poppler-utils            # (the page printed on A4)
need_file /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf fonts-dejavu-core

# A kiosk whose settings leave the help contacts empty can only tell a woman in danger to ask the
# facilitator: say so to whoever sets it up (the built-in default is Peru's national lines).
if [ -f pallay.conf ] && grep -Eq '^[[:space:]]*help_contacts[[:space:]]*=[[:space:]]*(#.*)?$' pallay.conf; then
    echo "Pallay set-up: warning: pallay.conf sets no help contacts (help_contacts is empty); the help slide" \
         "will show no number. Write your network's numbers, or remove the line for Peru's national lines." >&2
fi

[ -z "$missing" ] && exit 0
echo "Pallay set-up: installing$missing"
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
    command -v sudo >/dev/null 2>&1 || { echo "Pallay set-up: run as root, or install:$missing" >&2; exit 1; }
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing

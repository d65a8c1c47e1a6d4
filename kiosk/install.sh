#!/bin/sh
# Makes this board a Pallay kiosk: run as root from the source folder on Debian 12 or Raspberry Pi
# OS Lite. It installs the packages, builds (if not built yet), installs both programs and the
# course under PREFIX, creates the unprivileged `pallay` user, writes /etc/pallay/pallay.conf (an
# edited one is kept), installs the service, the USB stick rule and a console that never blanks,
# and enables them. Safe to run again: a second run changes nothing that the first one made.
#
# usage: kiosk/install.sh [--prefix /usr/local] [--root DIR] [--no-build] [--no-start]
#   --root DIR   install into an image or a test folder mounted at DIR instead of this system
#                (users in DIR/etc/passwd, units enabled in DIR; nothing is started)
#   --no-build   use build/ as it is (no packages, no compiler: an offline board)
#   --no-start   enable the service for the next boot without starting it now
set -eu

PREFIX=/usr/local ROOT= BUILD_IT=1 START=1
BUILD=${BUILD:-build}   # the build to install (make test installs its sanitizer build)
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX=$2; shift 2 ;;
        --root) ROOT=$(cd "$2" && pwd); START=0; shift 2 ;;
        --no-build) BUILD_IT=0; shift ;;
        --no-start) START=0; shift ;;
        *) echo "install.sh: unknown option $1 (see the first lines of kiosk/install.sh)" >&2; exit 2 ;;
    esac
done
say() { echo "Pallay install: $*"; }
[ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo kiosk/install.sh)" >&2; exit 1; }
cd "$(dirname "$0")/.."
[ -f app/kiosk.c ] || { echo "install.sh: run it from a Pallay source folder" >&2; exit 1; }

# 1. Packages and the build (skipped for an image made elsewhere, or with --no-build).
if [ "$BUILD_IT" -eq 1 ] && [ -z "$ROOT" ]; then
    kiosk/setup.sh
    make --no-print-directory BUILD="$BUILD" all content
fi
[ -x "$BUILD/pallay" ] && [ -d build/content/voice ] || { echo "install.sh: nothing built; run make all content first" >&2; exit 1; }

# 2. The kiosk's user: no login, no home of its own but its data, only the groups it needs for
# the screen (video, render), the touch screen (input) and the speaker (audio).
prefix_opt=
[ -n "$ROOT" ] && prefix_opt="--prefix $ROOT"
for g in audio video input render; do
    # shellcheck disable=SC2086
    grep -q "^$g:" "$ROOT/etc/group" || groupadd $prefix_opt --system "$g"
done
if grep -q '^pallay:' "$ROOT/etc/passwd"; then
    # shellcheck disable=SC2086
    usermod $prefix_opt -a -G audio,video,input,render pallay
else
    # shellcheck disable=SC2086
    useradd $prefix_opt --system --user-group --home-dir /var/lib/pallay --no-create-home \
        --shell /usr/sbin/nologin --groups audio,video,input,render pallay
    say "created the user pallay"
fi

# 3. Programs, course and settings (make install keeps an edited pallay.conf).
make --no-print-directory install BUILD="$BUILD" DESTDIR="$ROOT" PREFIX="$PREFIX" >/dev/null
# The settings as shipped, beside an edited pallay.conf: kept only when they differ from it.
new="$ROOT/etc/pallay/pallay.conf.new"
if [ -f "$new" ]; then
    if cmp -s "$new" "$ROOT/etc/pallay/pallay.conf"; then rm "$new"
    else say "kept your /etc/pallay/pallay.conf; the settings as shipped are in pallay.conf.new"; fi
fi
uid=$(awk -F: '$1 == "pallay" { print $3 }' "$ROOT/etc/passwd")
gid=$(awk -F: '$1 == "pallay" { print $4 }' "$ROOT/etc/passwd")
chown -R "$uid:$gid" "$ROOT/var/lib/pallay"
chmod 0750 "$ROOT/var/lib/pallay"
# The settings may hold the upload password's path and the network keys: readable by the kiosk
# and root only.
chown "root:$gid" "$ROOT/etc/pallay/pallay.conf"
chmod 0640 "$ROOT/etc/pallay/pallay.conf"

# 4. The service (with this prefix), the stick rule and its mount folder, a console that never
# blanks (the kiosk draws on it through KMS/DRM; the console's blanking would turn it off).
install -d "$ROOT/etc/systemd/system" "$ROOT/etc/udev/rules.d" "$ROOT/etc/tmpfiles.d" "$ROOT/media/pallay"
sed "s|/usr/local/bin/|$PREFIX/bin/|" kiosk/pallay.service >"$ROOT/etc/systemd/system/pallay.service.new"
install -m 644 kiosk/99-pallay-usb.rules "$ROOT/etc/udev/rules.d/99-pallay-usb.rules.new"
cat >"$ROOT/etc/tmpfiles.d/pallay.conf.new" <<'EOF'
# Pallay: the kiosk's console never blanks, and sticks are mounted under /media/pallay.
w /sys/module/kernel/parameters/consoleblank - - - - 0
d /media/pallay 0755 root root -
EOF
changed=0
for f in systemd/system/pallay.service udev/rules.d/99-pallay-usb.rules tmpfiles.d/pallay.conf; do
    if cmp -s "$ROOT/etc/$f.new" "$ROOT/etc/$f"; then
        rm "$ROOT/etc/$f.new"
    else
        mv "$ROOT/etc/$f.new" "$ROOT/etc/$f"
        chmod 644 "$ROOT/etc/$f"
        changed=1
        say "installed /etc/$f"
    fi
done

# 5. Enabled for every boot; started now unless this is an image or --no-start.
if [ -n "$ROOT" ]; then
    systemctl --root="$ROOT" enable pallay.service >/dev/null 2>&1
    systemctl --root="$ROOT" mask getty@tty1.service >/dev/null 2>&1
    say "installed into $ROOT; it starts at the first boot"
    exit 0
fi
if [ "$changed" -eq 1 ]; then
    systemctl daemon-reload
    udevadm control --reload 2>/dev/null || true
    systemd-tmpfiles --create /etc/tmpfiles.d/pallay.conf || true
fi
systemctl enable pallay.service >/dev/null
systemctl mask getty@tty1.service >/dev/null 2>&1 || true
if [ "$START" -eq 1 ]; then
    systemctl restart pallay.service
    say "the kiosk is running (journalctl -u pallay to read what it says)"
else
    say "the kiosk starts at the next boot"
fi

#!/usr/bin/env bash
# Tests deploy/setup.sh for real in a throwaway Debian root (debootstrap + chroot), as root:
#   deploy/test/chroot-test.sh [ROOT_DIR]
# 1. debootstrap Debian bookworm (minbase + systemd, curl) into ROOT_DIR (kept and reused if it is already there),
# 2. dotnet publish the self-contained program, 3. inside the chroot: setup.sh (first run installs), setup.sh again
# (must report no changes), systemd-analyze verify on the installed unit, setup.sh --uninstall (keeps data), then
# --uninstall --purge. It takes minutes (more than CI's budget for a unit test), so CI runs only the static checks.
set -euo pipefail
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 2; }
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
root=${1:-/tmp/mailstreams-chroot}
base=$root.base

command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
if [ ! -x "$base/bin/bash" ]; then
  # The mirror this machine's apt already uses.
  mirror=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '/^deb / && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list)
  debootstrap --variant=minbase --include=systemd,ca-certificates,curl,procps bookworm "$base" "$mirror"
fi
unmount_all() {
  for m in dev/pts dev sys proc; do
    if mountpoint -q "$root/$m" 2>/dev/null; then umount "$root/$m" || umount -l "$root/$m"; fi
  done
}
# Never delete through a bind mount: that would delete the host's /dev.
unmount_all
if grep -q " $root/" /proc/mounts; then echo "refusing to delete $root: something is still mounted below it" >&2; exit 1; fi
rm -rf --one-file-system "$root"
cp -a "$base" "$root"
trap unmount_all EXIT
mount --bind /proc "$root/proc"; mount --bind /sys "$root/sys"; mount --bind /dev "$root/dev"; mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"

if [ ! -x "$repo/out/linux-x64/mailstreams" ]; then
  dotnet publish "$repo/src/MailStreams.Host" -c Release -r linux-x64 --self-contained -o "$repo/out/linux-x64" -v quiet -nologo
fi
mkdir -p "$root/src/deploy" "$root/src/package"
cp -a "$repo/deploy/." "$root/src/deploy/"
cp -a "$repo/out/linux-x64/." "$root/src/package/"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
step() { echo; echo "=== $* ==="; }

step "first run: installs"
in_root /src/deploy/setup.sh --domain example.org --resend-api-key re_test_key --webhook-secret whsec_dGVzdHNlY3JldA== --package /src/package
step "second run: no changes"
out=$(in_root /src/deploy/setup.sh --domain example.org --resend-api-key re_test_key --webhook-secret whsec_dGVzdHNlY3JldA== --package /src/package)
echo "$out"
grep -q "no changes: everything was already in place" <<<"$out" || { echo "FAIL: the second run changed something" >&2; exit 1; }
step "installed files"
in_root ls -l /opt/mailstreams/mailstreams /etc/mailstreams /etc/systemd/system/mailstreams.service /etc/caddy/sites
in_root stat -c '%U:%G %a %n' /var/lib/mailstreams /etc/mailstreams /etc/mailstreams/age.key /etc/mailstreams/secrets.encrypted.yaml
step "the service user decrypts the server's secrets file"
in_root runuser -u mailstreams -- env SOPS_AGE_KEY_FILE=/etc/mailstreams/age.key \
  /opt/mailstreams/mailstreams secrets get RESEND_API_KEY --file /etc/mailstreams/secrets.encrypted.yaml
step "Caddy accepts the configuration"
in_root caddy validate --config /etc/caddy/Caddyfile --adapter caddyfile 2>&1 | tail -n 1
step "systemd-analyze verify on the installed unit"
in_root systemd-analyze verify /etc/systemd/system/mailstreams.service && echo "verify: ok"
step "uninstall (keeps data)"
in_root /src/deploy/setup.sh --uninstall
in_root test -d /var/lib/mailstreams && echo "data kept: /var/lib/mailstreams"
in_root test ! -e /opt/mailstreams && in_root test ! -e /etc/systemd/system/mailstreams.service && echo "program and unit removed"
if in_root grep -q "import /etc/caddy/sites" /etc/caddy/Caddyfile; then echo "FAIL: the Caddyfile still imports the site" >&2; exit 1; fi
echo "Caddy site and import removed"
step "uninstall --purge"
in_root /src/deploy/setup.sh --uninstall --purge
in_root test ! -e /var/lib/mailstreams && echo "data removed"
echo; echo "chroot test passed"

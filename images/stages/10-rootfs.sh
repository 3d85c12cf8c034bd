#!/usr/bin/env bash
# Stage 10: the guest's Debian 12 i386 root filesystem (minbase + Docker engine).
# In: $WORK. Out: $WORK/rootfs.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

mirror=$(debian_mirror bookworm) || die "no Debian bookworm mirror found in /etc/apt; set SANDBOX_DEBIAN_MIRROR"
security=$(debian_mirror bookworm-security || true)  # optional
packages=$(grep -vE '^\s*(#|$)' "$RECIPE/packages.txt" | paste -sd, -)

log "debootstrap bookworm i386 minbase from $mirror"
# Retried as a whole, from an empty directory (lib/common.sh bootstrap).
retry 3 bootstrap "$WORK/rootfs" "$WORK/debootstrap.log" --include="$packages" bookworm "$WORK/rootfs" "$mirror" ||
  { tail -n 30 "$WORK/debootstrap.log" >&2; die "debootstrap failed (log: $WORK/debootstrap.log)"; }

# Updates: bookworm-updates and bookworm-security. The i386 security index is
# flaky ("File has unexpected size"), so after retries the build goes on
# without it (with a warning) rather than failing.
sources() {
  echo "deb $mirror bookworm main"
  echo "deb $mirror bookworm-updates main"
  if [[ -n $1 ]]; then echo "deb $1 bookworm-security main"; fi
}
sources "$security" >"$WORK/rootfs/etc/apt/sources.list"
if ! retry 3 chroot "$WORK/rootfs" apt-get -q update >"$WORK/apt-update.log" 2>&1; then
  log "warning: the security index failed 3 times; updating from bookworm-updates only"
  sources "" >"$WORK/rootfs/etc/apt/sources.list"
  retry 3 chroot "$WORK/rootfs" apt-get -q update >>"$WORK/apt-update.log" 2>&1 ||
    die "apt-get update in the guest root failed (log: $WORK/apt-update.log)"
fi
DEBIAN_FRONTEND=noninteractive chroot "$WORK/rootfs" apt-get -q -y \
  -o Dpkg::Options::=--force-confold upgrade >>"$WORK/apt-update.log" 2>&1 ||
  die "apt-get upgrade in the guest root failed (log: $WORK/apt-update.log)"

# Docker from trixie at exact versions (packages-trixie.txt), pinned low so
# nothing else is taken from it, without Recommends; no daemon is started in
# the chroot (policy-rc.d).
trixie=$(grep -vE '^\s*(#|$)' "$RECIPE/packages-trixie.txt")
echo "deb $mirror trixie main" >>"$WORK/rootfs/etc/apt/sources.list"
printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' >"$WORK/rootfs/etc/apt/preferences.d/trixie"
retry 3 chroot "$WORK/rootfs" apt-get -q update >>"$WORK/apt-update.log" 2>&1 ||
  die "apt-get update with trixie failed (log: $WORK/apt-update.log)"
printf '#!/bin/sh\nexit 101\n' >"$WORK/rootfs/usr/sbin/policy-rc.d" && chmod +x "$WORK/rootfs/usr/sbin/policy-rc.d"
# shellcheck disable=SC2086 # one word per package=version
retry 3 env DEBIAN_FRONTEND=noninteractive chroot "$WORK/rootfs" apt-get -q -y --no-install-recommends \
  -o Dpkg::Options::=--force-confold install $trixie >>"$WORK/apt-update.log" 2>&1 ||
  die "installing Docker from trixie failed (log: $WORK/apt-update.log)"
rm -f "$WORK/rootfs/usr/sbin/policy-rc.d"
for want in $trixie; do
  got=$(chroot "$WORK/rootfs" dpkg-query -W -f='${Version}' "${want%%=*}") || die "${want%%=*} is not installed"
  [[ $got == "${want#*=}" ]] || die "${want%%=*}: installed $got, the recipe wants ${want#*=}"
done

# iptables: Docker drives the nft backend through iptables-nft.
chroot "$WORK/rootfs" update-alternatives --set iptables /usr/sbin/iptables-nft >/dev/null
chroot "$WORK/rootfs" update-alternatives --set ip6tables /usr/sbin/ip6tables-nft >/dev/null

# Record what is installed (goes into the manifest), then drop what the guest
# never reads: apt lists and caches, docs, man pages, locales.
chroot "$WORK/rootfs" dpkg-query -W -f='${Package} ${Version}\n' >"$WORK/packages.lock"
rm -rf "$WORK/rootfs"/var/lib/apt/lists/* "$WORK/rootfs"/var/cache/apt/*.bin \
  "$WORK/rootfs"/var/cache/apt/archives/*.deb "$WORK/rootfs"/usr/share/doc/* \
  "$WORK/rootfs"/usr/share/man/* "$WORK/rootfs"/usr/share/info/* "$WORK/rootfs"/var/log/*.log
find "$WORK/rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} +
log "rootfs: $(du -sh "$WORK/rootfs" | cut -f1)"

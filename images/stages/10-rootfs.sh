#!/usr/bin/env bash
# Stage 10: the guest's Debian 12 i386 base root filesystem: minbase, the
# packages in packages.txt, and bookworm's updates. Apt's lists stay for
# stage 12, which installs the Docker engine on top and then trims the tree.
# The slowest stage (its dpkg runs under qemu-i386), and it does not depend on
# the engine: build.sh keeps its output in the stage cache.
# In: $WORK. Out: $WORK/rootfs.
# stage-cache: rootfs <- packages.txt
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
rm -f "$WORK/rootfs"/var/cache/apt/archives/*.deb
log "base rootfs: $(du -sh "$WORK/rootfs" | cut -f1)"

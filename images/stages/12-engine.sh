#!/usr/bin/env bash
# Stage 12: the Docker engine (packages-engine.txt) on top of stage 10's base
# root filesystem, then the tree trimmed to what the guest reads.
# In: $WORK/rootfs (with apt lists). Out: $WORK/rootfs, $WORK/packages.lock.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

engine=$(grep -vE '^\s*(#|$)' "$RECIPE/packages-engine.txt")
log "Docker engine: $(paste -sd' ' <<<"$engine")"
# No daemon is started in the chroot (policy-rc.d); no Recommends, as
# debootstrap --include would have it.
printf '#!/bin/sh\nexit 101\n' >"$WORK/rootfs/usr/sbin/policy-rc.d" && chmod +x "$WORK/rootfs/usr/sbin/policy-rc.d"
# shellcheck disable=SC2086 # one word per package
retry 3 env DEBIAN_FRONTEND=noninteractive chroot "$WORK/rootfs" apt-get -q -y --no-install-recommends \
  -o Dpkg::Options::=--force-confold install $engine >"$WORK/apt-engine.log" 2>&1 ||
  die "installing the Docker engine failed (log: $WORK/apt-engine.log)"
rm -f "$WORK/rootfs/usr/sbin/policy-rc.d"

# iptables: Docker 20.10 drives the nft backend through iptables-nft.
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

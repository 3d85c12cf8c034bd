#!/usr/bin/env bash
# Stage 12: the Docker engine on top of stage 10's base root filesystem:
# Docker from Debian 13 (trixie) at the exact versions of packages-engine.txt,
# then the tree trimmed to what the guest reads.
# In: $WORK/rootfs (with apt's lists). Out: $WORK/rootfs, $WORK/packages.lock.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

mirror=$(debian_mirror bookworm) || die "no Debian bookworm mirror found in /etc/apt; set SANDBOX_DEBIAN_MIRROR"
engine=$(grep -vE '^\s*(#|$)' "$RECIPE/packages-engine.txt")
log "Docker engine from trixie: $(paste -sd' ' <<<"$engine")"

# Trixie pinned low so nothing else is taken from it, without Recommends; no
# daemon is started in the chroot (policy-rc.d).
echo "deb $mirror trixie main" >>"$WORK/rootfs/etc/apt/sources.list"
printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' >"$WORK/rootfs/etc/apt/preferences.d/trixie"
retry 3 chroot "$WORK/rootfs" apt-get -q update >"$WORK/apt-engine.log" 2>&1 ||
  die "apt-get update with trixie failed (log: $WORK/apt-engine.log)"
printf '#!/bin/sh\nexit 101\n' >"$WORK/rootfs/usr/sbin/policy-rc.d" && chmod +x "$WORK/rootfs/usr/sbin/policy-rc.d"
# shellcheck disable=SC2086 # one word per package=version
retry 3 env DEBIAN_FRONTEND=noninteractive chroot "$WORK/rootfs" apt-get -q -y --no-install-recommends \
  -o Dpkg::Options::=--force-confold install $engine >>"$WORK/apt-engine.log" 2>&1 ||
  die "installing Docker from trixie failed (log: $WORK/apt-engine.log)"
rm -f "$WORK/rootfs/usr/sbin/policy-rc.d"
for want in $engine; do
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

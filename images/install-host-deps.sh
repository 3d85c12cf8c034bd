#!/usr/bin/env bash
# Install the Debian packages the VM build (and the browser tests) need on the
# build machine, and make i386 binaries runnable for debootstrap's second stage.
# Idempotent; called by `npm start`, `npm test` and .ci/run.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

[[ $EUID -eq 0 ]] || die "installing build packages needs root (try: sudo bash images/install-host-deps.sh)"
command -v apt-get >/dev/null || die "apt-get not found: the VM build needs a Debian (12+) machine"

packages=(debootstrap e2fsprogs seabios zstd cpio kmod gcc gcc-multilib binutils qemu-user-static ca-certificates attr)
[[ ${SANDBOX_SKIP_BROWSER:-0} == 1 ]] || packages+=(chromium)

missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if ! dpkg --print-foreign-architectures | grep -qx i386; then
  log "enabling the i386 architecture (for the guest kernel package)"
  dpkg --add-architecture i386
  missing+=(__update)
fi
if ((${#missing[@]})); then
  log "installing: ${missing[*]/__update/}"
  # The i386 security index is sometimes out of sync; apt then exits non-zero
  # but the rest of the indexes are fine, so a failed update is not fatal.
  retry 3 apt-get update -q >/dev/null || log "warning: apt-get update reported errors; continuing"
  pkgs=("${missing[@]/__update/}")
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${pkgs[*]} >/dev/null ||
    die "apt-get install failed for: ${pkgs[*]}"
fi

# debootstrap runs the guest's (i386) maintainer scripts in a chroot. Some
# kernels cannot execute i386 binaries natively; then qemu-i386 does it.
bash "$(dirname "$0")/lib/enable-i386.sh"
log "host dependencies ready"

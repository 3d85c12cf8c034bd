#!/usr/bin/env bash
# Stage 15: the image shelf's Debian layers (images/shelf/shelf.json): debian
# (a minbase bootstrap) and every other image but busybox as ONE layer on top
# of it: `apt-get install` + images/shelf/configure/NAME.sh in an overlay
# mount, whose upper directory is exactly that layer (whiteouts converted to
# Docker's .wh. files). Needs only the Debian mirror, not the guest's root:
# build.sh runs it beside stages 10-30.
# In: the mirror. Out: $WORK/shelf/NAME/{layer.tar,packages}.
# stage-cache: shelf <- lib/shelf.sh shelf/shelf.json shelf/configure
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/shelf.sh"

rm -rf "$shelf" && mkdir -p "$shelf"

# debian: minbase without docs, man pages or locales (kept between builds).
mkdir -p "$shelf/debian"
deb=$WORK/images/debian
mirror=$(debian_mirror bookworm) || die "no Debian mirror in /etc/apt"
if [[ ! -x $deb/bin/bash || ! -f $deb/.sandbox-base ]]; then
  retry 3 bootstrap "$deb" "$WORK/debootstrap-slim.log" bookworm "$deb" "$mirror" ||
    die "debootstrap of debian:bookworm-slim failed (log: $WORK/debootstrap-slim.log)"
  rm -rf "$deb"/var/lib/apt/lists/* "$deb"/var/cache/apt/*.bin "$deb"/var/cache/apt/archives/*.deb \
    "$deb"/usr/share/doc/* "$deb"/usr/share/man/* "$deb"/usr/share/info/* "$deb"/var/log/*.log
  find "$deb/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  printf 'deb %s bookworm main\n' "$mirror" >"$deb/etc/apt/sources.list"
  : >"$deb/etc/resolv.conf"   # dockerd mounts the container's own; never ship the build host's
  touch "$deb/.sandbox-base"
fi
tar --numeric-owner --sort=name -C "$deb" --exclude=./.sandbox-base -cf "$shelf/debian/layer.tar" .
log "image debian: layer $(du -h "$shelf/debian/layer.tar" | cut -f1) (uncompressed tar)"

# overlay_image NAME: apt-get install NAME's packages on top of debian in an
# overlay mount and keep the upper directory as the layer.
overlay_image() {
  local name=$1 packages upper=$WORK/images/$1.upper ovl=$WORK/images/$1.work merged=$WORK/images/$1.merged
  packages=$(field "$name" packages)
  umount -R "$merged" 2>/dev/null || true
  rm -rf "$upper" "$ovl" "$merged" && mkdir -p "$upper" "$ovl" "$merged" "$shelf/$name"
  # Plain copy-ups only (no redirect/metacopy), so the upper dir is a portable diff.
  mount -t overlay overlay -o "lowerdir=$deb,upperdir=$upper,workdir=$ovl,redirect_dir=off,metacopy=off,index=off" "$merged" ||
    die "cannot mount overlayfs (needed to build image layers): is the overlay module available?"
  # Build-time only: proc, the host's DNS, no service starts. Bind mounts never reach the upper dir.
  mount -t proc proc "$merged/proc"
  mount --bind /etc/resolv.conf "$merged/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' >"$merged/usr/sbin/policy-rc.d" && chmod 755 "$merged/usr/sbin/policy-rc.d"
  local log=$WORK/image-$name.log
  {
    retry 3 chroot "$merged" apt-get -q update &&
      DEBIAN_FRONTEND=noninteractive chroot "$merged" apt-get -q -y --no-install-recommends install $packages &&
      chroot "$merged" /bin/sh -eu <"$RECIPE/shelf/configure/$name.sh"
  } >"$log" 2>&1 || { umount -R "$merged"; tail -n 30 "$log" >&2; die "building image $name failed (log: $log)"; }
  versions "$name" "$merged" $packages
  rm -f "$merged/usr/sbin/policy-rc.d"
  rm -rf "$merged"/var/lib/apt/lists/* "$merged"/var/cache/apt/*.bin "$merged"/var/cache/apt/archives/*.deb \
    "$merged"/var/cache/debconf/*-old "$merged"/var/lib/dpkg/*-old "$merged"/usr/share/doc/* \
    "$merged"/usr/share/man/* "$merged"/usr/share/info/* "$merged"/var/log/*.log "$merged"/var/log/apt/*
  find "$merged/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  umount "$merged/etc/resolv.conf" "$merged/proc" "$merged"
  # overlayfs marks deletions with 0/0 character devices and replaced
  # directories with an "opaque" xattr; an image layer uses .wh. files.
  find "$upper" -type c | while read -r dev; do
    [[ $(stat -c %t:%T "$dev") == 0:0 ]] || continue
    rm "$dev" && : >"$(dirname "$dev")/.wh.$(basename "$dev")"
  done
  { getfattr -R --absolute-names -n trusted.overlay.opaque "$upper" 2>/dev/null || true; } | sed -n 's/^# file: //p' |
    while read -r dir; do : >"$dir/.wh..wh..opq"; done
  layer "$name" "$upper"
}
for name in $names; do
  [[ $name == busybox || $name == debian ]] || overlay_image "$name"
done


#!/usr/bin/env bash
# Stage 40: container images baked from Debian i386 packages (no registry is
# reachable). Each becomes a tarball plus its `docker import --change` lines in
# /opt/sandbox/images of the guest; the provisioning boot imports them.
# In: $WORK/rootfs. Out: $WORK/rootfs/opt/sandbox/images/*.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

out=$WORK/rootfs/opt/sandbox/images
rm -rf "$out" && mkdir -p "$out"
label_base='LABEL org.opencontainers.image.vendor=docker-sandbox sandbox.build=true'

# image NAME REF DIR CHANGES...: tar DIR as NAME.tar with its metadata.
image() {
  local name=$1 ref=$2 dir=$3; shift 3
  tar --numeric-owner -C "$dir" -cf "$out/$name.tar" .
  echo "$ref" >"$out/$name.ref"
  printf '%s\n' "$@" >"$out/$name.changes"
  log "image $ref: $(du -h "$out/$name.tar" | cut -f1) (uncompressed tar)"
}

# busybox:latest — the static busybox binary and its applet links.
bb=$WORK/images/busybox
rm -rf "$bb" && mkdir -p "$bb"/{bin,etc,root,tmp,var/www,home} && chmod 1777 "$bb/tmp"
cp "$WORK/rootfs/bin/busybox" "$bb/bin/busybox"
for applet in $("$bb/bin/busybox" --list); do
  [[ $applet == busybox ]] || ln -s busybox "$bb/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$bb/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$bb/etc/group"
bbver=$(chroot "$WORK/rootfs" dpkg-query -W -f='${Version}' busybox-static)
image busybox busybox:latest "$bb" 'CMD ["sh"]' \
  "$label_base sandbox.debian-packages=\"busybox-static $bbver\""

# debian:bookworm-slim — a minbase bootstrap without docs, man pages or locales.
deb=$WORK/images/debian
mirror=$(debian_mirror bookworm) || die "no Debian mirror in /etc/apt"
if [[ ! -x $deb/bin/bash ]]; then
  rm -rf "$deb"
  retry 3 debootstrap --arch=i386 --variant=minbase bookworm "$deb" "$mirror" >"$WORK/debootstrap-slim.log" 2>&1 ||
    die "debootstrap of debian:bookworm-slim failed (log: $WORK/debootstrap-slim.log)"
  rm -rf "$deb"/var/lib/apt/lists/* "$deb"/var/cache/apt/*.bin "$deb"/var/cache/apt/archives/*.deb \
    "$deb"/usr/share/doc/* "$deb"/usr/share/man/* "$deb"/usr/share/info/* "$deb"/var/log/*.log
  find "$deb/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
  printf 'deb %s bookworm main\n' "$mirror" >"$deb/etc/apt/sources.list"
fi
image debian debian:bookworm-slim "$deb" 'CMD ["bash"]' 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "$label_base sandbox.debian-packages=\"debootstrap --variant=minbase bookworm\""

#!/usr/bin/env bash
# Stage 40: the image shelf, built from Debian i386 packages because no
# registry is reachable. Stage 15 made the Debian layers; here
#   1. busybox's layer: the guest's static busybox and its applet links;
#   2. images/shelf/buildShelf.ts turns the layers into images: the guest's
#      registry-mirror storage and one `docker load` archive (same config
#      bytes, so dockerd's image IDs are the mirror's digests).
# In: $WORK/rootfs, $WORK/shelf. Out: $WORK/rootfs/{var/lib/sandbox-mirror,
# opt/sandbox/images,etc/sandbox/shelf.tsv}, $WORK/out/shelf.json (sizes, for
# the manifest/bench).
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$(dirname "$0")/../lib/shelf.sh"

# busybox: the guest's static busybox and its applet links.
rm -rf "$shelf/busybox" && mkdir -p "$shelf/busybox"
bb=$WORK/images/busybox
rm -rf "$bb" && mkdir -p "$bb"/{bin,etc,root,tmp,var/www,home} && chmod 1777 "$bb/tmp"
cp "$WORK/rootfs/bin/busybox" "$bb/bin/busybox"
for applet in $("$bb/bin/busybox" --list); do
  [[ $applet == busybox ]] || ln -s busybox "$bb/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$bb/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$bb/etc/group"
layer busybox "$bb"
versions busybox "$WORK/rootfs" busybox-static

npx --no-install tsx "$RECIPE/shelf/buildShelf.ts" "$json" "$shelf" "$WORK/rootfs" "$WORK/out/shelf.json"

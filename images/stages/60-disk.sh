#!/usr/bin/env bash
# Stage 60: the ext4 root disk (also Docker's overlay2 storage), BIOS, kernel.
# In: $WORK/rootfs, $WORK/kernel. Out: $WORK/out/{disk.img,vmlinuz,bios.bin,vgabios.bin}.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

size_mb=${SANDBOX_DISK_MB:-4096}
out=$WORK/out
mkdir -p "$out"
rm -f "$out/disk.img"
# No journal: the disk is throw-away (every visit starts from the snapshot) and
# journal writes would cost emulated I/O and dirty blocks in the snapshot.
# Sparse: unused blocks are holes, never downloaded by the browser.
mkfs.ext4 -q -F -L sandbox -O ^has_journal -m 0 -E lazy_itable_init=0,root_owner=0:0 \
  -d "$WORK/rootfs" "$out/disk.img" "${size_mb}M" || die "mkfs.ext4 -d failed (e2fsprogs >= 1.43 needed)"
cp "$WORK/kernel/vmlinuz" "$out/vmlinuz"
cp /usr/share/seabios/bios.bin "$out/bios.bin"
cp /usr/share/seabios/vgabios-stdvga.bin "$out/vgabios.bin"
log "disk: ${size_mb} MiB sparse, $(du -h "$out/disk.img" | cut -f1) allocated"

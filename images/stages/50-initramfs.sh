#!/usr/bin/env bash
# Stage 50: a small initramfs (static busybox + disk modules + init).
# In: $WORK/rootfs, $WORK/kernel/version. Out: $WORK/out/initrd.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

kver=$(cat "$WORK/kernel/version")
ird=$WORK/initramfs
rm -rf "$ird" && mkdir -p "$ird"/{bin,dev,proc,sys,newroot}
cp "$WORK/rootfs/bin/busybox" "$ird/bin/busybox"
install -m 755 "$RECIPE/initramfs/init" "$ird/init"
# Disk controller + ext4, in dependency order as modprobe would load them.
# crc32c_generic: ext4 needs crc32c and crc32c-intel wants SSE4.2 (v86 has none).
# (--show-depends takes one module; further words would be module parameters.)
for m in crc32c_generic ata_piix sd_mod ext4; do
  modprobe -d "$WORK/rootfs" -S "$kver" --show-depends "$m"
done | awk '$1 == "insmod" { sub("^'"$WORK"'/rootfs", "", $2); print $2 }' | grep -v crc32c-intel | awk '!seen[$0]++' >"$WORK/initramfs.modules"
: >"$ird/modules.list"
while read -r path; do
  mkdir -p "$ird$(dirname "$path")"
  cp "$WORK/rootfs$path" "$ird$path"
  echo "$path" >>"$ird/modules.list"
done <"$WORK/initramfs.modules"
mkdir -p "$WORK/out"
(cd "$ird" && find . | cpio -o -H newc --quiet | gzip -9) >"$WORK/out/initrd"
log "initrd: $(du -h "$WORK/out/initrd" | cut -f1), $(wc -l <"$ird/modules.list") modules"

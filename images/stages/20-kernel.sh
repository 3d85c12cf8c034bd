#!/usr/bin/env bash
# Stage 20: Debian's 686 kernel and the modules the guest needs.
# In: $WORK/rootfs. Out: $WORK/kernel/{vmlinuz,version}, modules in the rootfs.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

mkdir -p "$WORK/kernel" && cd "$WORK/kernel"
rm -rf deb staging ./*.deb
# The versioned package the linux-image-686 metapackage points at today.
pkg=$(apt-cache depends linux-image-686:i386 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
[[ -n $pkg ]] || die "cannot resolve linux-image-686:i386 (is the i386 architecture enabled? run images/install-host-deps.sh)"
log "kernel package: $pkg"
retry 3 apt-get download -q "$pkg" >/dev/null || die "apt-get download $pkg failed"
dpkg-deb -x ./*.deb staging
kver=$(ls staging/lib/modules)
cp "staging/boot/vmlinuz-$kver" vmlinuz
echo "$kver" >version

# Modules: only the subsystems a Docker guest on v86 touches. The kernel loads
# most of them on demand through modprobe (overlay, bridge, veth, nf_tables…).
src=staging/lib/modules/$kver
dst=$WORK/rootfs/lib/modules/$kver
rm -rf "$WORK/rootfs/lib/modules" && mkdir -p "$dst/kernel/drivers"
cp -a "$src"/modules.order "$src"/modules.builtin* "$dst"/
for dir in fs net lib crypto arch block mm; do cp -a "$src/kernel/$dir" "$dst/kernel/"; done
# virtio_net needs net_failover; the rest are the link types Docker networks use.
for dir in virtio char block ata scsi net/virtio_net.ko net/net_failover.ko net/veth.ko net/tun.ko \
  net/tap.ko net/dummy.ko net/macvlan.ko net/macvtap.ko net/ipvlan net/vxlan net/geneve.ko net/bonding \
  net/ifb.ko net/vrf.ko; do
  [[ -e $src/kernel/drivers/$dir ]] || continue
  mkdir -p "$dst/kernel/drivers/$(dirname "$dir")"
  cp -a "$src/kernel/drivers/$dir" "$dst/kernel/drivers/$dir"
done
# File systems a sandbox never mounts.
rm -rf "$dst"/kernel/fs/{ocfs2,gfs2,xfs,btrfs,nfs*,cifs,smb*,ceph,jfs,reiserfs,ntfs*,ubifs,f2fs,afs,coda,dlm,orangefs,udf,hfs*,gfs2}
rm -rf "$dst"/kernel/net/{bluetooth,wireless,mac80211,sunrpc,ceph,rxrpc,nfc,can,ieee802154,mac802154,6lowpan,batman-adv,rds,tipc,sctp,dccp,l2tp,atm,appletalk,x25,lapb,phonet,rfkill,wimax,caif,9p_disabled}
depmod -b "$WORK/rootfs" "$kver"
log "kernel $kver; modules on the root disk: $(du -sh "$dst" | cut -f1)"

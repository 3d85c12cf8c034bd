#!/usr/bin/env bash
# Make sure this machine can execute i386 ELF binaries (debootstrap --arch=i386
# runs them in a chroot). Natively if the kernel has IA32 emulation, else via
# qemu-i386-static registered with binfmt_misc (flag F: works inside chroots).
set -euo pipefail
source "$(dirname "$0")/common.sh"

probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int main(void){return 0;}\n' >"$probe/t.c"
gcc -m32 -static -o "$probe/t" "$probe/t.c" 2>/dev/null || die "gcc -m32 failed: install gcc-multilib"
"$probe/t" 2>/dev/null && exit 0

qemu=/usr/bin/qemu-i386-static
[[ -x $qemu ]] || die "this kernel cannot run i386 binaries and $qemu is missing: install qemu-user-static"
binfmt=/proc/sys/fs/binfmt_misc
[[ -e $binfmt/register ]] || mount -t binfmt_misc binfmt_misc "$binfmt" ||
  die "cannot mount binfmt_misc to run i386 binaries through qemu"
if [[ ! -e $binfmt/qemu-i386 ]]; then
  log "registering qemu-i386 with binfmt_misc"
  printf '%s' ':qemu-i386:M::\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x03\x00:\xff\xff\xff\xff\xff\xfe\xfe\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:'"$qemu"':F' \
    >"$binfmt/register" || die "cannot register qemu-i386 with binfmt_misc"
fi
echo 1 >"$binfmt/qemu-i386" 2>/dev/null || true
"$probe/t" || die "i386 binaries still do not run after registering qemu-i386"

#!/usr/bin/env bash
# Stage 30: the control-channel agent, the on-demand port gate and the
# network setkey hook (static i386 C), and the guest's own files.
# In: $WORK/rootfs. Out: agent + init + configs installed into the rootfs.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"

root=$WORK/rootfs
gcc -m32 -static -O2 -Wall -Wextra -Werror -o "$root/usr/local/sbin/sandbox-agent" \
  "$RECIPE/agent/sandbox-agent.c" || die "building the agent needs gcc-multilib (run images/install-host-deps.sh)"
for tool in sandbox-ondemand sandbox-setkey; do
  gcc -m32 -static -O2 -Wall -Wextra -Werror -o "$root/usr/local/sbin/$tool" "$RECIPE/agent/$tool.c"
done
strip "$root"/usr/local/sbin/sandbox-{agent,ondemand,setkey}

install -m 755 "$RECIPE"/guest/sbin/* "$root/usr/local/sbin/"
install -D -m 644 "$RECIPE/guest/etc/docker/daemon.json" "$root/etc/docker/daemon.json"
install -D -m 644 "$RECIPE/guest/etc/containerd/config.toml" "$root/etc/containerd/config.toml"
install -m 644 "$RECIPE/guest/etc/motd" "$root/etc/motd"
install -D -m 644 "$RECIPE/guest/etc/sandbox/mirror.yml" "$root/etc/sandbox/mirror.yml"
install -m 644 "$RECIPE/guest/etc/profile.d/sandbox.sh" "$root/etc/profile.d/sandbox.sh"
ln -sf /usr/local/sbin/service "$root/usr/sbin/service"

echo sandbox >"$root/etc/hostname"
# localhost is 127.0.0.1 only: the guest and its containers run without IPv6,
# and busybox wget tries just the first address, so "localhost" resolving to
# ::1 made `wget localhost:5000` (and published ports) fail with "refused".
printf '127.0.0.1\tlocalhost\n127.0.1.1\tsandbox\n::1\tip6-localhost ip6-loopback\n' >"$root/etc/hosts"
echo 'nameserver 192.168.86.1' >"$root/etc/resolv.conf"
printf '/dev/sda / ext4 rw,noatime 0 1\n' >"$root/etc/fstab"
passwd -R "$root" -d root >/dev/null   # root without password: the sandbox is single-user
mkdir -p "$root/workspace"

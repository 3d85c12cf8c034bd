#!/usr/bin/env bash
# check-disk.sh DISK: fail when the guest filesystem in DISK is damaged.
#
# Why: one VM build came out with /workspace's directory block overwritten
# (every write there failed with EBADMSG, "Bad message") while the build
# itself reported success. e2fsck -fn finds that in a few seconds. The image
# is a snapshot of a mounted filesystem, so the free block and inode counts
# in the superblock lag (ext4 updates them lazily): those alone are fine.
set -uo pipefail
disk=$1
report=$(e2fsck -fn "$disk" 2>&1)
problems=$(grep -vE '^(e2fsck [0-9]|Pass [1-5]:|Free (blocks|inodes) count wrong|Fix\? no|$|[^ ]+: [0-9]+/[0-9]+ files)' <<<"$report")
if [[ -n $problems ]]; then
  echo "the guest filesystem in $disk is damaged:" >&2
  head -n 20 <<<"$problems" >&2
  exit 1
fi

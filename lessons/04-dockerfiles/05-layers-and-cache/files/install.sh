#!/bin/sh
# Pretends to install the packages in deps.txt, like a package manager would:
# it takes a while and leaves 4 MB of downloads in /tmp/downloads.
set -e
mkdir -p /tmp/downloads vendor
while read -r name version; do
  echo "installing $name $version"
  dd if=/dev/zero of="/tmp/downloads/$name.tar" bs=1024 count=2048 2>/dev/null
  echo "$version" > "vendor/$name"
done < deps.txt
sleep 2

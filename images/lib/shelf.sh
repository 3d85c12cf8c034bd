# Shared by stages 15 and 40 (the image shelf). Sourced, never executed.
# shellcheck shell=bash

shelf=$WORK/shelf
json=$RECIPE/shelf/shelf.json
field() { node -e 'const i = require(process.argv[1]).images.find((i) => i.name === process.argv[2]);
  const v = i[process.argv[3]]; console.log(Array.isArray(v) ? v.join(" ") : (v ?? ""))' "$json" "$1" "$2"; }
names=$(node -p 'require(process.argv[1]).images.map((i) => i.name).join(" ")' "$json")

# layer NAME DIR: tar DIR as NAME's layer (numeric owners, sorted: reproducible).
layer() {
  tar --numeric-owner --sort=name -C "$2" -cf "$shelf/$1/layer.tar" .
  log "image $1: layer $(du -h "$shelf/$1/layer.tar" | cut -f1) (uncompressed tar)"
}
# versions NAME ROOT PKGS...: "package version" lines for the labels.
versions() {
  local name=$1 root=$2; shift 2
  (($#)) || return 0
  chroot "$root" dpkg-query -W -f='${Package} ${Version}\n' "$@" >"$shelf/$name/packages"
}


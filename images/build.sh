#!/usr/bin/env bash
# Build everything v86 needs to run the sandbox guest into public/vm/:
#   bios.bin vgabios.bin vmlinuz initrd disk.img state.bin.zst manifest.json
#
# Usage: images/build.sh [--force]      (npm run vm:build)
#
# Skipped when public/vm was built from the same recipe (same hash); restored
# from the cache ($SANDBOX_VM_CACHE, default ~/.cache/docker-sandbox/vm/<hash>)
# when another checkout already built it. Needs root and Debian packages
# (images/install-host-deps.sh). Takes ~20 min from scratch on 2 cores; about
# half that when only later stages changed (lib/run-stage.sh, the stage cache).
set -euo pipefail
RECIPE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$RECIPE")
source "$RECIPE/lib/common.sh"
cd "$ROOT"

OUT=$ROOT/public/vm
CACHE_ROOT=${SANDBOX_VM_CACHE:-${HOME:-/root}/.cache/docker-sandbox/vm}
force=0
[[ ${1:-} == --force ]] && force=1

# The recipe: this folder, the VM profile the snapshot is bound to, and the
# exact v86 build (states only restore into the build that saved them).
recipe_hash() {
  {
    (cd "$ROOT" && find images src/runtime/v86/profile.ts -type f ! -name '*.md' -print0 | sort -z | xargs -0 sha256sum)
    node -p 'require("./node_modules/v86/package.json").version'
  } | sha256sum | cut -c1-16
}

[[ -d node_modules/v86 ]] || die "node_modules missing: run npm install first"
HASH=$(recipe_hash)
current=$(node -p 'try { require("./public/vm/manifest.json").recipeHash } catch { "" }' 2>/dev/null || true)
if ((!force)) && [[ $current == "$HASH" ]]; then
  log "public/vm is up to date (recipe $HASH)"
  exit 0
fi
if ((!force)) && [[ -f $CACHE_ROOT/$HASH/manifest.json ]]; then
  log "using cached build $CACHE_ROOT/$HASH"
  rm -rf "$OUT" && mkdir -p "$OUT"
  cp --sparse=always "$CACHE_ROOT/$HASH"/* "$OUT/"
  exit 0
fi

[[ $EUID -eq 0 ]] || die "building the VM needs root (debootstrap, chroot and mkfs): sudo npm run vm:build"
for tool in debootstrap mkfs.ext4 zstd cpio modprobe gcc depmod getfattr; do
  command -v "$tool" >/dev/null || die "$tool not found: run 'sudo bash images/install-host-deps.sh' first"
done
bash "$RECIPE/lib/enable-i386.sh"

export RECIPE WORK=${SANDBOX_BUILD_DIR:-/var/tmp/docker-sandbox-build}
mkdir -p "$WORK"
log "building recipe $HASH in $WORK"
start=$SECONDS
timed() { local what=$1 t=$SECONDS; shift; "$@"; log "$what done in $((SECONDS - t)) s"; }
# A stage runs through lib/run-stage.sh, which takes its output from the stage
# cache when the stage declares one and its inputs are unchanged.
stage() { bash "$RECIPE/lib/run-stage.sh" "$1"; }
# A damaged guest filesystem is checked for (lib/check-disk.sh) and the build
# made once more: one build came out with a corrupt /workspace directory.
for attempt in 1 2; do
  # Stage 15 (the shelf's Debian layers) needs only the mirror: it runs in the
  # background beside stages 10-30, which also mostly wait on downloads and
  # dpkg, and stage 40 waits for it. That saves its ~7 minutes.
  # In its own process group, so that a failing build stops all of it.
  setsid bash -c 'bash "$1" "$2" && echo "$SECONDS" >"$3"' _ "$RECIPE/lib/run-stage.sh" "$RECIPE/stages/15-shelf-layers.sh" "$WORK/shelf-layers.seconds" \
    >"$WORK/shelf-layers.log" 2>&1 &
  layers=$!
  trap 'kill -- -"$layers" 2>/dev/null || true' EXIT
  for stage in "$RECIPE"/stages/*.sh; do
    case $(basename "$stage") in
      15-*) continue ;;
      40-*)
        wait "$layers" || { cat "$WORK/shelf-layers.log" >&2; die "stage 15 (the shelf's Debian layers) failed"; }
        cat "$WORK/shelf-layers.log" >&2
        log "15-shelf-layers.sh done in $(cat "$WORK/shelf-layers.seconds") s (beside stages 10-30)"
        ;;
    esac
    timed "$(basename "$stage")" stage "$stage"
  done
  trap - EXIT

  rm -f "$WORK/out/boot-stats.json"
  log "provisioning boot (imports the container images)"
  timed "provisioning boot" npx --no-install tsx "$RECIPE/vm-boot.ts" provision "$WORK/out"
  log "snapshot boot"
  timed "snapshot boot" npx --no-install tsx "$RECIPE/vm-boot.ts" snapshot "$WORK/out"
  log "checking the guest filesystem"
  bash "$RECIPE/lib/check-disk.sh" "$WORK/out/disk.img" && break
  ((attempt == 2)) && die "the guest filesystem came out damaged twice (see above)"
  log "the guest filesystem came out damaged: building again (attempt 2 of 2)"
done
log "compressing the snapshot"
zstd -q -f -19 -T0 --rm "$WORK/out/state.bin" -o "$WORK/out/state.bin.zst"
cp "$WORK/packages.lock" "$WORK/out/packages.lock"

npx --no-install tsx "$RECIPE/write-manifest.ts" "$WORK/out" "$HASH" "$(cat "$WORK/kernel/version")"
mkdir -p "$CACHE_ROOT"
rm -rf "${CACHE_ROOT:?}/$HASH.tmp" && mkdir -p "$CACHE_ROOT/$HASH.tmp"
cp --sparse=always "$WORK/out"/{bios.bin,vgabios.bin,vmlinuz,initrd,disk.img,state.bin.zst,manifest.json,packages.lock} "$CACHE_ROOT/$HASH.tmp/"
rm -rf "${CACHE_ROOT:?}/$HASH" && mv "$CACHE_ROOT/$HASH.tmp" "$CACHE_ROOT/$HASH"
rm -rf "$OUT" && mkdir -p "$OUT"
cp --sparse=always "$CACHE_ROOT/$HASH"/* "$OUT/"
log "VM built in $(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s -> $OUT (cached in $CACHE_ROOT/$HASH)"

#!/usr/bin/env bash
# run-stage.sh STAGE: run one build stage, or take its output from the stage
# cache. A stage opts in with a header line naming its output folder (under
# $WORK) and the recipe files it reads besides itself and lib/common.sh:
#   # stage-cache: OUT <- FILE...
# The key is the hash of those files' contents, so a recipe change elsewhere
# (the engine, the agent, the kernel) reuses the slow Debian stages, whose
# dpkg runs under qemu-i386. Like the VM cache, an entry is not refreshed
# when Debian publishes updates: change an input (or delete the entry) to
# take them. Entries live in $SANDBOX_STAGE_CACHE (default
# ~/.cache/docker-sandbox/stages), the two newest per stage;
# SANDBOX_STAGE_CACHE=off runs every stage.
set -euo pipefail
source "$(dirname "$0")/common.sh"
stage=$1
name=$(basename "$stage" .sh)
spec=$(sed -n 's/^# stage-cache: //p' "$stage")
cache=${SANDBOX_STAGE_CACHE:-${HOME:-/root}/.cache/docker-sandbox/stages}
if [[ -z $spec || $cache == off ]]; then exec bash "$stage"; fi

out=${spec%% <- *}
read -r -a inputs <<<"${spec#* <- }"
key=$(cd "$RECIPE" && find "stages/$name.sh" lib/common.sh "${inputs[@]}" -type f -print0 | sort -z |
  xargs -0 sha256sum | sha256sum | cut -c1-16)
entry=$cache/$name-$key.tar.zst
# GNU tar with extended attributes (file capabilities), numeric owners and
# device nodes: the tree comes back exactly as the stage left it.
tar_opts=(--numeric-owner --xattrs --xattrs-include='*')

if [[ -f $entry ]]; then
  rm -rf "${WORK:?}/$out" && mkdir -p "$WORK/$out"
  if zstd -dc "$entry" | tar "${tar_opts[@]}" -xpf - -C "$WORK/$out"; then
    log "$name: from the stage cache ($(basename "$entry"), $(du -h "$entry" | cut -f1))"
    exit 0
  fi
  log "$name: the stage cache entry is damaged; running the stage"
  rm -f "$entry"
fi
bash "$stage"
mkdir -p "$cache"
tar "${tar_opts[@]}" -C "$WORK/$out" -cf - . | zstd -q -T0 -3 >"$entry.tmp" && mv "$entry.tmp" "$entry"
# Keep this stage's two newest entries (e.g. the main branch's and a branch's).
find "$cache" -maxdepth 1 -name "$name-*.tar.zst" -printf '%T@ %p\n' | sort -rn | tail -n +3 | cut -d' ' -f2- |
  xargs -r rm -f
log "$name: kept in the stage cache ($(basename "$entry"), $(du -h "$entry" | cut -f1))"

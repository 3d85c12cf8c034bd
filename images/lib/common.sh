# Shared helpers for the image recipe. Sourced, never executed.
# shellcheck shell=bash

log() { printf '\033[1;34m[vm-build]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[vm-build] error:\033[0m %s\n' "$*" >&2; exit 1; }

# retry N CMD...: run CMD up to N times; Debian's i386 security index sometimes
# fails with "File has unexpected size" and succeeds a moment later.
retry() {
  local n=$1 i; shift
  for ((i = 1; i <= n; i++)); do
    "$@" && return 0
    log "attempt $i/$n failed: $*"
    sleep $((i * 3))
  done
  return 1
}

# bootstrap DIR LOG DEBOOTSTRAP-ARGS...: a fresh i386 minbase bookworm in DIR,
# its log in LOG. Each attempt starts from an empty DIR (debootstrap refuses
# to extract over a half-made tree), and downloaded packages are kept in
# $SANDBOX_DEB_CACHE (default ~/.cache/docker-sandbox/debs, beside the VM
# cache): a retry or the next build fetches only what changed.
bootstrap() {
  local dir=$1 logfile=$2; shift 2
  local cache=${SANDBOX_DEB_CACHE:-${HOME:-/root}/.cache/docker-sandbox/debs}
  mkdir -p "$cache"
  rm -rf "$dir"
  debootstrap --arch=i386 --variant=minbase --cache-dir="$cache" "$@" >"$logfile" 2>&1
}

# debian_mirror SUITE: the first URI the machine's own apt configuration uses for
# SUITE. Honours the user's mirror; SANDBOX_DEBIAN_MIRROR overrides.
debian_mirror() {
  local suite=$1
  if [[ $suite != *-security && -n ${SANDBOX_DEBIAN_MIRROR:-} ]]; then echo "$SANDBOX_DEBIAN_MIRROR"; return; fi
  if [[ $suite == *-security && -n ${SANDBOX_DEBIAN_SECURITY_MIRROR:-} ]]; then echo "$SANDBOX_DEBIAN_SECURITY_MIRROR"; return; fi
  local f
  # deb822 .sources files: a stanza has URIs: and Suites: lines.
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    awk -v want="$suite" '
      /^[[:space:]]*$/ { if (uri != "" && hit) { print uri; exit } uri=""; hit=0; next }
      /^URIs:/ { uri=$2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == want) hit=1 }
      END { if (uri != "" && hit) print uri }' "$f" | head -n1
  done | head -n1 | grep . && return
  # one-line format
  grep -hE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    sed -E 's/\[[^]]*\]//' | awk -v want="$suite" '$3 == want { print $2; exit }' | grep . && return
  return 1
}

# sha256 of a file
sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

/**
 * Where the service worker keeps the VM (docs/offline.md). Shared by the
 * worker and the page (which counts what is cached for "Make available
 * offline"), so both name the same entries.
 */

/** Prefix of the per-build VM caches: one cache per build (recipe and disk). */
export const VM_CACHE_PREFIX = "sandbox-vm-";

/** The VM manifest (manifest.json), network first: it says which build is current. */
export const VM_META_CACHE = "sandbox-vm-meta";

/**
 * The cache of one VM build: its BIOS files, snapshot and disk chunks. Named
 * by the recipe and the disk's SHA-256: a rebuild of the same recipe lays the
 * disk out differently (docs/offline.md), and chunks of two disks must never
 * meet in one guest. A new build gets a new cache; the old one is deleted.
 */
export function vmCacheName(recipeHash: string, diskSha256 = ""): string {
  return `${VM_CACHE_PREFIX}${recipeHash}${diskSha256 ? `-${diskSha256.slice(0, 16)}` : ""}`;
}

/**
 * The cache key of one disk chunk. A query, not a fragment: the Cache API
 * ignores fragments. Never fetched: only the service worker's key.
 */
export function chunkCacheKey(diskUrl: string, chunk: number): string {
  const url = new URL(diskUrl);
  url.search = `chunk=${chunk}`;
  return url.href;
}

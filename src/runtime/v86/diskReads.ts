import type { V86Like } from "./emulator.ts";

interface AsyncDiskBuffer {
  block_cache?: Map<number, Uint8Array>;
  block_cache_is_write?: Set<number>;
}

/**
 * Bytes of the lazy disk fetched so far: what a browser downloads with HTTP
 * Range requests. With chunked loading (diskLoading.ts) every fetched chunk
 * stays in v86's block cache, next to the blocks the guest wrote (which come
 * from the snapshot, not from the network), so fetched = cached − written.
 * Reaches into v86's disk buffer: a measuring tool for the benchmark.
 */
export function fetchedDiskBytes(emulator: V86Like): number {
  const buffer = emulator.v86?.cpu?.devices?.ide?.primary?.master?.buffer as
    AsyncDiskBuffer | undefined;
  if (!buffer?.block_cache || !buffer.block_cache_is_write) {
    throw new Error("cannot reach v86's disk buffer to count fetched bytes");
  }
  let fetched = 0;
  for (const index of buffer.block_cache.keys())
    if (!buffer.block_cache_is_write.has(index)) fetched++;
  return fetched * 256;
}

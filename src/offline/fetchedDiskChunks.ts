import type { V86Like } from "../runtime/v86/emulator.ts";

interface AsyncDiskBuffer {
  block_cache?: Map<number, Uint8Array>;
  block_cache_is_write?: Set<number>;
}

/** v86 keeps the lazy disk in 256-byte blocks (src/buffer.js). */
const BLOCK_BYTES = 256;

/**
 * The chunks of the lazy disk this emulator fetched so far: the blocks in
 * v86's block cache that the guest did not write (those come from the
 * snapshot, not the network; src/runtime/v86/diskReads.ts counts the same
 * way), as `chunkBytes` chunk indexes. Reaches into v86's disk buffer: a
 * recording tool, used by OfflineRecorder.
 */
export function fetchedDiskChunks(emulator: V86Like, chunkBytes: number): Set<number> {
  const buffer = emulator.v86?.cpu?.devices?.ide?.primary?.master?.buffer as
    AsyncDiskBuffer | undefined;
  if (!buffer?.block_cache || !buffer.block_cache_is_write) {
    throw new Error("cannot reach v86's disk buffer to list fetched chunks");
  }
  const perChunk = chunkBytes / BLOCK_BYTES;
  const chunks = new Set<number>();
  for (const block of buffer.block_cache.keys())
    if (!buffer.block_cache_is_write.has(block)) chunks.add(Math.floor(block / perChunk));
  return chunks;
}

import type { V86Like } from "./emulator.ts";

interface AsyncDiskBuffer {
  block_cache: Map<number, Uint8Array>;
  block_cache_is_write: Set<number>;
}

/** v86 keeps the lazy disk in 256-byte blocks (src/buffer.js). */
export const DISK_BLOCK_BYTES = 256;

/**
 * v86's lazy disk buffer: with chunked loading (diskLoading.ts) every fetched
 * chunk stays in its block cache, next to the blocks the guest wrote (which
 * come from the snapshot, not from the network), so fetched = cached −
 * written. Reaches into v86's internals: for measuring and recording tools
 * and the idle test; `use` says which, in the error when v86 changed.
 */
export function diskBuffer(emulator: V86Like, use: string): AsyncDiskBuffer {
  const buffer = emulator.v86?.cpu?.devices?.ide?.primary?.master?.buffer as
    Partial<AsyncDiskBuffer> | undefined;
  if (!buffer?.block_cache || !buffer.block_cache_is_write) {
    throw new Error(`cannot reach v86's disk buffer to ${use}`);
  }
  return buffer as AsyncDiskBuffer;
}

/** The indexes of the disk blocks fetched so far (not written by the guest). */
export function* fetchedDiskBlocks(emulator: V86Like, use: string): Iterable<number> {
  const buffer = diskBuffer(emulator, use);
  for (const index of buffer.block_cache.keys())
    if (!buffer.block_cache_is_write.has(index)) yield index;
}

/**
 * Bytes of the lazy disk fetched so far: what a browser downloads with HTTP
 * Range requests. A measuring tool for the benchmark.
 */
export function fetchedDiskBytes(emulator: V86Like): number {
  let fetched = 0;
  for (const _ of fetchedDiskBlocks(emulator, "count fetched bytes")) fetched++;
  return fetched * DISK_BLOCK_BYTES;
}

/**
 * Disk blocks the emulator holds, fetched or written: it grows while the
 * guest reads new parts of the disk or writes, in O(1) (guestIdle.ts asks
 * every 2 s). 0 where the buffer cannot be reached.
 */
export function diskBlocksHeld(emulator: V86Like): number {
  try {
    return diskBuffer(emulator, "count blocks").block_cache.size;
  } catch {
    return 0;
  }
}

import { DISK_BLOCK_BYTES, fetchedDiskBlocks } from "../runtime/v86/diskReads.ts";
import type { V86Like } from "../runtime/v86/emulator.ts";

/**
 * The chunks of the lazy disk this emulator fetched so far, as `chunkBytes`
 * chunk indexes (the blocks the guest did not write: diskReads.ts). A
 * recording tool, used by OfflineRecorder.
 */
export function fetchedDiskChunks(emulator: V86Like, chunkBytes: number): Set<number> {
  const perChunk = chunkBytes / DISK_BLOCK_BYTES;
  const chunks = new Set<number>();
  for (const block of fetchedDiskBlocks(emulator, "list fetched chunks"))
    chunks.add(Math.floor(block / perChunk));
  return chunks;
}

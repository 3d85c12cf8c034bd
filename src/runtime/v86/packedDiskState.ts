import type { V86Cpu } from "./emulator.ts";

/** v86 keeps the lazy disk's blocks in 256-byte pieces (src/buffer.js). */
const BLOCK_BYTES = 256;
/**
 * First element of a packed disk state. A number, not an array: an emulator
 * without this adaptation fails loudly on it ("not iterable") instead of
 * restoring a disk without the learner's writes.
 */
export const PACKED_DISK_STATE = 0x504b4431; // "PKD1"

/** The part of v86's lazy disk buffer (AsyncXHRBuffer) whose state we pack. */
interface DiskBuffer {
  block_cache: Map<number, Uint8Array>;
  block_cache_is_write: Set<number>;
  get_state(): unknown[];
  set_state(state: unknown[]): void;
}

/** A disk state in v86's own layout: `[[index, block], …]`, or ours. */
export type DiskState = [Array<[number, Uint8Array]>] | [number, Uint32Array, Uint8Array];

/**
 * v86 saves the disk blocks the guest wrote as one entry per 256-byte block.
 * Each becomes its own buffer in the state file, described in the state's
 * JSON header: after the friendlyhello lessons that was 233,800 buffers and
 * 22 MB of JSON to write, parse and turn back into 233,800 arrays on every
 * save and restore. Packed, the same blocks are two buffers: their indexes,
 * and their bytes back to back.
 *
 * Installed on each new emulator's disk right after v86 creates it (before a
 * state is restored). It still reads v86's own layout (the ready snapshot
 * was saved that way). The restored blocks are views into one buffer; v86
 * writes into a cached block in place, so they stay correct.
 */
export function packDiskState(cpu: V86Cpu): void {
  const init = cpu.init.bind(cpu);
  cpu.init = (settings, bus) => {
    init(settings, bus);
    const buffer = cpu.devices?.ide?.primary?.master?.buffer as Partial<DiskBuffer> | undefined;
    if (buffer?.block_cache instanceof Map && buffer.block_cache_is_write instanceof Set) {
      const disk = buffer as DiskBuffer;
      const restore = disk.set_state.bind(disk);
      disk.get_state = () => packWrittenBlocks(disk.block_cache, disk.block_cache_is_write);
      disk.set_state = (state) => restore(unpackWrittenBlocks(state as DiskState));
    }
  };
}

/** The written blocks as `[PACKED_DISK_STATE, indexes, bytes]`, in index order. */
export function packWrittenBlocks(
  cache: ReadonlyMap<number, Uint8Array>,
  written: ReadonlySet<number>,
): [number, Uint32Array, Uint8Array] {
  const indexes = Uint32Array.from(written).sort();
  const bytes = new Uint8Array(indexes.length * BLOCK_BYTES);
  indexes.forEach((index, i) => {
    const block = cache.get(index);
    if (!block || block.length !== BLOCK_BYTES) {
      throw new Error(`disk block ${index} is written but not cached`);
    }
    bytes.set(block, i * BLOCK_BYTES);
  });
  return [PACKED_DISK_STATE, indexes, bytes];
}

/** Either layout, as v86's own `[[index, block], …]` (the blocks are views, not copies). */
export function unpackWrittenBlocks(state: DiskState): [Array<[number, Uint8Array]>] {
  if (state[0] !== PACKED_DISK_STATE) return state as [Array<[number, Uint8Array]>];
  const [, indexes, bytes] = state as [number, Uint32Array, Uint8Array];
  if (bytes.length !== indexes.length * BLOCK_BYTES) {
    throw new Error(`packed disk state: ${indexes.length} blocks but ${bytes.length} bytes`);
  }
  const blocks: Array<[number, Uint8Array]> = [];
  indexes.forEach((index, i) => {
    blocks.push([index, bytes.subarray(i * BLOCK_BYTES, (i + 1) * BLOCK_BYTES)]);
  });
  return [blocks];
}

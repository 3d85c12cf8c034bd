import { describe, expect, it } from "vitest";
import {
  PACKED_DISK_STATE,
  packWrittenBlocks,
  unpackWrittenBlocks,
  type DiskState,
} from "../../../src/runtime/v86/packedDiskState.ts";

const block = (fill: number) => new Uint8Array(256).fill(fill);

describe("the packed disk state", () => {
  it("keeps only written blocks, in index order, as two buffers, and unpacks them", () => {
    const cache = new Map([
      [90, block(9)],
      [3, block(3)],
      [7, block(7)], // read from the disk, not written: not saved
    ]);
    const [marker, indexes, bytes] = packWrittenBlocks(cache, new Set([90, 3]));
    expect(marker).toBe(PACKED_DISK_STATE);
    expect([...indexes]).toEqual([3, 90]);
    expect(bytes.length).toBe(512);
    const [blocks] = unpackWrittenBlocks([marker, indexes, bytes]);
    expect(blocks.map(([i, b]) => [i, b[0], b.length])).toEqual([
      [3, 3, 256],
      [90, 9, 256],
    ]);
    // Views into one buffer: v86 writes into a cached block in place.
    expect(blocks[0]![1].buffer).toBe(bytes.buffer);
  });

  it("passes v86's own layout through (the ready snapshot was saved that way)", () => {
    const legacy: DiskState = [[[5, block(5)]]];
    expect(unpackWrittenBlocks(legacy)).toBe(legacy);
  });

  it("refuses a packed state whose bytes do not match its blocks", () => {
    expect(() =>
      unpackWrittenBlocks([PACKED_DISK_STATE, Uint32Array.of(1, 2), new Uint8Array(256)]),
    ).toThrow(/2 blocks but 256 bytes/);
  });

  it("refuses to save a written block that is not in the cache", () => {
    expect(() => packWrittenBlocks(new Map(), new Set([4]))).toThrow(/block 4/);
  });
});

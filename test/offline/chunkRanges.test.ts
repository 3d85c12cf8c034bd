import { describe, expect, it } from "vitest";
import { fromRanges, toRanges } from "../../src/offline/chunkRanges.ts";

describe("chunk ranges", () => {
  it("writes sorted, de-duplicated indexes as runs", () => {
    expect(toRanges([9, 1, 2, 3, 7, 10, 11, 12, 2])).toBe("1-3,7,9-12");
    expect(toRanges([])).toBe("");
  });

  it("reads back what it wrote", () => {
    const chunks = [0, 1, 5, 6, 7, 100, 16383];
    expect(fromRanges(toRanges(chunks))).toEqual(chunks);
    expect(fromRanges("")).toEqual([]);
  });

  it("refuses malformed text and ranges past the disk", () => {
    expect(() => fromRanges("1-")).toThrow(/not a chunk range list/);
    expect(() => fromRanges("a")).toThrow(/not a chunk range list/);
    expect(() => fromRanges("5-3")).toThrow(/out of bounds/);
    expect(() => fromRanges("0-16384", 16384)).toThrow(/out of bounds/);
  });
});

import { describe, expect, it } from "vitest";
import { chunkRange, chunksOf, contentRange, parseRange } from "../../src/offline/byteRange.ts";

const KIB = 1024;

describe("disk byte ranges", () => {
  it("parses the single ranges v86 sends", () => {
    expect(parseRange("bytes=262144-524287", 4 * 2 ** 30)).toEqual({ start: 262144, end: 524287 });
    expect(parseRange("bytes=0-0", 100)).toEqual({ start: 0, end: 0 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=90-500", 100)).toEqual({ start: 90, end: 99 });
  });

  it("leaves other ranges to the network", () => {
    expect(parseRange(null, 100)).toBeNull();
    expect(parseRange("bytes=0-1,5-6", 100)).toBeNull();
    expect(parseRange("bytes=-10", 100)).toBeNull();
    expect(parseRange("items=0-1", 100)).toBeNull();
    expect(parseRange("bytes=200-300", 100)).toBeNull();
  });

  it("maps a range to the chunks it touches", () => {
    expect(chunksOf({ start: 0, end: 256 * KIB - 1 }, 256 * KIB)).toEqual([0]);
    expect(chunksOf({ start: 256 * KIB, end: 768 * KIB - 1 }, 256 * KIB)).toEqual([1, 2]);
    expect(chunksOf({ start: 100, end: 256 * KIB }, 256 * KIB)).toEqual([0, 1]);
  });

  it("gives a chunk's bytes, short at the end of the file", () => {
    expect(chunkRange(1, 256, 1000)).toEqual({ start: 256, end: 511 });
    expect(chunkRange(3, 256, 1000)).toEqual({ start: 768, end: 999 });
    expect(contentRange({ start: 256, end: 511 }, 1000)).toBe("bytes 256-511/1000");
  });
});

import { describe, expect, it } from "vitest";
import { mergeRecording } from "../../src/offline/offlineManifest.ts";
import { packBytes } from "../../src/offline/packBytes.ts";

describe("packBytes", () => {
  it("adds the start files and each chunk once; chapters count what the start lacks", () => {
    const vm = {
      recipeHash: "abc",
      diskSha256: "d".repeat(64),
      chunkBytes: 100,
      diskBytes: 10_000,
    };
    const one = mergeRecording(
      null,
      vm,
      { chapter: "x", base: [1, 2], lessons: { a: [2, 3, 4] } },
      new Date(),
    );
    const manifest = mergeRecording(
      one,
      vm,
      { chapter: "y", base: [], lessons: { b: [4, 5] } },
      new Date(),
    );
    const files = {
      "bios.bin": { size: 10 },
      "vgabios.bin": { size: 20 },
      "state.bin.zst": { size: 300 },
      "disk.img": { size: 10_000 },
    };
    expect(packBytes(manifest, files)).toEqual({
      vmFiles: 330,
      base: 200,
      chapters: { x: 200, y: 200 },
      total: 330 + 5 * 100,
    });
  });
});

import { describe, expect, it } from "vitest";
import {
  mergeRecording,
  packChunks,
  parseOfflineManifest,
  recordedFor,
} from "../../src/offline/offlineManifest.ts";

const DISK = "d".repeat(64);
const vm = { recipeHash: "abc", diskSha256: DISK, chunkBytes: 262144, diskBytes: 4 * 2 ** 30 };
const at = new Date("2026-12-06T00:00:00Z");

describe("offline manifest", () => {
  it("merges each chapter's recording and unions the start's chunks", () => {
    const one = mergeRecording(
      null,
      vm,
      { chapter: "basics", base: [1, 2], lessons: { a: [5, 6, 7] } },
      at,
    );
    const two = mergeRecording(
      one,
      vm,
      { chapter: "images", base: [2, 3], lessons: { b: [9] } },
      at,
    );
    const three = mergeRecording(two, vm, { chapter: "basics", base: [], lessons: { c: [] } }, at);
    expect(three).toEqual({
      format: 1,
      ...vm,
      recordedAt: "2026-12-06T00:00:00.000Z",
      base: "1-3",
      chapters: { basics: { a: "5-7", c: "" }, images: { b: "9" } },
    });
  });

  it("starts over when the VM build changed: old indexes mean other bytes", () => {
    const old = mergeRecording(null, vm, { chapter: "basics", base: [1], lessons: { a: [5] } }, at);
    const fresh = mergeRecording(
      old,
      { ...vm, recipeHash: "def" },
      { chapter: "images", base: [2], lessons: { b: [9] } },
      at,
    );
    expect(fresh.base).toBe("2");
    expect(fresh.chapters).toEqual({ images: { b: "9" } });
  });

  it("lists the chunks of a whole course or of some chapters, with the start's", () => {
    const m = mergeRecording(
      null,
      vm,
      { chapter: "x", base: [1], lessons: { a: [5], b: [6, 1] } },
      at,
    );
    const n = mergeRecording(m, vm, { chapter: "y", base: [], lessons: { c: [9] } }, at);
    expect(packChunks(n)).toEqual([1, 5, 6, 9]);
    expect(packChunks(n, ["y"])).toEqual([1, 9]);
    expect(packChunks(n, [])).toEqual([1]);
  });

  it("refuses what is not a manifest, naming the field", () => {
    expect(() => parseOfflineManifest({ format: 2 })).toThrow(/not an offline manifest: format/);
    const good = mergeRecording(null, vm, { chapter: "x", base: [], lessons: {} }, at);
    expect(() => parseOfflineManifest({ ...good, base: "1;rm" })).toThrow(/base: chunk ranges/);
    expect(() => parseOfflineManifest({ ...good, extra: 1 })).toThrow(/not an offline manifest/);
  });

  it("starts over when the disk changed under the same recipe: builds are not reproducible", () => {
    const old = mergeRecording(null, vm, { chapter: "basics", base: [1], lessons: { a: [5] } }, at);
    const rebuilt = mergeRecording(
      old,
      { ...vm, diskSha256: "e".repeat(64) },
      { chapter: "images", base: [2], lessons: { b: [9] } },
      at,
    );
    expect(rebuilt.chapters).toEqual({ images: { b: "9" } });
  });

  it("fits only the build and disk it was recorded on", () => {
    const m = mergeRecording(null, vm, { chapter: "x", base: [1], lessons: {} }, at);
    const build = { recipeHash: "abc", files: { "disk.img": { sha256: DISK } } };
    expect(recordedFor(m, build)).toBe(true);
    expect(recordedFor(m, { ...build, recipeHash: "def" })).toBe(false);
    expect(recordedFor(m, { ...build, files: { "disk.img": { sha256: "e".repeat(64) } } })).toBe(
      false,
    );
    // Recorded before the disk was named: it cannot be told apart from another build's.
    const { diskSha256: _, ...unnamed } = m;
    expect(recordedFor(parseOfflineManifest(unnamed), build)).toBe(false);
    expect(recordedFor(null, build)).toBe(false);
    expect(() => parseOfflineManifest({ ...m, diskSha256: "x" })).toThrow(/diskSha256/);
  });
});

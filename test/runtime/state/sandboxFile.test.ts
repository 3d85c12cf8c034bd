import { describe, expect, it } from "vitest";
import {
  assertSameVmBuild,
  decodeSandboxFile,
  encodeSandboxFile,
  FRAME_BYTES,
  readSandboxHeader,
  type VmBuild,
} from "../../../src/runtime/state/sandboxFile.ts";
import { compressFrames, decompressFrames } from "../../../src/runtime/state/zstdFrames.ts";

const build: VmBuild = {
  recipeHash: "188099a4754d34d7",
  v86Version: "0.5.462",
  disk: "ab".repeat(32),
};

function sample(raw: Uint8Array, frames: Uint8Array[]): Uint8Array {
  return encodeSandboxFile(
    {
      vm: build,
      savedAt: "2026-12-06T05:00:00.000Z",
      rawBytes: raw.length,
      v86Stream: false,
      channels: { next: 42, open: [7, 41] },
      meta: { lesson: "welcome" },
    },
    frames,
  );
}

describe("a saved-sandbox file", () => {
  it("round-trips a state larger than one frame through zstd", async () => {
    const raw = new Uint8Array(FRAME_BYTES + 12345);
    for (let i = 0; i < raw.length; i += 4096) raw[i] = i % 251;
    const frames = await compressFrames(raw);
    expect(frames).toHaveLength(2);
    const file = sample(raw, frames);
    expect(file.length).toBeLessThan(raw.length / 10);
    const { header, frames: read } = decodeSandboxFile(file);
    expect(header).toMatchObject({
      format: 2,
      v86Stream: false,
      vm: build,
      rawBytes: raw.length,
      channels: { next: 42, open: [7, 41] },
      meta: { lesson: "welcome" },
    });
    const back = await decompressFrames(read, header.rawBytes);
    // Compared as buffers: a deep equality over 16 M elements takes minutes.
    expect(Buffer.compare(Buffer.from(back), Buffer.from(raw))).toBe(0);
  });

  it("refuses a file that is not a saved sandbox", () => {
    expect(() => readSandboxHeader(new TextEncoder().encode("PK\u0003\u0004 a zip file"))).toThrow(
      /not a saved sandbox/,
    );
  });

  it("refuses a file cut off while downloading", async () => {
    const raw = new Uint8Array(1000).fill(7);
    const file = sample(raw, await compressFrames(raw));
    expect(() => decodeSandboxFile(file.subarray(0, file.length - 3))).toThrow(/damaged.*cut off/);
    expect(() => decodeSandboxFile(file.subarray(0, 20))).toThrow(/header is cut off/);
  });

  it("refuses a file whose contents do not match its checksum", async () => {
    const raw = new Uint8Array(5000).fill(3);
    const file = sample(raw, await compressFrames(raw));
    file[file.length - 2]! ^= 0x10;
    expect(() => decodeSandboxFile(file)).toThrow(/do not match its checksum/);
  });

  it("still reads the first release's files (format 1: no checksum)", async () => {
    const raw = new Uint8Array(3000).fill(9);
    const frames = await compressFrames(raw);
    const header = {
      format: 1,
      vm: build,
      savedAt: "2026-12-05T05:00:00.000Z",
      rawBytes: raw.length,
      frames: frames.map((f) => f.length),
      channels: { next: 1, open: [] },
      meta: {},
    };
    const json = new TextEncoder().encode(JSON.stringify(header));
    const file = new Uint8Array(12 + json.length + frames[0]!.length);
    file.set(new TextEncoder().encode("DSANDBOX"));
    new DataView(file.buffer).setUint32(8, json.length, true);
    file.set(json, 12);
    file.set(frames[0]!, 12 + json.length);
    const read = decodeSandboxFile(file);
    expect(read.header.format).toBe(1);
    const back = await decompressFrames(read.frames, read.header.rawBytes);
    expect(Buffer.compare(Buffer.from(back), Buffer.from(raw))).toBe(0);
  });

  it("refuses a frame that does not decompress to its size", async () => {
    const raw = new Uint8Array(1000).fill(7);
    const frames = await compressFrames(raw);
    const file = sample(new Uint8Array(2000), frames);
    const { header, frames: read } = decodeSandboxFile(file);
    await expect(decompressFrames(read, header.rawBytes)).rejects.toThrow(
      /part 1 of 1 does not decompress/,
    );
  });

  it("refuses a header with a wrong frame table or oversized labels", () => {
    const raw = new Uint8Array(10);
    const tooMany = encodeSandboxFile(
      {
        vm: build,
        savedAt: new Date().toISOString(),
        rawBytes: raw.length,
        v86Stream: false,
        channels: { next: 1, open: [] },
        meta: {},
      },
      [new Uint8Array(1), new Uint8Array(1)],
    );
    expect(() => readSandboxHeader(tooMany)).toThrow(/bad frame count/);
    const labels = encodeSandboxFile(
      {
        vm: build,
        savedAt: new Date().toISOString(),
        rawBytes: 0,
        v86Stream: false,
        channels: { next: 1, open: [] },
        meta: { lesson: "x".repeat(600) },
      },
      [],
    );
    expect(() => readSandboxHeader(labels)).toThrow(/bad labels/);
  });

  it("names both builds when the VM differs, and accepts its own", () => {
    expect(() => assertSameVmBuild(build, { ...build })).not.toThrow();
    expect(() => assertSameVmBuild(build, { ...build, recipeHash: "ffffffffffff0000" })).toThrow(
      /different VM build \(recipe 188099a4754d.*this app runs recipe ffffffffffff/,
    );
  });
});

import { describe, expect, it } from "vitest";
import { frameEnds, v86ReadEnds } from "../../../src/runtime/state/frameCuts.ts";

const MiB = 1024 * 1024;

/** A state laid out as v86's save_state writes it: header, info JSON, aligned buffers. */
function v86State(lengths: number[]): Uint8Array {
  const infos: { offset: number; length: number }[] = [];
  let total = 0;
  for (const length of lengths) {
    infos.push({ offset: total, length });
    total = (total + length + 3) & ~3;
  }
  const info = new TextEncoder().encode(JSON.stringify({ buffer_infos: infos, state: {} }));
  const start = (16 + info.length + 3) & ~3;
  const raw = new Uint8Array(start + total);
  new Int32Array(raw.buffer, 0, 4).set([-2039052682, 6, raw.length, info.length]);
  raw.set(info, 16);
  return raw;
}

describe("frames cut where v86 reads", () => {
  it("lists v86's reads: header, info, each small buffer with its padding, big ones by the MiB", () => {
    const raw = v86State([5, 3 * MiB + 10, 7]);
    const infoEnd = new Int32Array(raw.buffer, 0, 4)[3]! + 16;
    const pad = (at: number) => ((at + 3) & ~3) - at;
    const afterSmall = infoEnd + pad(infoEnd) + 5;
    const bigStart = afterSmall + pad(afterSmall);
    const bigEnd = bigStart + 3 * MiB + 10;
    expect(v86ReadEnds(raw)).toEqual([
      16,
      infoEnd,
      afterSmall,
      bigStart, // the padding alone
      bigStart + MiB,
      bigStart + 2 * MiB,
      bigStart + 3 * MiB,
      bigEnd,
      bigEnd + pad(bigEnd) + 7,
    ]);
  });

  it("gives up on something that is not a v86 state", () => {
    expect(v86ReadEnds(new Uint8Array(64))).toBeNull();
    expect(v86ReadEnds(new Uint8Array(8))).toBeNull();
  });

  it("cuts frames at read ends once they hold the frame size, the last at the end", () => {
    expect(frameEnds(100, [10, 30, 45, 61, 70, 98], 20)).toEqual([30, 61, 98, 100]);
    expect(frameEnds(100, [100], 20)).toEqual([100]);
  });
});

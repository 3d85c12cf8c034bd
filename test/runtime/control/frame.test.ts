import { describe, expect, it } from "vitest";
import {
  FrameDecoder,
  FrameType,
  encodeFields,
  encodeFrame,
} from "../../../src/runtime/control/frame.ts";

describe("control frames", () => {
  it("decodes frames split at every possible byte boundary", () => {
    const wire = new Uint8Array([
      ...encodeFrame(FrameType.Stdout, 7, new TextEncoder().encode("hello")),
      ...encodeFrame(FrameType.Exit, 7, new Uint8Array(8)),
    ]);
    for (let cut = 0; cut <= wire.length; cut++) {
      const d = new FrameDecoder();
      const frames = [...d.push(wire.subarray(0, cut)), ...d.push(wire.subarray(cut))];
      expect(frames.map((f) => [f.type, f.channel, f.payload.length])).toEqual([
        [FrameType.Stdout, 7, 5],
        [FrameType.Exit, 7, 8],
      ]);
    }
  });

  it("resynchronises after garbage and counts what it skipped", () => {
    const d = new FrameDecoder();
    const frames = d.push(
      new Uint8Array([1, 2, 0x53, 3, ...encodeFrame(FrameType.Ready, 0, new Uint8Array([65]))]),
    );
    expect(frames).toHaveLength(1);
    expect(frames[0]!.payload).toEqual(new Uint8Array([65]));
    expect(d.skipped).toBe(4);
  });

  it("treats an impossible length as corruption instead of waiting forever", () => {
    const bad = encodeFrame(FrameType.Stdout, 1);
    new DataView(bad.buffer).setUint32(8, 0xffffffff, true);
    const d = new FrameDecoder();
    expect(d.push(new Uint8Array([...bad, ...encodeFrame(FrameType.Ready, 0)]))).toHaveLength(1);
  });

  it("encodes NUL-terminated fields as the agent expects", () => {
    expect(new TextDecoder().decode(encodeFields(["/workspace", "0", "echo hi"]))).toBe(
      "/workspace\0" + "0\0" + "echo hi\0",
    );
  });
});

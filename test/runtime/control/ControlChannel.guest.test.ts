import { describe, expect, it, vi } from "vitest";
import { ControlChannel } from "../../../src/runtime/control/ControlChannel.ts";
import { FrameType, encodeFrame } from "../../../src/runtime/control/frame.ts";
import { concatBytes } from "../../../src/runtime/bytes.ts";
import { scriptedGuest } from "./scriptedGuest.ts";

const exitPayload = (code: number, signal = 0) => {
  const p = new Uint8Array(8);
  new DataView(p.buffer).setInt32(0, code, true);
  new DataView(p.buffer).setInt32(4, signal, true);
  return p;
};

describe("ControlChannel against a scripted guest", () => {
  it("skips a short CREDIT and still delivers the EXIT behind it in the same batch", async () => {
    const guest = scriptedGuest();
    const control = new ControlChannel(guest.port);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const result = control.exec("true");
    const id = guest.sent.find((f) => f.type === FrameType.Exec)!.channel;
    const batch = concatBytes([
      encodeFrame(FrameType.Credit, 0, new Uint8Array(0)),
      encodeFrame(FrameType.Exit, id, exitPayload(0)),
    ]);
    expect(() => guest.deliver(batch)).not.toThrow();
    await expect(result).resolves.toMatchObject({ exitCode: 0 });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it("skips a short EXIT (the exec waits for a valid one) and logs only the first bad frame", async () => {
    const guest = scriptedGuest();
    const control = new ControlChannel(guest.port);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const result = control.exec("true");
    const id = guest.sent.find((f) => f.type === FrameType.Exec)!.channel;
    guest.deliver(
      concatBytes([
        encodeFrame(FrameType.Exit, id, new Uint8Array(2)),
        encodeFrame(FrameType.Credit, 0, new Uint8Array(3)),
        encodeFrame(FrameType.Stdout, id, new TextEncoder().encode("ok")),
        encodeFrame(FrameType.Exit, id, exitPayload(3)),
      ]),
    );
    const r = await result;
    expect(r.exitCode).toBe(3);
    expect(new TextDecoder().decode(r.stdout)).toBe("ok");
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it("keeps dispatching the batch when a frame's handler throws", async () => {
    const guest = scriptedGuest();
    const control = new ControlChannel(guest.port);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const first = control.exec("a", {
      onStdout: () => {
        throw new Error("listener bug");
      },
    });
    const second = control.exec("b");
    const [a, b] = guest.sent.filter((f) => f.type === FrameType.Exec).map((f) => f.channel);
    guest.deliver(
      concatBytes([
        encodeFrame(FrameType.Stdout, a!, new Uint8Array([1])),
        encodeFrame(FrameType.Exit, b!, exitPayload(0)),
        encodeFrame(FrameType.Exit, a!, exitPayload(0)),
      ]),
    );
    await expect(second).resolves.toMatchObject({ exitCode: 0 });
    await expect(first).resolves.toMatchObject({ exitCode: 0 });
    warn.mockRestore();
  });

  it("keeps at most maxOutputBytes of each stream, flags the result, and still streams every byte", async () => {
    const guest = scriptedGuest();
    const control = new ControlChannel(guest.port);
    let streamed = 0;
    const result = control.exec("yes", {
      maxOutputBytes: 10,
      onStdout: (c) => (streamed += c.length),
    });
    const id = guest.sent.find((f) => f.type === FrameType.Exec)!.channel;
    const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
    guest.deliver(
      concatBytes([
        encodeFrame(FrameType.Stdout, id, bytes(6, 1)),
        encodeFrame(FrameType.Stdout, id, bytes(6, 2)),
        encodeFrame(FrameType.Stdout, id, bytes(13, 3)),
        encodeFrame(FrameType.Stderr, id, bytes(3, 4)),
        encodeFrame(FrameType.Exit, id, exitPayload(0)),
      ]),
    );
    const r = await result;
    expect(r.stdout).toEqual(new Uint8Array([1, 1, 1, 1, 1, 1, 2, 2, 2, 2]));
    expect(r.stderr).toEqual(bytes(3, 4));
    expect(r.truncated).toBe(true);
    expect(streamed).toBe(25);
  });

  it("caps output at 16 MiB per stream by default and does not flag output under the cap", async () => {
    const guest = scriptedGuest();
    const control = new ControlChannel(guest.port);
    const flood = control.exec("cat /dev/zero");
    const quiet = control.exec("echo hi");
    const [a, b] = guest.sent.filter((f) => f.type === FrameType.Exec).map((f) => f.channel);
    const MiB = new Uint8Array(1 << 20);
    for (let i = 0; i < 17; i++) guest.deliver(encodeFrame(FrameType.Stdout, a!, MiB));
    guest.deliver(encodeFrame(FrameType.Exit, a!, exitPayload(0)));
    guest.deliver(encodeFrame(FrameType.Stdout, b!, new TextEncoder().encode("hi\n")));
    guest.deliver(encodeFrame(FrameType.Exit, b!, exitPayload(0)));
    const [big, small] = await Promise.all([flood, quiet]);
    expect(big.stdout.length).toBe(16 << 20);
    expect(big.truncated).toBe(true);
    expect(small.truncated).toBeUndefined();
  });
});

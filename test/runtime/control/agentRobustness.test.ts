import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ControlChannel } from "../../../src/runtime/control/ControlChannel.ts";
import {
  FrameDecoder,
  FrameType,
  encodeFields,
  encodeFrame,
  type Frame,
} from "../../../src/runtime/control/frame.ts";
import { startNativeAgent } from "./nativeAgent.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const MiB = 1024 * 1024;

/** The agent's peak resident memory (Linux), in bytes. */
function peakMemory(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) * 1024;
}

describe("the agent under hostile or careless input (native build)", () => {
  let agent: ReturnType<typeof startNativeAgent>;
  let control: ControlChannel;
  const cwd = tmpdir();

  beforeEach(async () => {
    agent = startNativeAgent();
    control = new ControlChannel(agent.port);
    await control.hello({ timeoutMs: 5000 });
  });
  afterEach(() => agent.stop());

  it("drops a 20 MiB paste into a terminal that does not read, stays small and runs the next exec", async () => {
    const term = await control.openPty({ cols: 80, rows: 24, cwd, command: "sleep 5" });
    term.write(new Uint8Array(20 * MiB).fill(0x61));
    // Queued behind the paste: it runs once every pasted byte reached the agent.
    const r = await control.exec("echo alive", { cwd, timeoutMs: 60_000 });
    expect(text(r.stdout)).toBe("alive\n");
    expect(agent.child.exitCode).toBeNull();
    // 1 MiB of pending input at most (plus the agent's own few MiB), not 20.
    expect(peakMemory(agent.child.pid!)).toBeLessThan(8 * MiB);
    term.close();
  }, 90_000);

  it("gives a command that reads its stdin late every byte of it", async () => {
    // Exec stdin is finite and every byte matters (a workspace restore is a
    // tar archive on stdin), so it is never dropped however slow the reader.
    const r = await control.exec("sleep 1; wc -c", { cwd, stdin: new Uint8Array(3 * MiB) });
    expect(text(r.stdout).trim()).toBe(String(3 * MiB));
  }, 30_000);

  it("answers an EXEC whose env count would overflow with an ERROR frame, and keeps running", async () => {
    const frames: Frame[] = [];
    const decoder = new FrameDecoder();
    agent.port.onReceive((bytes) => frames.push(...decoder.push(bytes)));
    const id = 0x7ffffff0; // far from the ids the ControlChannel allocates
    agent.port.send(encodeFrame(FrameType.Exec, id, encodeFields([cwd, "2147483647", "true"])));
    await waitFor(() => frames.some((f) => f.channel === id));
    const answer = frames.find((f) => f.channel === id)!;
    expect(answer.type).toBe(FrameType.Error);
    expect(text(answer.payload)).toContain("malformed EXEC env");
    expect(text((await control.exec("echo alive", { cwd })).stdout)).toBe("alive\n");
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

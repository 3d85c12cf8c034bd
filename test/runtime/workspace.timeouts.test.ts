import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ControlChannel } from "../../src/runtime/control/ControlChannel.ts";
import { FrameType } from "../../src/runtime/control/frame.ts";
import { TimeoutError } from "../../src/runtime/Runtime.ts";
import { workspaceFiles } from "../../src/runtime/workspace.ts";
import { scriptedGuest } from "./control/scriptedGuest.ts";
import { track } from "./track.ts";

/** Workspace operations over a real control channel whose guest never answers. */
function hungGuest() {
  const guest = scriptedGuest();
  const control = new ControlChannel(guest.port);
  return { guest, files: workspaceFiles((cmd, opts) => control.exec(cmd, opts)) };
}

describe("workspace file operations' time limit", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("gives up after 30 s by default with an error naming the file, and kills the command", async () => {
    const { guest, files } = hungGuest();
    const read = track(files.readFile("Dockerfile"));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(read.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(read.error).toBeInstanceOf(TimeoutError);
    expect((read.error as Error).message).toBe("cannot read Dockerfile: no answer within 30 s");
    const exec = guest.sent.find((f) => f.type === FrameType.Exec)!;
    expect(guest.sent).toContainEqual(
      expect.objectContaining({ type: FrameType.Close, channel: exec.channel }),
    );
  });

  it("applies to every operation", async () => {
    const { files } = hungGuest();
    const calls = [
      track(files.writeFile("a.txt", "x")),
      track(files.listFiles()),
      track(files.removeFile("a.txt")),
      track(files.renameFile("a.txt", "b.txt")),
    ];
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls.map((c) => (c.error as Error).message)).toEqual([
      "cannot write a.txt: no answer within 30 s",
      "cannot list /workspace: no answer within 30 s",
      "cannot remove a.txt: no answer within 30 s",
      "cannot rename a.txt to b.txt: no answer within 30 s",
    ]);
  });

  it("takes the caller's timeoutMs and signal instead", async () => {
    const { files } = hungGuest();
    const quick = track(files.readFile("a", { timeoutMs: 1_000 }));
    const unlimited = track(files.readFile("b", { timeoutMs: Infinity }));
    const abort = new AbortController();
    const aborted = track(files.readFile("c", { signal: abort.signal }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(quick.error).toBeInstanceOf(TimeoutError);
    abort.abort();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect((aborted.error as Error).name).toBe("AbortError");
    expect(unlimited.settled).toBe(false);
  });
});

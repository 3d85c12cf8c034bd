import { describe, expect, it } from "vitest";
import { startedSession } from "../session/startedSession.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { DISK_LOW_BYTES, DiskState } from "../../src/state/DiskState.svelte.ts";

const df = (free: number) =>
  new FakeRuntime({
    exec: (command) => ({
      exitCode: command.startsWith("df ") ? 0 : 1,
      stdout: new TextEncoder().encode(`${free}\n`),
      stderr: new Uint8Array(),
    }),
  });

describe("DiskState", () => {
  it("warns when the guest disk is nearly full, with what to do", async () => {
    const disk = new DiskState({ intervalMs: 60_000 });
    disk.attach(await startedSession(df(DISK_LOW_BYTES - 1)));
    await disk.check();
    expect(disk.warning).toMatch(/nearly full \(199 MB left\).*docker system prune/);
    disk.detach();
  });

  it("says nothing while there is room, or before it knows", async () => {
    const disk = new DiskState({ intervalMs: 60_000 });
    expect(disk.warning).toBeNull();
    disk.attach(await startedSession(df(900 * 1024 * 1024)));
    await disk.check();
    expect(disk.free).toBe(900 * 1024 * 1024);
    expect(disk.warning).toBeNull();
    disk.detach();
  });
});

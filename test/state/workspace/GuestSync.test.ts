import { afterEach, describe, expect, it, vi } from "vitest";
import type { DockerEvent } from "../../../src/runtime/docker/types.ts";
import type { Runtime, WorkspaceEntry } from "../../../src/runtime/Runtime.ts";
import { Guest } from "../../../src/state/workspace/Guest.svelte.ts";
import { GuestSync } from "../../../src/state/workspace/GuestSync.svelte.ts";

const file = (path: string, size = 1, mtimeMs = 1): WorkspaceEntry => ({
  path,
  type: "file",
  size,
  mtimeMs,
});

/** A guest whose listing is `listing` (changeable), counting the listings taken. */
function setup(options = {}) {
  const listing: WorkspaceEntry[] = [file("a")];
  const listFiles = vi.fn(async () => [...listing]);
  const guest = new Guest();
  guest.runtime = { listFiles } as unknown as Runtime;
  const hooks = { listed: vi.fn(async () => {}), changed: vi.fn() };
  const sync = new GuestSync(guest, hooks, { pollMs: 3000, afterEnterMs: 800, ...options });
  return { listing, listFiles, guest, hooks, sync };
}

const event = (Type: string, Action: string): DockerEvent => ({
  Type,
  Action,
  Actor: { ID: "c0ffee", Attributes: {} },
  time: 0,
  timeNano: 0,
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("GuestSync", () => {
  it("joins a listing under way instead of starting another", async () => {
    const { sync, listFiles } = setup();
    await Promise.all([sync.refresh(), sync.refresh()]);
    expect(listFiles).toHaveBeenCalledTimes(1);
    await sync.refresh();
    expect(listFiles).toHaveBeenCalledTimes(2);
  });

  it("counts a listing as a change only when a path, size or mtime moved", async () => {
    const { sync, listing, hooks } = setup();
    await sync.refresh();
    await sync.refresh();
    expect(hooks.listed).toHaveBeenCalledTimes(2);
    expect(hooks.changed).toHaveBeenCalledTimes(1);
    listing[0] = file("a", 1, 2);
    await sync.refresh();
    expect(hooks.changed).toHaveBeenCalledTimes(2);
    sync.reset();
    await sync.refresh();
    expect(hooks.changed).toHaveBeenCalledTimes(3);
    expect(sync.entries.map((e) => e.path)).toEqual(["a"]);
  });

  it("reports a failed listing on the guest and keeps the last entries", async () => {
    const { sync, listFiles, guest, hooks } = setup();
    await sync.refresh();
    listFiles.mockRejectedValueOnce(new Error("the sandbox stopped responding"));
    await sync.refresh();
    expect(guest.error).toBe("the sandbox stopped responding");
    expect(sync.entries).toHaveLength(1);
    expect(hooks.listed).toHaveBeenCalledTimes(1);
  });

  it("lists nothing while detached", async () => {
    const { sync, listFiles, guest } = setup();
    guest.runtime = null;
    await sync.refresh();
    expect(listFiles).not.toHaveBeenCalled();
  });

  it("polls while the page is visible and pauses while it is hidden", async () => {
    vi.useFakeTimers();
    const page = { hidden: false };
    vi.stubGlobal("document", page);
    const { sync, listFiles } = setup();
    sync.start();
    await vi.advanceTimersByTimeAsync(3100);
    expect(listFiles).toHaveBeenCalledTimes(1);
    page.hidden = true;
    await vi.advanceTimersByTimeAsync(9000);
    expect(listFiles).toHaveBeenCalledTimes(1);
    page.hidden = false;
    await vi.advanceTimersByTimeAsync(3000);
    expect(listFiles).toHaveBeenCalledTimes(2);
    sync.stop();
    await vi.advanceTimersByTimeAsync(9000);
    expect(listFiles).toHaveBeenCalledTimes(2);
  });

  it("lists once soon after a container dies and is removed, and not for other events", async () => {
    vi.useFakeTimers();
    const { sync, listFiles } = setup();
    sync.noticeDockerEvent(event("container", "start"));
    sync.noticeDockerEvent(event("container", "exec_start: sh"));
    sync.noticeDockerEvent(event("image", "delete"));
    sync.noticeDockerEvent(event("volume", "destroy"));
    await vi.advanceTimersByTimeAsync(2000);
    expect(listFiles).not.toHaveBeenCalled();

    sync.noticeDockerEvent(event("container", "die"));
    await vi.advanceTimersByTimeAsync(500);
    sync.noticeDockerEvent(event("container", "destroy"));
    await vi.advanceTimersByTimeAsync(500);
    expect(listFiles).not.toHaveBeenCalled(); // the destroy restarted the wait
    await vi.advanceTimersByTimeAsync(400);
    expect(listFiles).toHaveBeenCalledTimes(1);
  });

  it("drops a listing still waiting when disposed", async () => {
    vi.useFakeTimers();
    const { sync, listFiles } = setup();
    sync.noticeTerminalInput("ls\r");
    sync.dispose();
    await vi.advanceTimersByTimeAsync(2000);
    expect(listFiles).not.toHaveBeenCalled();
  });
});

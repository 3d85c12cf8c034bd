import { afterEach, describe, expect, it, vi } from "vitest";
import type { Runtime, WorkspaceEntry } from "../../../src/runtime/Runtime.ts";
import {
  FileBuffers,
  MAX_EDITABLE_BYTES,
} from "../../../src/state/workspace/FileBuffers.svelte.ts";
import { Guest } from "../../../src/state/workspace/Guest.svelte.ts";
import type { WorkspaceKeeper } from "../../../src/state/workspace/WorkspaceKeeper.svelte.ts";

const encoder = new TextEncoder();
const entry = (path: string, size = 3, mtimeMs = 1): WorkspaceEntry => ({
  path,
  type: "file",
  size,
  mtimeMs,
});

/** Buffers over an in-memory guest holding `files`; the keeper and hooks are spies. */
function setup(files: Record<string, string>, sizes: Record<string, number> = {}) {
  const entries = Object.keys(files).map((p) => entry(p, sizes[p] ?? files[p]!.length));
  const runtime = {
    readFile: vi.fn(async (path: string) => encoder.encode(files[path])),
    writeFile: vi.fn(async (path: string, text: string) => void (files[path] = text)),
    listFiles: vi.fn(async () => entries),
  };
  const guest = new Guest();
  guest.runtime = runtime as unknown as Runtime;
  const keeper = { edited: vi.fn(), wroteToGuest: vi.fn() };
  const hooks = {
    entries: () => entries,
    refresh: vi.fn(async () => {}),
    renamed: vi.fn(),
    removed: vi.fn(),
  };
  const buffers = new FileBuffers(
    guest,
    keeper as unknown as WorkspaceKeeper,
    { saveDelayMs: 500 },
    hooks,
  );
  return { buffers, runtime, guest, keeper, hooks, entries };
}

afterEach(() => vi.useRealTimers());

describe("FileBuffers", () => {
  it("hands each edit to the keeper at once and to the guest after the debounce", async () => {
    vi.useFakeTimers();
    const { buffers, runtime, keeper, hooks } = setup({ a: "one" });
    await buffers.open("a");
    buffers.edit("a", "two");
    expect(keeper.edited).toHaveBeenCalledWith("a", "two");
    expect(buffers.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(600);
    expect(runtime.writeFile).toHaveBeenCalledWith("a", "two");
    expect(keeper.wroteToGuest).toHaveBeenCalledWith("a", "two");
    expect(hooks.refresh).toHaveBeenCalled();
    expect(buffers.dirty).toBe(false);
  });

  it("tries a failed save again after four debounces, keeping the text", async () => {
    vi.useFakeTimers();
    const { buffers, runtime, guest } = setup({ a: "one" });
    await buffers.open("a");
    runtime.writeFile.mockRejectedValueOnce(new Error("No space left on device"));
    buffers.edit("a", "two");
    await vi.advanceTimersByTimeAsync(600);
    expect(guest.error).toMatch(/Could not save a: No space left on device/);
    expect(buffers.isDirty("a")).toBe(true);
    await vi.advanceTimersByTimeAsync(1500);
    expect(runtime.writeFile).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(runtime.writeFile).toHaveBeenCalledTimes(2);
    expect(buffers.isDirty("a")).toBe(false);
    expect(guest.error).toBeNull();
  });

  it("re-reads an open file only when its size or mtime moved", async () => {
    const { buffers, runtime } = setup({ a: "one" });
    await buffers.open("a");
    await buffers.reload([entry("a")]);
    expect(runtime.readFile).toHaveBeenCalledTimes(1);
    await buffers.reload([entry("a", 3, 2)]);
    expect(runtime.readFile).toHaveBeenCalledTimes(2);
    buffers.forgetVersions();
    await buffers.reload([entry("a", 3, 2)]);
    expect(runtime.readFile).toHaveBeenCalledTimes(3);
  });

  it("opens a file over the editable size as large without reading it", async () => {
    const { buffers, runtime } = setup({ big: "x" }, { big: MAX_EDITABLE_BYTES + 1 });
    await buffers.open("big");
    expect(buffers.active?.kind).toBe("large");
    expect(runtime.readFile).not.toHaveBeenCalled();
  });

  it("moves the buffers of a renamed folder, the active one included, and tells the editor", async () => {
    const { buffers, hooks } = setup({ "src/a": "a", "src/b": "b", srcx: "x" });
    await buffers.open("srcx");
    await buffers.open("src/b");
    await buffers.open("src/a");
    buffers.edit("src/a", "edited");
    buffers.moved("src", "lib");
    expect(buffers.activePath).toBe("lib/a");
    expect(buffers.bufferOf("lib/a")?.text).toBe("edited");
    expect(buffers.bufferOf("lib/b")?.path).toBe("lib/b");
    expect(buffers.bufferOf("srcx")).not.toBeNull();
    expect(hooks.renamed.mock.calls.sort()).toEqual([
      ["src/a", "lib/a"],
      ["src/b", "lib/b"],
    ]);
    buffers.dispose();
  });

  it("closes the buffers of a removed folder, and all of them on closeAll", async () => {
    const { buffers, hooks } = setup({ "src/a": "a", other: "o" });
    await buffers.open("other");
    await buffers.open("src/a");
    buffers.removed("src");
    expect(buffers.activePath).toBeNull();
    expect(buffers.bufferOf("src/a")).toBeNull();
    expect(hooks.removed).toHaveBeenCalledWith("src/a");
    buffers.closeAll();
    expect(buffers.bufferOf("other")).toBeNull();
    expect(hooks.removed).toHaveBeenCalledWith("other");
  });
});

describe("FileBuffers: overlapping opens", () => {
  /** A guest whose reads of `slow` wait until `release()` is called. */
  function slowRead(slow: string) {
    const set = setup({ start: "FROM busybox\n", "compose.yaml": "services: {}\n" });
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const read = set.runtime.readFile.getMockImplementation()!;
    set.runtime.readFile.mockImplementation(async (path: string) => {
      if (path === slow) await gate;
      return read(path);
    });
    return { ...set, release };
  }

  it("gives the editor to the later request when an earlier read ends last", async () => {
    const { buffers, release } = slowRead("start");
    const first = buffers.open("start");
    await buffers.open("compose.yaml");
    expect(buffers.activePath).toBe("compose.yaml");
    release();
    await first;
    expect(buffers.activePath).toBe("compose.yaml");
    expect(buffers.bufferOf("start")?.text).toBe("FROM busybox\n");
  });

  it("does not open a lesson's start file over one the learner is opening", async () => {
    const { buffers, release } = slowRead("compose.yaml");
    const learner = buffers.open("compose.yaml");
    await buffers.openIfNone("start");
    expect(buffers.bufferOf("start")).toBeNull();
    release();
    await learner;
    expect(buffers.activePath).toBe("compose.yaml");
  });

  it("opens the start file when nothing is open, and after a failed open", async () => {
    const { buffers } = slowRead("none");
    await expect(buffers.open("missing")).rejects.toThrow("missing is not a file");
    await buffers.openIfNone("start");
    expect(buffers.activePath).toBe("start");
  });
});

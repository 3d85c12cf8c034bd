import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import type { DockerEvent } from "../../src/runtime/docker/types.ts";
import type { ExecResult } from "../../src/runtime/Runtime.ts";
import { WorkspaceState } from "../../src/state/WorkspaceState.svelte.ts";
import { memoryStore } from "../../src/state/workspaceStore.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const ok = (stdout: Uint8Array = new Uint8Array()): ExecResult => ({
  exitCode: 0,
  stdout,
  stderr: new Uint8Array(),
});

afterEach(() => vi.useRealTimers());

describe("WorkspaceState", () => {
  it("seeds start files without overwriting the learner's files", async () => {
    const rt = new FakeRuntime({ files: { Dockerfile: "FROM mine\n" } });
    const ws = new WorkspaceState();
    await ws.attach(rt, { Dockerfile: "FROM busybox\n", "app.sh": "echo hi\n" });
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM mine\n");
    expect(text(await rt.readFile("app.sh"))).toBe("echo hi\n");
    expect(ws.entries.map((e) => e.path).sort()).toEqual(["Dockerfile", "app.sh"]);
    ws.dispose();
  });

  it("saves edits to the guest after the debounce, and at once on save()", async () => {
    vi.useFakeTimers();
    const rt = new FakeRuntime({ files: { Dockerfile: "FROM busybox\n" } });
    const ws = new WorkspaceState(null, { saveDelayMs: 500, pollMs: 60_000 });
    await ws.attach(rt);
    await ws.open("Dockerfile");
    ws.edit("Dockerfile", "FROM busybox\nCMD echo 1\n");
    expect(ws.isDirty("Dockerfile")).toBe(true);
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM busybox\n");
    await vi.advanceTimersByTimeAsync(600);
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM busybox\nCMD echo 1\n");
    expect(ws.isDirty("Dockerfile")).toBe(false);

    ws.edit("Dockerfile", "FROM debian:bookworm-slim\n");
    await ws.save();
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM debian:bookworm-slim\n");
    ws.dispose();
  });

  it("picks up files created and changed in the terminal", async () => {
    const rt = new FakeRuntime({ files: { "a.txt": "one" } });
    const ws = new WorkspaceState(null, { pollMs: 60_000 });
    await ws.attach(rt);
    await ws.open("a.txt");
    await rt.writeFile("a.txt", "two"); // same size: only the mtime tells
    await rt.writeFile("new.txt", "");
    await ws.refresh();
    expect(ws.entries.map((e) => e.path)).toContain("new.txt");
    expect(ws.active?.text).toBe("two");
    ws.dispose();
  });

  it("keeps unsaved edits when the file also changed in the guest, and flags it", async () => {
    const rt = new FakeRuntime({ files: { "a.txt": "one" } });
    const ws = new WorkspaceState(null, { pollMs: 60_000, saveDelayMs: 60_000 });
    await ws.attach(rt);
    await ws.open("a.txt");
    ws.edit("a.txt", "mine");
    await rt.writeFile("a.txt", "theirs");
    await ws.refresh();
    expect(ws.active?.text).toBe("mine");
    expect(ws.active?.conflict).toBe(true);
    await ws.save();
    expect(text(await rt.readFile("a.txt"))).toBe("mine");
    expect(ws.active?.conflict).toBe(false);
    ws.dispose();
  });

  it("refreshes shortly after Enter in a terminal", async () => {
    vi.useFakeTimers();
    const rt = new FakeRuntime();
    const ws = new WorkspaceState(null, { pollMs: 60_000, afterEnterMs: 800 });
    await ws.attach(rt);
    await rt.writeFile("made-in-terminal", "");
    ws.noticeTerminalInput("touch made-in-terminal");
    await vi.advanceTimersByTimeAsync(1000);
    expect(ws.entries).toHaveLength(0);
    ws.noticeTerminalInput("\r");
    await vi.advanceTimersByTimeAsync(1000);
    expect(ws.entries.map((e) => e.path)).toEqual(["made-in-terminal"]);
    ws.dispose();
  });

  it("refreshes shortly after a container dies or is removed (a bind mount may have written)", async () => {
    vi.useFakeTimers();
    const rt = new FakeRuntime();
    const ws = new WorkspaceState(null, { pollMs: 60_000, afterEnterMs: 800 });
    const changed = vi.fn();
    ws.onChanged = changed;
    await ws.attach(rt);
    changed.mockClear();
    await rt.writeFile("out.txt", "written by a container");
    const container = (Action: string): DockerEvent => ({
      Type: "container",
      Action,
      Actor: { ID: "c0ffee", Attributes: { name: "writer" } },
      time: 0,
      timeNano: 0,
    });
    ws.noticeDockerEvent(container("start"));
    ws.noticeDockerEvent({ ...container("destroy"), Type: "volume" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(ws.entries).toHaveLength(0);
    ws.noticeDockerEvent(container("die"));
    ws.noticeDockerEvent(container("destroy"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(ws.entries.map((e) => e.path)).toEqual(["out.txt"]);
    expect(changed).toHaveBeenCalledTimes(1);
    ws.dispose();
  });

  it("creates, renames and removes files, following the open one", async () => {
    const rt = new FakeRuntime();
    const ws = new WorkspaceState(null, { pollMs: 60_000 });
    const renamed: string[] = [];
    ws.onRenamed = (from, to) => renamed.push(`${from}->${to}`);
    await ws.attach(rt);
    await ws.create("src/app.py", "print(1)\n");
    expect(ws.activePath).toBe("src/app.py");
    await expect(ws.create("src/app.py")).rejects.toThrow(/already exists/);
    await expect(ws.create("  ")).rejects.toThrow(/file name/);
    await ws.rename("src/app.py", "main.py");
    expect(ws.activePath).toBe("main.py");
    expect(renamed).toEqual(["src/app.py->main.py"]);
    expect(text(await rt.readFile("main.py"))).toBe("print(1)\n");
    await ws.remove("main.py");
    expect(ws.activePath).toBeNull();
    expect(ws.entries.map((e) => e.path)).not.toContain("main.py");
    ws.dispose();
  });

  it("marks binary files instead of opening them as text", async () => {
    const rt = new FakeRuntime({ files: { "blob.bin": new Uint8Array([0xff, 0xfe, 0x00, 0x80]) } });
    const ws = new WorkspaceState(null, { pollMs: 60_000 });
    await ws.attach(rt);
    await ws.open("blob.bin");
    expect(ws.active?.kind).toBe("binary");
    ws.edit("blob.bin", "text");
    expect(ws.isDirty("blob.bin")).toBe(false);
    ws.dispose();
  });

  it("restores the kept copy of the workspace instead of the start files, then re-applies unsaved text", async () => {
    const store = memoryStore();
    const tar = new TextEncoder().encode("pretend-tar");
    await store.save(tar);
    const seen: { command: string; stdin: string }[] = [];
    const rt = new FakeRuntime({
      exec: (command, o) => {
        seen.push({
          command,
          stdin: typeof o.stdin === "string" ? o.stdin : text(o.stdin ?? new Uint8Array()),
        });
        return ok();
      },
    });
    const ws = new WorkspaceState(store, { pollMs: 60_000 });
    await ws.attach(rt, { Dockerfile: "FROM busybox\n" });
    expect(seen[0]).toEqual({ command: "tar -xf - -C /workspace", stdin: "pretend-tar" });
    await expect(rt.readFile("Dockerfile")).rejects.toThrow(); // not seeded: the kept copy wins
    ws.dispose();
  });

  it("keeps a copy of the workspace after changes, read back on the next attach", async () => {
    vi.useFakeTimers();
    const store = memoryStore();
    const rt = new FakeRuntime({
      files: { a: "1" },
      exec: (command) => ok(new TextEncoder().encode(command.includes("tar -cf") ? "TAR" : "")),
    });
    const ws = new WorkspaceState(store, { pollMs: 60_000 });
    await ws.attach(rt);
    expect(ws.persistPending).toBe(true);
    await vi.advanceTimersByTimeAsync(1500);
    expect(text((await store.load())!.tar)).toBe("TAR");
    expect(ws.persistPending).toBe(false);
    ws.dispose();
  });

  it("reports a failed save and keeps the text", async () => {
    const rt = new FakeRuntime({ files: { a: "1" } });
    const ws = new WorkspaceState(null, { pollMs: 60_000, saveDelayMs: 60_000 });
    await ws.attach(rt);
    await ws.open("a");
    rt.writeFile = () => Promise.reject(new Error("No space left on device"));
    ws.edit("a", "2");
    await ws.save();
    expect(ws.error).toMatch(/Could not save a: No space left on device/);
    expect(ws.active?.text).toBe("2");
    expect(ws.isDirty("a")).toBe(true);
    ws.dispose();
  });
});

describe("WorkspaceState persistence timing", () => {
  it("counts a copy still being taken as pending (a reload then would lose it)", async () => {
    const store = memoryStore();
    let finishTar: (() => void) | null = null;
    const rt = new FakeRuntime({
      files: { a: "1" },
      exec: (command) =>
        command.includes("tar -cf")
          ? new Promise((resolve) => {
              finishTar = () => resolve(ok(new TextEncoder().encode("TAR")));
            })
          : ok(),
    });
    const ws = new WorkspaceState(store, { pollMs: 60_000 });
    await ws.attach(rt);
    const persisting = ws.persist();
    expect(ws.persistPending).toBe(true);
    await vi.waitFor(() => expect(finishTar).not.toBeNull());
    finishTar!();
    await persisting;
    expect(ws.persistPending).toBe(false);
    expect(text((await store.load())!.tar)).toBe("TAR");
    ws.dispose();
  });
});

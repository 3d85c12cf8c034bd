import { describe, expect, it, vi } from "vitest";
import { parseLesson } from "../../src/content/lesson.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { encodeSandboxFile } from "../../src/runtime/state/sandboxFile.ts";
import { AppState } from "../../src/state/AppState.svelte.ts";
import { memoryKeyValueStore } from "../../src/state/keyValueStore.ts";
import { memoryRouter } from "../../src/state/memoryRouter.ts";
import { savedSandboxStore, type SavedSandboxStore } from "../../src/state/savedSandboxStore.ts";
import { memoryStores } from "../../src/state/workspaceStore.ts";

const lesson = (id: string, extra = "") =>
  parseLesson({
    dir: `lessons/01-a/${id}`,
    chapter: "a",
    source: `---
id: ${id}
title: Lesson ${id}
summary: S.
minutes: 5
${extra}
---

## Build

\`\`\`step
id: build
checks:
  - kind: command
    run: "true"
solution: docker build -t hello .
\`\`\`
`,
    files: { [`${id}.txt`]: `${id}\n` },
  });

const LESSONS = [lesson("first", "setup: echo set-up-first"), lesson("second")];
const settle = () => new Promise((r) => setTimeout(r, 20));

function makeApp(saved: SavedSandboxStore, rt = new FakeRuntime(), url = "http://x/") {
  const app = new AppState({
    lessons: LESSONS,
    runtime: async () => rt,
    window: memoryRouter(url),
    workspace: { pollMs: 60_000 },
    stores: memoryStores(),
    checkDebounceMs: 0,
    savedSandbox: saved,
  });
  return { app, rt };
}

describe("the sandbox kept across reloads", () => {
  it("is saved when a step passes after a change, and comes back at the next start", async () => {
    const saved = savedSandboxStore(memoryKeyValueStore());
    const first = makeApp(saved);
    await first.app.start();
    expect(first.app.sandbox.startedFrom).toBe("snapshot");
    first.app.run("docker build -t hello ."); // the learner did something
    first.app.checks.schedule();
    await settle();
    await settle();
    expect(first.rt.saves).toBe(1);
    expect(await saved.summary()).toMatchObject({ lesson: "first" });
    first.app.workspace.dispose();

    const next = makeApp(saved);
    await next.app.start();
    expect(next.app.sandbox.startedFrom).toBe("saved");
    expect(next.rt.restoredFrom?.meta).toMatchObject({ lesson: "first", setUp: "first" });
    expect(next.app.saves.restored?.lesson).toBe("first");
    // The setup ran in the saved VM: it does not run again over the learner's work.
    expect(next.rt.execCalls.some((c) => c.command.includes("set-up-first"))).toBe(false);
    next.app.workspace.dispose();
  });

  it("skips automatic saves when nothing changed, but always saves on request", async () => {
    const { app, rt } = makeApp(savedSandboxStore(memoryKeyValueStore()));
    await app.start();
    expect(await app.saves.save("hidden")).toBe(false);
    expect(await app.saves.save("button")).toBe(true);
    app.run("ls");
    expect(await app.saves.save("hidden")).toBe(true);
    app.run("ls");
    expect(await app.saves.save("step")).toBe(false); // too soon after the last automatic save
    expect(rt.saves).toBe(2);
    app.workspace.dispose();
  });

  it("starts fresh, saying why, when the kept sandbox is from another VM build", async () => {
    const saved = savedSandboxStore(memoryKeyValueStore());
    const foreign = encodeSandboxFile(
      {
        vm: { recipeHash: "0123456789abcdef", v86Version: "0.5.1", disk: "f".repeat(64) },
        savedAt: new Date().toISOString(),
        rawBytes: 0,
        v86Stream: false,
        channels: { next: 1, open: [] },
        meta: { lesson: "first" },
      },
      [],
    );
    await saved.save(foreign, { savedAt: new Date().toISOString(), bytes: 1, lesson: "first" });
    const { app, rt } = makeApp(saved);
    await app.start();
    expect(app.sandbox.status).toBe("ready");
    expect(app.sandbox.startedFrom).toBe("snapshot");
    expect(rt.restoredFrom).toBeNull();
    expect(app.saves.restoreProblem).toMatch(/different VM build \(recipe 0123456789ab/);
    // The setup runs, as in any fresh sandbox; the kept copy stays for a download.
    expect(rt.execCalls.some((c) => c.command.includes("set-up-first"))).toBe(true);
    expect(await saved.load()).toEqual(foreign);
    app.workspace.dispose();
  });

  it("says on the console where a save's time went", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      const { app } = makeApp(savedSandboxStore(memoryKeyValueStore()));
      await app.start();
      expect(await app.saves.save("button")).toBe(true);
      // The fake reports no phases: only the total and the store are known.
      expect(info).toHaveBeenCalledWith(
        expect.stringMatching(/^\[sandbox\] saved in \d+\.\d s: store \d+\.\d s$/),
      );
      app.workspace.dispose();
    } finally {
      info.mockRestore();
    }
  });

  it("is forgotten by Reset sandbox, so a reload starts fresh too", async () => {
    const saved = savedSandboxStore(memoryKeyValueStore());
    const { app } = makeApp(saved);
    await app.start();
    await app.saves.save("button");
    expect(await saved.summary()).not.toBeNull();
    await app.reset();
    expect(await saved.summary()).toBeNull();
    expect(app.saves.summary).toBeNull();
    app.workspace.dispose();
  });
});

describe("opening a saved sandbox file", () => {
  it("opens its lesson, restores its VM with its files, and keeps it", async () => {
    const other = new FakeRuntime({ files: { "second.txt": "the learner's version\n" } });
    await other.start();
    const file = await other.saveState({ meta: { lesson: "second" } });

    const saved = savedSandboxStore(memoryKeyValueStore());
    const { app, rt } = makeApp(saved);
    await app.start();
    await app.openSandbox(file);
    expect(app.lessons.current?.id).toBe("second");
    expect(rt.restoredFrom?.meta.lesson).toBe("second");
    expect(app.sandbox.status).toBe("ready");
    expect(await saved.load()).toEqual(file);
    expect(await saved.summary()).toMatchObject({ lesson: "second" });
    app.workspace.dispose();
  });

  it("refuses a file that is not a saved sandbox and changes nothing", async () => {
    const saved = savedSandboxStore(memoryKeyValueStore());
    const { app, rt } = makeApp(saved);
    await app.start();
    await expect(app.openSandbox(new TextEncoder().encode("{}"))).rejects.toThrow(
      /not a saved sandbox/,
    );
    expect(app.lessons.current?.id).toBe("first");
    expect(rt.restoredFrom).toBeNull();
    expect(await saved.summary()).toBeNull();
    app.workspace.dispose();
  });
});

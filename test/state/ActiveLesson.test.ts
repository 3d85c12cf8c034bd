import { describe, expect, it } from "vitest";
import { parseLesson, type CheckStep, type Lesson } from "../../src/content/lesson.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { ActiveLesson } from "../../src/state/ActiveLesson.svelte.ts";
import { AppState } from "../../src/state/AppState.svelte.ts";
import { memoryRouter } from "../../src/state/memoryRouter.ts";
import { memoryStores } from "../../src/state/workspaceStore.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

function lesson(id: string, title: string, extra = ""): Lesson {
  return parseLesson({
    dir: `lessons/01-a/${id}`,
    chapter: "a",
    source: `---\nid: ${id}\ntitle: ${title}\nsummary: S.\nminutes: 5\n${extra}---\n\n## Build\n\n\`\`\`step\nid: build\nchecks:\n  - kind: file\n    path: Dockerfile\nsolution: echo shown\nsolutionFiles: [Dockerfile]\n\`\`\`\n`,
    files: { Dockerfile: "FROM busybox\n" },
    solutionFiles: { Dockerfile: "FROM busybox\nCMD echo hello\n" },
  });
}

/** A lesson from a link, with a setup: it runs nothing until the learner allows it. */
function fromLink(): Lesson {
  const l = lesson("linked", "Linked", "setup: touch /tmp/setup-ran\n");
  return {
    ...l,
    id: "url-0123456789ab",
    from: {
      url: "https://elsewhere.example/l.md",
      origin: "https://elsewhere.example",
      id: l.id,
      commandsDigest: "touch /tmp/setup-ran",
    },
  };
}

function makeApp(lessons: Lesson[]) {
  const rt = new FakeRuntime();
  const app = new AppState({
    lessons,
    runtime: async () => rt,
    window: memoryRouter("http://x/"),
    workspace: { pollMs: 60_000 },
    stores: memoryStores(),
    checkDebounceMs: 0,
  });
  return { app, rt, active: new ActiveLesson(app) };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe("ActiveLesson", () => {
  it("shows the open lesson, its neighbours and other lessons' titles, and follows go()", async () => {
    const { app, active } = makeApp([lesson("one", "One"), lesson("two", "Two")]);
    expect(active.lesson?.id).toBe("one");
    expect(active.previous).toBeNull();
    expect(active.next?.id).toBe("two");
    expect(active.lessonTitle("two")).toBe("Two");
    expect(active.lessonTitle("missing")).toBeUndefined();
    active.go("two");
    expect(active.lesson?.id).toBe("two");
    expect(active.previous?.id).toBe("one");
    expect(active.next).toBeNull();
    await settle();
    app.workspace.dispose();
  });

  it("can act and run once the sandbox is ready and a terminal is open", async () => {
    const { app, active } = makeApp([lesson("one", "One")]);
    expect(active.canAct).toBe(false);
    expect(active.canRun).toBe(false);
    expect(active.run("docker ps")).toBe(false);
    await app.start();
    expect(active.canAct).toBe(true);
    expect(active.canRun).toBe(true);
    let typed = "";
    app.sandbox.terminals.active?.attach((d) => (typed += text(d)));
    expect(active.run("docker ps")).toBe(true);
    expect(typed).toBe("\x15docker ps\r");
    app.workspace.dispose();
  });

  it("Show me writes the solution files, and readMine reads the learner's copy", async () => {
    const { app, rt, active } = makeApp([lesson("one", "One")]);
    await app.start();
    expect(await active.readMine("Dockerfile")).toBe("FROM busybox\n");
    await active.showMe(active.lesson!.steps[0] as CheckStep);
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM busybox\nCMD echo hello\n");
    expect(await active.readMine("Dockerfile")).toBe("FROM busybox\nCMD echo hello\n");
    expect(await active.readMine("nothing-here")).toBeNull();
    expect(active.error).toBeNull();
    app.workspace.dispose();
  });

  it("reset is `resetting` while it runs and writes the start files again", async () => {
    const { app, rt, active } = makeApp([lesson("one", "One")]);
    await app.start();
    await rt.writeFile("Dockerfile", "FROM nothing\n");
    const reset = active.reset();
    expect(active.resetting).toBe(true);
    await reset;
    expect(active.resetting).toBe(false);
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM busybox\n");
    app.workspace.dispose();
  });

  it("an action's failure shows as error", async () => {
    const { app, rt, active } = makeApp([lesson("one", "One")]);
    await app.start();
    rt.writeFile = () => Promise.reject(new Error("disk full"));
    await active.showMe(active.lesson!.steps[0] as CheckStep);
    expect(active.error).toMatch(/Show me failed: disk full/);
    app.workspace.dispose();
  });

  it("a lesson from a link needs consent until allow(), which runs its setup", async () => {
    const { app, rt, active } = makeApp([fromLink()]);
    await app.start();
    await settle();
    const setupRan = () => rt.execCalls.some((c) => c.command.includes("setup-ran"));
    expect(active.needsConsent).toBe(true);
    expect(setupRan()).toBe(false);
    await active.allow();
    expect(active.needsConsent).toBe(false);
    expect(setupRan()).toBe(true);
    app.workspace.dispose();
  });
});

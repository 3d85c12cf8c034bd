/**
 * A lesson from a link runs nothing until the learner agrees (issue 15): no
 * setup, no command or registry checks; after "Allow and run" both run.
 */
import { describe, expect, it } from "vitest";
import { parseLesson, type Lesson } from "../../src/content/lesson.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import type { ExecResult } from "../../src/runtime/Runtime.ts";
import { AppState } from "../../src/state/AppState.svelte.ts";
import { ConsentState } from "../../src/state/ConsentState.svelte.ts";
import type { RouterWindow } from "../../src/state/LessonState.svelte.ts";
import { memoryStores } from "../../src/state/workspaceStore.ts";

const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

function untrusted(setup = "touch /tmp/setup-ran", run = "cat /workspace/secret"): Lesson {
  const lesson = parseLesson({
    dir: "url/l",
    chapter: "preview",
    source: `---\nid: first-dockerfile\ntitle: T\nsummary: S.\nminutes: 5\nsetup: ${setup}\n---\n\n## Look\n\n\`\`\`step\nid: look\nchecks:\n  - kind: command\n    run: ${run}\nsolution: echo\n\`\`\`\n`,
  });
  return {
    ...lesson,
    id: "url-0123456789ab",
    from: {
      url: "https://evil.example/l.md",
      origin: "https://evil.example",
      id: lesson.id,
      commandsDigest: `${setup}|${run}`,
    },
  };
}

const win = (href: string): RouterWindow => ({
  location: { href },
  history: { pushState: () => {}, replaceState: () => {} },
  addEventListener: () => {},
  removeEventListener: () => {},
});

/** localStorage as far as ConsentState uses it. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  } as Storage;
}

function makeApp(lesson: Lesson, storage = memoryStorage()) {
  const commands: string[] = [];
  const rt = new FakeRuntime({
    exec: (command): ExecResult => {
      commands.push(command);
      return { exitCode: 0, stdout: new Uint8Array(), stderr: new Uint8Array() };
    },
  });
  const app = new AppState({
    lessons: [lesson],
    runtime: async () => rt,
    window: win("http://x/"),
    workspace: { pollMs: 60_000 },
    stores: memoryStores(),
    storage,
    checkDebounceMs: 0,
  });
  const ran = (text: string) => commands.some((c) => c.includes(text));
  return { app, ran, storage };
}

describe("an untrusted lesson", () => {
  it("runs no setup and no command check before the learner agrees", async () => {
    const { app, ran } = makeApp(untrusted());
    await app.start();
    await settle();
    await app.checks.checkNow();
    expect(ran("setup-ran")).toBe(false);
    expect(ran("/workspace/secret")).toBe(false);
    const step = app.lessons.current!.steps[0]!;
    expect(app.checks.status(step)).toBe("error");
    expect(app.checks.error(step)).toMatch(/allow them/);
    expect(app.consent.needs(app.lessons.current)).toBe(true);

    await app.allowLessonCommands();
    await app.checks.checkNow();
    expect(ran("setup-ran")).toBe(true);
    expect(ran("/workspace/secret")).toBe(true);
    expect(app.checks.status(step)).toBe("passed");
    app.workspace.dispose();
  });

  it("keeps the consent for the same commands only", () => {
    const storage = memoryStorage();
    const lesson = untrusted();
    new ConsentState(storage).grant(lesson);
    expect(new ConsentState(storage).needs(lesson)).toBe(false);
    expect(new ConsentState(storage).needs(untrusted("touch /tmp/other"))).toBe(true);
  });

  it("needs no consent when it runs nothing by itself, and course lessons never do", () => {
    const consent = new ConsentState(null);
    const { from: _from, ...courseLesson } = untrusted();
    expect(consent.needs(courseLesson as Lesson)).toBe(false);
  });
});

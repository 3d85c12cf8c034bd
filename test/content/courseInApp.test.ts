/**
 * An instructor's course in the app (on the fake runtime): its lessons run
 * nothing until the learner agrees, and what the app keeps for them (files,
 * progress, consent) is keyed in the course's namespace, never under the
 * ids the course gave its lessons.
 */
import { describe, expect, it } from "vitest";
import { courseFromUrl } from "../../src/content/courseFromUrl.ts";
import { packCourseJson } from "../../src/content/courseJson.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import type { ExecResult } from "../../src/runtime/Runtime.ts";
import { AppState } from "../../src/state/AppState.svelte.ts";
import type { RouterWindow } from "../../src/state/LessonState.svelte.ts";
import { memoryStores, type WorkspaceStores } from "../../src/state/workspaceStore.ts";

const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

const LESSON = `---
id: first-dockerfile
title: Same id as a built-in lesson
summary: S.
minutes: 5
setup: touch /tmp/course-setup
---

## Look

\`\`\`step
id: look
checks:
  - kind: command
    run: cat /workspace/secret
solution: echo
\`\`\`
`;

const FILES = {
  "course.yaml": "title: W\nsummary: S.\n",
  "01-a/chapter.yaml": "id: a\ntitle: A\nsummary: A.\n",
  "01-a/01-one/lesson.md": LESSON,
  "01-a/01-one/files/notes.txt": "start\n",
};

const win = (href: string): RouterWindow => ({
  location: { href },
  history: { pushState: () => {}, replaceState: () => {} },
  addEventListener: () => {},
  removeEventListener: () => {},
});

describe("a course from a URL in the app", () => {
  it("runs its lesson's setup and command checks only after consent, keyed by the course", async () => {
    const json = JSON.stringify(await packCourseJson(FILES, "W"));
    const course = await courseFromUrl(new URL("https://teacher.example/w/"), {
      fetch: async () => new Response(json),
    });
    const commands: string[] = [];
    const runtime = new FakeRuntime({
      exec: (command): ExecResult => {
        commands.push(command);
        return { exitCode: 0, stdout: new Uint8Array(), stderr: new Uint8Array() };
      },
    });
    const keys: string[] = [];
    const kept = memoryStores();
    const stores: WorkspaceStores = (key) => {
      keys.push(key);
      return kept(key);
    };
    const app = new AppState({
      lessons: course.lessons,
      chapters: course.chapters,
      runtime: async () => runtime,
      window: win("http://app.example/?course=https://teacher.example/w/"),
      workspace: { pollMs: 60_000 },
      stores,
      checkDebounceMs: 0,
    });
    await app.start();
    await settle();
    await app.checks.checkNow();
    const ran = (text: string) => commands.some((c) => c.includes(text));
    expect(ran("course-setup")).toBe(false);
    expect(ran("/workspace/secret")).toBe(false);
    expect(app.consent.needs(app.lessons.current)).toBe(true);
    // Its files are kept under the course's id, not the built-in lesson's.
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^lesson:course-[0-9a-f]{12}-first-dockerfile$/);

    await app.allowLessonCommands();
    await app.checks.checkNow();
    expect(ran("course-setup")).toBe(true);
    expect(ran("/workspace/secret")).toBe(true);
    const step = app.lessons.current!.steps[0]!;
    expect(app.checks.status(step)).toBe("passed");
    app.workspace.dispose();
  });
});

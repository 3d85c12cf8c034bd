// @vitest-environment jsdom
import { flushSync } from "svelte";
import { describe, expect, it } from "vitest";
import { parseLesson } from "../../../src/content/lesson.ts";
import { watchWidget } from "../../../src/embed/frame/watchWidget.svelte.ts";
import type { EventName } from "../../../src/embed/protocol.ts";
import { FakeRuntime } from "../../../src/runtime/fake/FakeRuntime.ts";
import { AppState } from "../../../src/state/AppState.svelte.ts";
import { memoryRouter } from "../../../src/state/memoryRouter.ts";
import { memoryStores } from "../../../src/state/workspaceStore.ts";

const LESSON = parseLesson({
  dir: "lessons/01-a/01-note",
  chapter: "a",
  source: [
    "---",
    "id: note",
    "title: Note",
    "summary: One file.",
    "minutes: 1",
    "---",
    "",
    "## Write it",
    "",
    "```step",
    "id: write",
    "checks:",
    "  - kind: file",
    "    path: hello.txt",
    "    contains: hi",
    "solution: echo hi > hello.txt",
    "```",
    "",
  ].join("\n"),
  files: {},
});

function widgetApp(href: string, problems: string[] = []) {
  const rt = new FakeRuntime();
  const app = new AppState({
    lessons: [LESSON],
    lessonProblems: problems,
    runtime: async () => rt,
    window: memoryRouter(href),
    stores: memoryStores(),
    workspace: { pollMs: 60_000 },
    checkDebounceMs: 0,
  });
  const events: { name: EventName; data: unknown }[] = [];
  const stop = watchWidget(app, (name, data) => void events.push({ name, data }));
  return { app, rt, events, stop };
}

/** Let the fake terminal open and the effects run. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 20));
  flushSync();
}

describe("watchWidget: the host's events, read off the app's state", () => {
  it("tells the host about lesson problems and a lesson that does not exist", () => {
    const { events, stop, app } = widgetApp("https://s.example/embed.html?lesson=nope", [
      "Cannot load the lesson at https://blog.example/x.md: 404",
    ]);
    const errors = events
      .filter((e) => e.name === "error")
      .map((e) => (e.data as { message: string }).message);
    expect(errors).toEqual([
      "Cannot load the lesson at https://blog.example/x.md: 404",
      'There is no lesson called "nope"; the widget shows the first one.',
    ]);
    stop();
    app.workspace.dispose();
  });

  it("sends ready once the prompt is up, then each step change and the lesson's completion", async () => {
    const { app, rt, events, stop } = widgetApp("https://s.example/embed.html?lesson=note");
    await app.start();
    await settle();
    expect(events.filter((e) => e.name === "ready")).toEqual([
      {
        name: "ready",
        data: {
          lesson: { id: "note", title: "Note", steps: [{ id: "write", title: "Write it" }] },
        },
      },
    ]);
    await rt.writeFile("hello.txt", "hi\n");
    await app.checks.checkNow();
    await settle();
    const steps = events
      .filter((e) => e.name === "step")
      .map((e) => (e.data as { status: string }).status);
    expect(steps.at(-1)).toBe("passed");
    expect(events.filter((e) => e.name === "complete")).toEqual([
      { name: "complete", data: { lessonId: "note" } },
    ]);
    stop();
    app.workspace.dispose();
  });
});

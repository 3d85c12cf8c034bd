/**
 * CheckState against the real VM (issue 15): checks that use `docker exec`
 * finish (lesson 06-storage/03, whose checks read Redis through
 * `docker exec`), and checks follow Docker again after
 * `service docker restart`.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startedSession } from "../session/startedSession.ts";
import { loadCourse } from "../../src/cli/loadCourse.ts";
import { parseLesson, type CheckStep, type Lesson } from "../../src/content/lesson.ts";
import { applySolution } from "../../src/exercise/applySolution.ts";
import { startLesson } from "../../src/exercise/lessonStart.ts";
import { startNodeSandbox } from "../../src/runtime/node/startNodeSandbox.ts";
import type { V86Runtime } from "../../src/runtime/v86/V86Runtime.ts";
import { CheckState } from "../../src/state/CheckState.svelte.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("CheckState on the real VM", () => {
  let vm: V86Runtime;
  beforeAll(async () => {
    vm = await startNodeSandbox();
  });
  afterAll(async () => {
    await vm?.dispose();
  });

  it("passes each step of a lesson whose checks use docker exec, in at most 3 runs", async () => {
    const catalog = await loadCourse(root);
    const lesson = catalog.lessons.find((l) => l.id === "data-that-survives")!;
    const steps = lesson.steps as CheckStep[];
    expect(steps.some((s) => s.checks.some((c) => c.kind === "command"))).toBe(true);
    await startLesson(vm, lesson);
    const checks = new CheckState(null); // the app's debounce
    checks.setLesson(lesson);
    for (const step of steps) {
      checks.detach();
      await applySolution(vm, lesson, step);
      const before = checks.runs;
      await checks.attach(await startedSession(vm));
      await until(() => checks.status(step) === "passed", 180_000);
      expect(checks.runs - before, `runs for step ${step.id}`).toBeLessThanOrEqual(3);
    }
    checks.dispose();
  }, 900_000);

  it("follows Docker again after service docker restart", async () => {
    const lesson: Lesson = parseLesson({
      dir: "lessons/99-x/01-restart",
      chapter: "x",
      source: [
        "---",
        "id: restart",
        "title: Restart",
        "summary: After a daemon restart.",
        "minutes: 1",
        "---",
        "",
        "## Run it",
        "",
        "```step",
        "id: run",
        "checks:",
        "  - kind: container",
        "    name: after-restart",
        "    state: running",
        "solution: docker run -d --name after-restart busybox sleep 600",
        "```",
        "",
      ].join("\n"),
    });
    const checks = new CheckState(null);
    checks.setLesson(lesson);
    await checks.attach(await startedSession(vm));
    await until(() => checks.status(lesson.steps[0]!) === "failed", 60_000);
    const restarted = await vm.exec("service docker restart", { timeoutMs: 300_000 });
    expect(restarted.exitCode).toBe(0);
    // No file changes, no "Check": only following Docker again can bring the news.
    await vm.exec("docker run -d --name after-restart busybox sleep 600", { timeoutMs: 120_000 });
    await until(() => checks.status(lesson.steps[0]!) === "passed", 60_000);
    checks.dispose();
  }, 600_000);
});

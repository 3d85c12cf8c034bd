/**
 * Green ticks mean the learner did the work (issue 15): checks never starve
 * themselves, steps pass in order, and checks keep following Docker after a
 * daemon restart.
 */
import { describe, expect, it } from "vitest";
import { fakeEvents } from "../session/fakeEvents.ts";
import { startedSession } from "../session/startedSession.ts";
import { parseLesson } from "../../src/content/lesson.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import type { ExecResult } from "../../src/runtime/Runtime.ts";
import { CheckState } from "../../src/state/CheckState.svelte.ts";

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));
const ok = (stdout = ""): ExecResult => ({
  exitCode: 0,
  stdout: new TextEncoder().encode(stdout),
  stderr: new Uint8Array(),
});

function lessonOf(steps: string, files: Record<string, string> = {}) {
  return parseLesson({
    dir: "lessons/01-a/01-trust",
    chapter: "a",
    source: `---\nid: trust\ntitle: Trust\nsummary: Steps.\nminutes: 5\n---\n\n${steps}`,
    files,
  });
}

describe("CheckState: checks that use docker exec", () => {
  it("end passed in at most 3 runs although each run causes exec events", async () => {
    const lesson = lessonOf(
      "## Keep data\n\n```step\nid: data\nchecks:\n  - kind: command\n    run: docker exec web cat /data/x\n    stdout: { contains: kept }\nsolution: echo\n```\n",
    );
    const holder: { events?: ReturnType<typeof fakeEvents> } = {};
    const rt = new FakeRuntime({
      exec: async (command) => {
        if (!command.includes("docker exec")) return ok();
        // What dockerd reports for the check's own exec, while it runs (and it
        // runs longer than the debounce, as under emulation).
        holder.events?.emit("exec_create: cat /data/x");
        holder.events?.emit("exec_start: cat /data/x");
        await settle(60);
        holder.events?.emit("exec_die");
        return ok("kept\n");
      },
    });
    holder.events = fakeEvents(rt);
    const checks = new CheckState(null, { debounceMs: 10 });
    checks.setLesson(lesson);
    await checks.attach(await startedSession(rt));
    const [step] = lesson.steps;
    for (let i = 0; i < 50 && checks.status(step!) !== "passed"; i++) await settle();
    expect(checks.status(step!)).toBe("passed");
    expect(checks.runs).toBeLessThanOrEqual(3);
    checks.dispose();
  });

  it("never aborts a run because of an event: it runs again once the run ends", async () => {
    const lesson = lessonOf(
      "## Start web\n\n```step\nid: web\nchecks:\n  - kind: command\n    run: docker ps\n    stdout: { contains: web }\nsolution: echo\n```\n",
    );
    let running = "";
    let finished = 0;
    let aborted = 0;
    const rt = new FakeRuntime({
      exec: async (_command, options) => {
        const seen = running;
        await settle(40);
        if (options.signal?.aborted) {
          aborted++;
          throw options.signal.reason;
        }
        finished++;
        return ok(seen);
      },
    });
    const events = fakeEvents(rt);
    const checks = new CheckState(null, { debounceMs: 5 });
    checks.setLesson(lesson);
    await checks.attach(await startedSession(rt));
    await settle(15); // the first run is in flight
    running = "web";
    events.emit("start"); // the learner started web meanwhile
    for (let i = 0; i < 30 && checks.status(lesson.steps[0]!) !== "passed"; i++) await settle();
    expect(checks.status(lesson.steps[0]!)).toBe("passed");
    // The run in flight finished (not aborted), then one more saw the change.
    expect(aborted).toBe(0);
    expect(finished).toBe(2);
    checks.dispose();
  });
});

describe("CheckState: steps are a sequence", () => {
  const lesson = lessonOf(
    "## Make notes\n\n```step\nid: make\nchecks:\n  - kind: file\n    path: notes.txt\nsolution: touch notes.txt\n```\n\n" +
      "## Remove notes\n\n```step\nid: remove\nchecks:\n  - kind: file\n    path: notes.txt\n    exists: false\nsolution: rm notes.txt\n```\n",
  );
  const [make, remove] = lesson.steps as [(typeof lesson.steps)[0], (typeof lesson.steps)[0]];

  it("does not pass a later step in the lesson's start state", async () => {
    const rt = new FakeRuntime(); // no notes.txt: "remove" would hold already
    const checks = new CheckState(null, { debounceMs: 5 });
    checks.setLesson(lesson);
    await checks.attach(await startedSession(rt));
    await checks.checkNow();
    expect(checks.status(make)).toBe("failed");
    expect(checks.status(remove)).toBe("pending");
    expect(checks.currentStep?.id).toBe("make");

    await rt.writeFile("notes.txt", "x");
    await checks.checkNow();
    expect(checks.status(make)).toBe("passed");
    expect(checks.status(remove)).toBe("failed"); // checked at once, and the notes exist

    await rt.removeFile("notes.txt");
    await checks.checkNow();
    expect(checks.status(remove)).toBe("passed");
    checks.dispose();
  });
});

describe("CheckState: dockerd restarts", () => {
  it("follows the events again after the stream ends, and re-runs on the next event", async () => {
    const lesson = lessonOf(
      "## Run web\n\n```step\nid: web\nchecks:\n  - kind: command\n    run: docker ps\n    stdout: { contains: web }\nsolution: echo\n```\n",
    );
    let running = "";
    const rt = new FakeRuntime({ exec: () => ok(running) });
    const events = fakeEvents(rt);
    const checks = new CheckState(null, { debounceMs: 5 });
    checks.setLesson(lesson);
    await checks.attach(await startedSession(rt, { retryMs: 10 }));
    await settle(30);
    expect(checks.status(lesson.steps[0]!)).toBe("failed");
    events.streams[0]!.end(); // `service docker restart`
    await settle(60);
    expect(events.streams.length).toBe(2);
    running = "web";
    events.emit("start");
    await settle(60);
    expect(checks.status(lesson.steps[0]!)).toBe("passed");
    checks.dispose();
  });
});

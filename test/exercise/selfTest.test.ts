import { describe, expect, it } from "vitest";
import { parseLesson } from "../../src/content/lesson.ts";
import { selfTestLesson } from "../../src/exercise/selfTest.ts";
import type { ExecResult, StartOptions } from "../../src/runtime/Runtime.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";

const encoder = new TextEncoder();
const result = (exitCode: number): ExecResult => ({
  exitCode,
  stdout: encoder.encode(""),
  stderr: new Uint8Array(),
});

/**
 * A guest with one fact, "made": the step's check (`test made`) passes once a
 * command made it. Saving keeps the fact and restoring brings it back, as
 * the VM's saved state does.
 */
class MadeRuntime extends FakeRuntime {
  made = "";
  /** The workspace's Dockerfile when each `make` ran (null: none). */
  readonly dockerfileAtMake: Record<string, string | null> = {};
  saved: string[] = [];
  readonly answersSeen: string[] = [];
  constructor() {
    super({
      exec: async (command) => {
        const make = /make (\w+)/.exec(command);
        if (make) {
          this.dockerfileAtMake[make[1]!] = await this.readFile("Dockerfile").then(
            (bytes) => new TextDecoder().decode(bytes),
            () => null,
          );
          this.made = make[1]!;
          this.answersSeen.push(make[1]!);
          return result(0);
        }
        if (command.includes("fail-hard")) return result(3);
        // The check, and the lesson start's mkdir (whose exit code is not read).
        return result(command.includes("test made") && this.made && this.made !== "wrong" ? 0 : 1);
      },
    });
  }
  override async saveState(options: { meta?: Record<string, string> } = {}) {
    this.saved.push(this.made);
    return super.saveState(options);
  }
  override async reset(options: StartOptions = {}) {
    await super.reset(options);
    this.made = options.from ? this.saved.at(-1)! : "";
  }
}

function lesson(accepts: string): ReturnType<typeof parseLesson> {
  return parseLesson({
    dir: "lessons/01-a/01-make",
    chapter: "a",
    source: `---
id: make
title: Make it
summary: Make it.
minutes: 5
---

## Make it

\`\`\`step
id: make
checks:
  - kind: command
    title: it is made
    run: test made
solution: make solution
accepts:
${accepts}
\`\`\`
`,
  });
}

describe("selfTestLesson with accepted answers", () => {
  it("tries each accepted answer from the state before the solution, then runs the solution there", async () => {
    const runtime = new MadeRuntime();
    const report = await selfTestLesson(
      runtime,
      lesson(`  - why: another spelling
    run: make alias
  - why: a third way
    run: make third`),
    );
    expect(report.problems).toEqual([]);
    expect(report.steps[0]!.answers).toEqual([
      { why: "another spelling", failed: [] },
      { why: "a third way", failed: [] },
    ]);
    // Each answer started from the saved state (nothing made), and the
    // solution ran last, from that state too.
    expect(runtime.answersSeen).toEqual(["alias", "third", "solution"]);
    expect(runtime.saves).toBe(1);
  });

  it("reports an accepted answer the checks reject, with what failed", async () => {
    const report = await selfTestLesson(
      new MadeRuntime(),
      lesson(`  - why: rejected by the check
    run: make wrong`),
    );
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(
      /rejects its accepted answer "rejected by the check": .*it is made/,
    );
    expect(report.steps[0]!.failedAfter).toEqual([]);
  });

  it("reports an accepted answer whose commands fail, and still tests the solution", async () => {
    const runtime = new MadeRuntime();
    const report = await selfTestLesson(
      runtime,
      lesson(`  - why: broken
    run: fail-hard`),
    );
    expect(report.problems).toEqual([
      expect.stringMatching(/accepted answer "broken" of step make\/make failed with exit code 3/),
    ]);
    expect(runtime.answersSeen).toEqual(["solution"]);
  });
});

describe("the accepts field", () => {
  it("needs run or files", () => {
    expect(() => lesson(`  - why: nothing`)).toThrow(/needs run, files or both/);
  });
  it("writes files before running the commands", async () => {
    const runtime = new MadeRuntime();
    const report = await selfTestLesson(
      runtime,
      lesson(`  - why: a file and a command
    files: { Dockerfile: "FROM busybox\\n" }
    run: make withfile`),
    );
    expect(report.problems).toEqual([]);
    expect(report.steps[0]!.answers).toEqual([{ why: "a file and a command", failed: [] }]);
    expect(runtime.answersSeen).toEqual(["withfile", "solution"]);
    // The answer's file was there for its command; the solution ran after a
    // restore, which dropped it.
    expect(runtime.dockerfileAtMake).toEqual({ withfile: "FROM busybox\n", solution: null });
  });
});

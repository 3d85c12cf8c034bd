import { describe, expect, it } from "vitest";
import {
  percent,
  runSolvableStats,
  runSolvableSteps,
  type RunSolvableLesson,
  type RunSolvableStep,
} from "../../src/content/runSolvable.ts";

const CHECKS = [{ kind: "image", ref: "web" }] as unknown as RunSolvableStep["checks"];

function step(fields: Partial<RunSolvableStep> & { id: string }) {
  return { checks: CHECKS, observe: false, solutionFiles: [], ...fields };
}

function lesson(markdown: string, steps: ReturnType<typeof step>[], extra = {}) {
  return {
    challenge: false,
    markdown,
    files: {},
    solutionFiles: {},
    steps,
    ...extra,
  } satisfies RunSolvableLesson;
}

const ids = (l: ReturnType<typeof lesson>) => runSolvableSteps(l).map((s) => s.id);

const RUN = "```sh run\ndocker  build -t web .\n\ndocker run -d --name web -p 8080:80 web\n```\n";

describe("runSolvableSteps", () => {
  it("counts a step whose every command line is a line of some Run block", () => {
    const solution =
      "# build, then run\ndocker build -t web .\n  docker run -d --name web -p 8080:80   web\n";
    expect(ids(lesson(RUN, [step({ id: "a", solution })]))).toEqual(["a"]);
  });

  it("does not count a step with a command no Run block has, or one only in a plain block", () => {
    const plain = "```sh\ndocker push web\n```\n";
    const l = lesson(RUN + plain, [
      step({ id: "push", solution: "docker build -t web .\ndocker push web" }),
    ]);
    expect(ids(l)).toEqual([]);
  });

  it("ignores the self-test's own lines: sleeps, silenced clean-ups, || true, prune's -f", () => {
    const run = "```sh run\ndocker run --name bad busybox ecko\ndocker image prune\n```\n";
    const solution = [
      "docker rm -f bad 2>/dev/null || true",
      "docker run --name bad busybox ecko || true",
      "sleep 2",
      "docker image prune -f",
    ].join("\n");
    expect(ids(lesson(run, [step({ id: "a", solution })]))).toEqual(["a"]);
    // -f means more than "don't ask" outside prune: docker rm -f is not docker rm.
    const rm = lesson("```sh run\ndocker rm web\n```\n", [
      step({ id: "rm", solution: "docker rm -f web" }),
    ]);
    expect(ids(rm)).toEqual([]);
  });

  it("counts solution files whose added lines a code block shows, in any language", () => {
    const files = { Dockerfile: 'FROM busybox\nCMD ["sh"]\n' };
    const solutionFiles = {
      Dockerfile: '# the answer\nFROM busybox\nWORKDIR /app\n  COPY . .\nCMD ["sh"]\n',
    };
    const shown = "```dockerfile\nWORKDIR /app\nCOPY . .\n```\n";
    const solved = step({
      id: "a",
      solutionFiles: ["Dockerfile"],
      solution: "docker build -t web .",
    });
    expect(ids(lesson(RUN + shown, [solved], { files, solutionFiles }))).toEqual(["a"]);
    // A line the learner must think of (not shown, not in the start file) makes it thought.
    const partly = "```dockerfile\nWORKDIR /app\n```\n";
    expect(ids(lesson(RUN + partly, [solved], { files, solutionFiles }))).toEqual([]);
    // A new file must be shown whole.
    expect(ids(lesson(RUN + shown, [solved], { solutionFiles }))).toEqual([]);
  });

  it("counts nothing in a challenge", () => {
    expect(
      ids(lesson(RUN, [step({ id: "a", solution: "docker build -t web ." })], { challenge: true })),
    ).toEqual([]);
  });

  it("does not count a step without checks (a quiz)", () => {
    const quiz = step({
      id: "q",
      solution: "docker build -t web .",
      checks: [] as unknown as RunSolvableStep["checks"],
    });
    expect(ids(lesson(RUN, [quiz]))).toEqual([]);
  });

  it("counts a step with nothing to run only when it is an observation", () => {
    expect(ids(lesson(RUN, [step({ id: "look", observe: true }), step({ id: "think" })]))).toEqual([
      "look",
    ]);
  });
});

describe("runSolvableStats", () => {
  it("counts lessons, challenges, steps and Run-solvable steps", () => {
    const easy = lesson(RUN, [
      step({ id: "a", solution: "docker build -t web ." }),
      step({ id: "b", solution: "docker push web" }),
    ]);
    const hard = lesson("", [step({ id: "c", solution: "docker build -t web ." })], {
      challenge: true,
    });
    const stats = runSolvableStats([easy, hard]);
    expect(stats).toEqual({ lessons: 2, challenges: 1, steps: 3, runSolvable: 1 });
    expect(percent(stats.runSolvable, stats.steps)).toBe("33%");
    expect(percent(0, 0)).toBe("0%");
  });
});

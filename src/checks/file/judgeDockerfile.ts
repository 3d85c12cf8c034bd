import { fail, judge, pass, type AssertionResult } from "../assertionResult.ts";
import { describeBounds, withinBounds } from "../bounds.ts";
import type { DockerfileInstruction } from "../dockerfile/parseDockerfile.ts";
import { formatArgv } from "../image/judgeArgv.ts";
import { describeTextMatch, matchText } from "../textMatch.ts";
import type { FileCheck } from "./fileCheckSchema.ts";

type DockerfileAssertions = NonNullable<FileCheck["dockerfile"]>;
type OrderStep = NonNullable<DockerfileAssertions["order"]>[number];

const COUNT_HINTS: Record<string, string> = {
  RUN: "Combine RUN lines into one with && (and \\ to continue a line): each RUN adds a layer.",
  COPY: "Copy several files with one COPY (COPY a b ./), or the whole directory with COPY . .",
  FROM: "Each FROM starts a build stage: a multi-stage build has one per stage.",
  CMD: "Only the last CMD counts: keep one.",
  ENTRYPOINT: "Only the last ENTRYPOINT counts: keep one.",
};

/** The assertions on a file parsed as a Dockerfile. */
export function judgeDockerfile(
  path: string,
  assertions: DockerfileAssertions,
  instructions: readonly DockerfileInstruction[],
): AssertionResult[] {
  const results: AssertionResult[] = [];
  for (const [keyword, bounds] of Object.entries(assertions.count ?? {})) {
    if (!bounds) continue;
    const count = instructions.filter((i) => i.keyword === keyword).length;
    const counted = `${count} ${keyword} instruction${count === 1 ? "" : "s"}`;
    results.push(
      judge(
        withinBounds(bounds, count),
        `${path} has ${counted}.`,
        `${path} has ${counted}; ${describeBounds(bounds)} expected.`,
        (bounds.max !== undefined && count > bounds.max && COUNT_HINTS[keyword]) ||
          `Add or remove ${keyword} lines in ${path} to get ${describeBounds(bounds)}.`,
      ),
    );
  }
  if (assertions.order) results.push(judgeOrder(path, assertions.order, instructions));
  for (const [keyword, form] of Object.entries(assertions.form ?? {})) {
    if (form) results.push(judgeForm(path, keyword, form, instructions));
  }
  return results;
}

function describeStep(step: OrderStep): string {
  return step.args ? `${step.instruction} ${describeTextMatch(step.args)}` : step.instruction;
}

function stepMatches(step: OrderStep, instruction: DockerfileInstruction): boolean {
  return (
    instruction.keyword === step.instruction &&
    (!step.args || matchText(step.args, instruction.args))
  );
}

/** The steps appear in this order, others in between allowed: the earliest out-of-place step is reported. */
function judgeOrder(
  path: string,
  order: readonly OrderStep[],
  instructions: readonly DockerfileInstruction[],
): AssertionResult {
  let next = 0;
  let previous: DockerfileInstruction | undefined;
  for (const [index, step] of order.entries()) {
    const found = instructions.findIndex(
      (instruction, i) => i >= next && stepMatches(step, instruction),
    );
    if (found === -1) {
      const before = previous && order[index - 1];
      const elsewhere = instructions.find((instruction) => stepMatches(step, instruction));
      if (!elsewhere || !before || !previous) {
        return fail(
          `${path} has no ${describeStep(step)}${before ? ` after ${describeStep(before)}` : ""}.`,
          before ? `Add it below line ${previous?.line}.` : `Add it to ${path}.`,
        );
      }
      return fail(
        `In ${path}, ${describeStep(step)} (line ${elsewhere.line}) comes before ${describeStep(before)} (line ${previous.line}).`,
        `Move it below line ${previous.line}${step.instruction === "COPY" || before.instruction === "COPY" ? ": files that change less often go first, so the build cache keeps the layers after them" : ""}.`,
      );
    }
    previous = instructions[found];
    next = found + 1;
  }
  return pass(`${path} has ${order.map(describeStep).join(", then ")}, in that order.`);
}

/** The argv a simple shell command would have in exec form; undefined when quoting or shell syntax make that a guess. */
function simpleArgv(command: string): string[] | undefined {
  return /["'`$|&;<>(){}*?\\]/.test(command) ? undefined : command.trim().split(/\s+/);
}

function judgeForm(
  path: string,
  keyword: string,
  form: "exec" | "shell",
  instructions: readonly DockerfileInstruction[],
): AssertionResult {
  const matching = instructions.filter((i) => i.keyword === keyword);
  if (matching.length === 0)
    return fail(`${path} has no ${keyword}.`, `Add a ${keyword} in ${form} form.`);
  const wrong = matching.find((i) => i.form !== form);
  if (!wrong) return pass(`${keyword} in ${path} uses the ${form} form.`);
  const message = `${keyword} on line ${wrong.line} of ${path} is in ${wrong.form} form: ${keyword} ${wrong.args}`;
  if (form === "shell")
    return fail(message, `Write it in shell form: ${keyword} ${(wrong.argv ?? []).join(" ")}`);
  const argv = simpleArgv(wrong.args);
  return fail(
    message,
    `Write it in exec form, ${keyword} ${argv ? formatArgv(argv) : '["executable", "arg"]'}, so the program runs without a shell and gets signals.`,
  );
}

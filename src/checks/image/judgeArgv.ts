import { fail, pass, type AssertionResult } from "../assertionResult.ts";
import { describeTextMatch, matchText, textMatchVerb, type TextMatch } from "../textMatch.ts";

/** An argv as a Dockerfile writes its exec form: `["python", "app.py"]`. */
export function formatArgv(argv: readonly string[]): string {
  return `[${argv.map((arg) => JSON.stringify(arg)).join(", ")}]`;
}

/** The command of a shell-form CMD/ENTRYPOINT (`["/bin/sh", "-c", cmd]`), else undefined. */
export function shellFormCommand(argv: readonly string[] | null): string | undefined {
  return argv?.length === 3 && argv[0] === "/bin/sh" && argv[1] === "-c" ? argv[2] : undefined;
}

/**
 * One assertion on an image's CMD or ENTRYPOINT. A shell form that runs the
 * expected command gets its own feedback: the learner wrote the right
 * command in the wrong form, which matters for signals and for how `docker
 * run` arguments combine with it.
 */
export function judgeArgv(
  instruction: "CMD" | "ENTRYPOINT",
  owner: string,
  expected: readonly string[] | TextMatch | null,
  actual: string[] | null,
): AssertionResult {
  const fix = (form: string) => `Set it with ${instruction} ${form} in the Dockerfile and rebuild.`;
  if (expected === null) {
    return actual === null || actual.length === 0
      ? pass(`${owner} has no ${instruction}.`)
      : fail(
          `${owner} still has ${instruction} ${formatArgv(actual)}.`,
          `Remove the ${instruction} line and rebuild.`,
        );
  }
  if (!Array.isArray(expected)) {
    const match = expected as TextMatch;
    const text = actual?.join(" ") ?? "";
    return matchText(match, text)
      ? pass(`${instruction} of ${owner} is ${formatArgv(actual ?? [])}.`)
      : fail(
          actual?.length
            ? `${instruction} of ${owner}, ${formatArgv(actual)}, ${textMatchVerb(match, false)}.`
            : `${owner} has no ${instruction}.`,
          `Write a ${instruction} ${describeTextMatch(match)} in the Dockerfile and rebuild.`,
        );
  }
  if (
    actual &&
    actual.length === expected.length &&
    actual.every((arg, i) => arg === expected[i])
  ) {
    return pass(`${instruction} of ${owner} is ${formatArgv(actual)}.`);
  }
  const shell = shellFormCommand(actual);
  if (shell !== undefined && shell.trim() === expected.join(" ")) {
    return fail(
      `${instruction} of ${owner} is in shell form: /bin/sh -c ${JSON.stringify(shell)}.`,
      `Write it in exec form, ${instruction} ${formatArgv(expected)}, so your program is PID 1 and gets the signals.`,
    );
  }
  return fail(
    actual?.length
      ? `${instruction} of ${owner} is ${formatArgv(actual)}, expected ${formatArgv(expected)}.`
      : `${owner} has no ${instruction}; expected ${formatArgv(expected)}.`,
    fix(formatArgv(expected)),
  );
}

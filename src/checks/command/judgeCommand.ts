import { fail, pass, type AssertionResult } from "../assertionResult.ts";
import { matchText, textMatchVerb, truncationNote, type TextMatch } from "../textMatch.ts";
import type { CommandCheck } from "./commandCheckSchema.ts";
import type { CommandFacts } from "./gatherCommandFacts.ts";

/** Long commands are cut in feedback lines, which must stay one line. */
function shorten(text: string, max = 60): string {
  const line = text.trim().replace(/\s*\n\s*/g, " ⏎ ");
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** What the command printed, for a hint: the start of its output, or a note that it printed nothing. */
function printed(text: string): string {
  return text.trim() ? `It printed: ${shorten(text, 120)}` : "It printed nothing";
}

/** Judge a command check on its exit code and output alone. */
export function judgeCommand(check: CommandCheck, { output }: CommandFacts): AssertionResult[] {
  const command = `\`${shorten(check.run)}\``;
  if (output.timedOut) {
    return [
      fail(
        `${command} did not finish within ${check.timeoutMs / 1000} s.`,
        "Run it in the terminal: it may be waiting for input, or for a server that does not answer.",
      ),
    ];
  }
  const results: AssertionResult[] = [];
  results.push(
    output.exitCode === check.exitCode
      ? pass(`${command} exited with code ${output.exitCode}.`)
      : fail(
          `${command} exited with code ${output.exitCode}, expected ${check.exitCode}.`,
          `${printed(output.stderr || output.stdout)}. Run it in the terminal to see more.`,
        ),
  );
  const stream = (name: string, match: TextMatch | undefined, text: string) => {
    if (!match) return;
    results.push(
      matchText(match, text)
        ? pass(`The ${name} of ${command} ${textMatchVerb(match, true)}.`)
        : fail(
            `The ${name} of ${command} ${textMatchVerb(match, false)}${truncationNote(match, text)}.`,
            `${printed(text)}.`,
          ),
    );
  };
  stream("output", check.stdout, output.stdout);
  stream("error output", check.stderr, output.stderr);
  return results;
}

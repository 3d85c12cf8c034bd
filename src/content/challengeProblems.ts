/**
 * The rules a challenge lesson (frontmatter `challenge: true`) keeps on top of
 * every lesson's: its steps state a goal only, so nothing in it may solve a
 * step without thought, and the learner who is stuck still has a way out.
 */
import type { Step } from "./lesson.ts";
import { containsLines, normalizedLines } from "./normalizedLines.ts";
import { fencedBlocks } from "./runBlocks.ts";

/** What the rules look at, from parseLesson. */
export interface ChallengeSource {
  /** The Markdown after the frontmatter, step blocks included. */
  body: string;
  /** The line of the lesson file `body` starts on. */
  bodyLine: number;
  /** Each valid step with the line of its ```step block. */
  steps: readonly { step: Step; line: number }[];
  /** files/: path → text. */
  files: Readonly<Record<string, string>>;
  /** solution/: path → text. */
  solutionFiles: Readonly<Record<string, string>>;
}

/**
 * One problem per broken rule, "line N: …", each saying how to fix it:
 *   - no click-to-run blocks (a Run button would solve the step);
 *   - every step has at least one hint and a solution (commands or
 *     solutionFiles): hints and "Show me" are the learner's way out, and the
 *     self-test needs the solution (a quiz step has none: its "Show me"
 *     reveals its answer);
 *   - no fenced code block holds the whole of a solution/ file (that would be
 *     the file to paste). Lines are compared with whitespace collapsed and
 *     blank lines ignored (normalizedLines.ts); an empty file never matches,
 *     nor does one the learner starts with unchanged (files/ has the same
 *     text): showing it to read gives nothing away.
 */
export function challengeProblems(source: ChallengeSource): string[] {
  const problems: string[] = [];
  // Step blocks are fences too; they are not shown, so they give nothing away.
  const blocks = fencedBlocks(source.body, source.bodyLine).filter(
    (block) => block.info.trim() !== "step",
  );
  for (const block of blocks.filter((b) => b.runnable)) {
    const lang = block.info.trim().split(/\s+/)[0];
    problems.push(
      `line ${block.line}: a challenge has no Run buttons: write the goal instead of the ` +
        `command, or drop "run" from the block ("\`\`\`${lang}" instead of "\`\`\`${block.info.trim()}")`,
    );
  }
  for (const { step, line } of source.steps) {
    const at = `line ${line}: step "${step.id}"`;
    if (step.hints.length === 0) {
      problems.push(
        `${at}: a challenge step needs at least one hint (hints: ["…"]), from gentle to explicit: ` +
          "its prose only states the goal",
      );
    }
    // (isQuizStep, spelled out: lesson.ts imports this file.)
    if (!("quiz" in step) && !step.solution && step.solutionFiles.length === 0) {
      problems.push(
        `${at}: a challenge step needs a solution (commands) or solutionFiles, so "Show me" ` +
          "and the self-test can solve it",
      );
    }
  }
  const files = Object.entries(source.solutionFiles)
    .map(([path, text]) => [path, normalizedLines(text)] as const)
    .filter(
      ([path, lines]) => normalizedLines(source.files[path] ?? "").join("\n") !== lines.join("\n"),
    );
  for (const block of blocks) {
    const shown = normalizedLines(block.content);
    for (const [path, lines] of files) {
      if (!containsLines(shown, lines)) continue;
      problems.push(
        `line ${block.line}: this code block holds all of solution/${path}, the answer to paste: ` +
          "in a challenge, show only part of it or describe what it must do",
      );
    }
  }
  return problems;
}

/**
 * What the checks saw when a step passed, kept with the step's progress and
 * shown in a progress receipt: the checks' own "found" lines, such as
 * "Image hello:v1 exists (id 3f2a…)." or "curl -s localhost:4000 exited with
 * code 0."; for a quiz step, the answer given. Capped, because progress is
 * stored in the browser on every pass and receipts are read by an
 * instructor's roster as untrusted input.
 */
import type { Quiz } from "../content/quiz.ts";
import type { StepResult } from "../exercise/evaluateStep.ts";
import type { QuizAnswer } from "../exercise/judgeQuiz.ts";

/** At most this many lines of evidence per step. */
export const EVIDENCE_LINES = 8;
/** At most this many characters per line (longer lines end with "…"). */
export const EVIDENCE_CHARS = 200;

/** `text` cut to `max` characters, ending with "…" when it was longer. */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Evidence within the caps: the first lines, each shortened, blanks dropped. */
export function capEvidence(lines: readonly string[]): string[] {
  return lines
    .map((line) => shorten(line, EVIDENCE_CHARS))
    .filter((line) => line.length > 0)
    .slice(0, EVIDENCE_LINES);
}

/**
 * The evidence of a passed step: the checks' passed assertions, prefixed by
 * the check's title ("Container web: Container web exists (running)."). Each
 * check's first assertion comes first (it names what was found: an image's
 * id, a container's name), so the caps cut details, not whole checks.
 */
export function stepEvidence(result: StepResult): string[] {
  const perCheck = result.checks.map((check) =>
    check.assertions.filter((a) => a.ok).map((a) => `${check.title}: ${a.message}`),
  );
  const longest = Math.max(0, ...perCheck.map((lines) => lines.length));
  const interleaved: string[] = [];
  for (let i = 0; i < longest; i++) {
    for (const lines of perCheck) {
      const line = lines[i];
      if (line) interleaved.push(line);
    }
  }
  return capEvidence(interleaved);
}

/** How a quiz step's evidence line names the answer given. */
const ANSWER_PREFIX = "Quiz answer: ";
/** The evidence line of a quiz answered after "Show me" revealed it. */
export const REVEALED_EVIDENCE = "Quiz: the answer was revealed with Show me first.";

/**
 * The evidence of a passed quiz step: the answer given, one line per choice
 * selected (by its text) or the text typed, and whether "Show me" revealed
 * it first. The typed text is the learner's own: capped like every line.
 */
export function quizEvidence(quiz: Quiz, answer: QuizAnswer, revealed: boolean): string[] {
  let given: string[] = [];
  if ("text" in answer) given = [answer.text];
  else if (quiz.kind === "multiple-choice")
    given = quiz.choices.filter((_, i) => answer.choices.includes(i)).map((c) => c.text);
  return capEvidence([
    ...given.map((text) => ANSWER_PREFIX + text),
    ...(revealed ? [REVEALED_EVIDENCE] : []),
  ]);
}

/** The answers a passed quiz step's evidence records (quizEvidence), to show them again. */
export function quizAnswersIn(evidence: readonly string[]): string[] {
  return evidence
    .filter((line) => line.startsWith(ANSWER_PREFIX))
    .map((line) => line.slice(ANSWER_PREFIX.length));
}

/**
 * How much of a course a learner can finish by pressing Run buttons, without
 * thought: the figure `npm run lessons:check` prints. Lessons that only ask
 * for clicks teach little; challenges (frontmatter `challenge: true`) are the
 * counterweight, and this figure says how far a course leans either way.
 */
import type { CheckStep, Lesson, QuizStep } from "./lesson.ts";
import { normalizedLines } from "./normalizedLines.ts";
import { fencedBlocks } from "./runBlocks.ts";

/** What the definition looks at of a lesson; a quiz step is never Run-solvable. */
export type RunSolvableLesson<S extends RunSolvableStep | QuizLike = RunSolvableStep | QuizLike> =
  Pick<Lesson, "challenge" | "markdown" | "files" | "solutionFiles"> & { steps: readonly S[] };
/** What the definition looks at of a step with checks. */
export type RunSolvableStep = Pick<CheckStep, "checks" | "observe" | "solution" | "solutionFiles">;
type QuizLike = Pick<QuizStep, "quiz">;

/**
 * The steps of `lesson` a learner can solve by pressing Run buttons (and
 * copying what a code block shows). A step counts when all of these hold:
 *
 * - The lesson is not a challenge.
 * - The step has checks: a step without (a quiz) is answered, not run.
 * - Its `solution` is typed by Run buttons: each of its lines is a line of
 *   some click-to-run block of the lesson, compared with whitespace
 *   collapsed (normalizedLines.ts). Lines that are there for the self-test
 *   and that a learner never needs do not count against it: blank lines,
 *   `#` comments, `sleep N` (waiting is no thought), and clean-ups silenced
 *   whole (`docker rm -f web 2>/dev/null || true`: they make a solution
 *   re-runnable); a trailing `|| true` or `|| echo …` is cut first (how a
 *   solution fails on purpose, lessons/README.md, where the learner sees the
 *   error instead); and in a `docker … prune` line `-f`/`--force` is
 *   ignored (it only skips the question a learner answers with y).
 * - Its `solutionFiles` are shown: every line a solution file adds to the
 *   start state (a line of solution/<path> that files/<path> lacks; blank
 *   and `#` lines aside) is a line of some fenced code block of the lesson,
 *   of any language. Lessons show the lines to add rather than the whole
 *   file, and pasting those is no more thought than pasting the file.
 *
 * A step with neither a solution nor solutionFiles (lesson validation allows
 * none today) counts only when it is `observe: true`: it asks the learner to
 * look, which takes no thought; otherwise nothing shows what to do.
 */
export function runSolvableSteps<S extends RunSolvableStep | QuizLike>(
  lesson: RunSolvableLesson<S>,
): S[] {
  if (lesson.challenge) return [];
  const blocks = fencedBlocks(lesson.markdown);
  const runLines = new Set(
    blocks.filter((b) => b.runnable).flatMap((b) => normalizedLines(b.content).map(withoutForce)),
  );
  const shownLines = new Set(blocks.flatMap((b) => normalizedLines(b.content)));
  return lesson.steps.filter((any) => {
    const step: RunSolvableStep | QuizLike = any;
    if ("quiz" in step || !step.checks.length) return false;
    if (!step.solution && step.solutionFiles.length === 0) return step.observe;
    return (
      neededCommands(step.solution ?? "").every((line) => runLines.has(line)) &&
      step.solutionFiles.every((path) =>
        addedLines(lesson.files[path] ?? "", lesson.solutionFiles[path] ?? "").every((line) =>
          shownLines.has(line),
        ),
      )
    );
  });
}

/** The solution's lines a learner would have to type, normalized (see runSolvableSteps). */
function neededCommands(solution: string): string[] {
  return normalizedLines(solution)
    .filter(
      (line) =>
        !line.startsWith("#") &&
        !/^sleep [\d.]+$/.test(line) &&
        !/ 2>\/dev\/null \|\| true$/.test(line),
    )
    .map((line) => withoutForce(line.replace(/ \|\| (?:true|echo .*)$/, "")));
}

/** A `docker … prune` line without -f/--force; any other line as it is. */
function withoutForce(line: string): string {
  if (!/^docker (?:[a-z]+ )?prune(?: |$)/.test(line)) return line;
  return line
    .split(" ")
    .filter((word) => word !== "-f" && word !== "--force")
    .join(" ");
}

/** The lines of `solution` that `start` lacks, normalized; blank and `#` lines aside. */
function addedLines(start: string, solution: string): string[] {
  const there = new Set(normalizedLines(start));
  return normalizedLines(solution).filter((line) => !line.startsWith("#") && !there.has(line));
}

/** Counts for a group of lessons (a chapter, the course). */
export interface RunSolvableStats {
  lessons: number;
  challenges: number;
  steps: number;
  /** Steps {@link runSolvableSteps} counts. */
  runSolvable: number;
}

/** The counts over `lessons`. */
export function runSolvableStats(lessons: readonly RunSolvableLesson[]): RunSolvableStats {
  return {
    lessons: lessons.length,
    challenges: lessons.filter((l) => l.challenge).length,
    steps: lessons.reduce((n, l) => n + l.steps.length, 0),
    runSolvable: lessons.reduce((n, l) => n + runSolvableSteps(l).length, 0),
  };
}

/** `part` of `whole` as a whole percentage, e.g. "82%"; "0%" of nothing. */
export function percent(part: number, whole: number): string {
  return `${whole ? Math.round((100 * part) / whole) : 0}%`;
}

/**
 * Validate a course folder the way the app and the test suite do, and say
 * what is wrong, file by file: `npm run lessons:check` for the built-in
 * course, `npm run course -- check <dir>` for an instructor's.
 */
import { checkKinds } from "../checks/checkKinds.ts";
import { isQuizStep } from "../content/lesson.ts";
import {
  chapterSchema,
  courseSchema,
  frontmatterSchema,
  quizChoiceSchema,
  quizSchema,
  quizWrongAnswerSchema,
  stepSchema,
} from "../content/lessonSchema.ts";
import { percent, runSolvableStats, type RunSolvableStats } from "../content/runSolvable.ts";
import { loadCourseDir } from "./loadCourse.ts";

/** What a check found: the counts printed last, and every problem. */
export interface CourseCheckResult {
  chapters: number;
  lessons: number;
  steps: number;
  /** Of the steps, how many are quizzes. */
  quizzes: number;
  checks: number;
  /** Challenge lessons, and the steps a learner can solve by pressing Run buttons. */
  runSolvable: RunSolvableStats;
  errors: readonly string[];
}

/** How checkCourse prints. */
export interface CourseCheckOptions {
  /** Print the Run-solvable figure of each chapter too (`--stats`). Default: false. */
  stats?: boolean;
}

/**
 * Validate the course folder `dir`; problems name files as `label/…`.
 * `log`/`error` print (default: the console); the result says whether it passed.
 */
export async function checkCourse(
  dir: string,
  label: string,
  out: { log(line: string): void; error(line: string): void } = console,
  options: CourseCheckOptions = {},
): Promise<CourseCheckResult> {
  const catalog = await loadCourseDir(dir, label);
  // A folder with nothing in it is not a course the app could open.
  const errors =
    catalog.lessons.length || catalog.errors.length
      ? catalog.errors
      : [`${label}/: no lessons (expected <chapter>/<lesson>/lesson.md; see docs/courses.md)`];
  for (const error of errors) out.error(error);
  const allSteps = catalog.lessons.flatMap((lesson) => lesson.steps);
  const steps = allSteps.length;
  const quizzes = allSteps.filter(isQuizStep).length;
  const checks = allSteps.reduce((n, step) => n + (isQuizStep(step) ? 0 : step.checks.length), 0);
  const runSolvable = runSolvableStats(catalog.lessons);
  if (options.stats) {
    const width = Math.max(...catalog.chapters.map((c) => c.id.length));
    for (const chapter of catalog.chapters) {
      out.log(`  ${chapter.id.padEnd(width)}  ${statsLine(runSolvableStats(chapter.lessons))}`);
    }
  }
  // One line, last: what a glance at the output (and CI's log) needs.
  out.log(
    `${catalog.chapters.length} chapters, ${catalog.lessons.length} lessons ` +
      `(${plural(runSolvable.challenges, "challenge")}), ${steps} steps ` +
      `(${quizzes ? `${quizzes} ${quizzes === 1 ? "quiz" : "quizzes"}, ` : ""}` +
      `${percent(runSolvable.runSolvable, steps)} solvable by pressing Run buttons), ` +
      `${checks} checks` +
      (errors.length ? `; ${errors.length} problem(s) above` : ": all valid"),
  );
  return {
    chapters: catalog.chapters.length,
    lessons: catalog.lessons.length,
    steps,
    quizzes,
    checks,
    runSolvable,
    errors,
  };
}

/** One chapter's figures, e.g. "5 lessons (1 challenge), 18 steps, 12 Run-solvable (67%)". */
function statsLine(stats: RunSolvableStats): string {
  return (
    `${stats.lessons} lessons (${plural(stats.challenges, "challenge")}), ${stats.steps} steps, ` +
    `${stats.runSolvable} Run-solvable (${percent(stats.runSolvable, stats.steps)})`
  );
}

/** "1 challenge", "2 challenges". */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Print every field an author may use, with its description (`--fields`). */
export function printFields(label = "lessons"): void {
  const print = (title: string, shape: Record<string, { description?: string | undefined }>) => {
    console.log(`\n${title}`);
    for (const [name, field] of Object.entries(shape)) {
      console.log(`  ${name.padEnd(14)} ${field.description ?? ""}`);
    }
  };
  print(`${label}/course.yaml`, courseSchema.shape);
  print(`${label}/<chapter>/chapter.yaml`, chapterSchema.shape);
  print("lesson.md frontmatter", frontmatterSchema.shape);
  print("```step blocks", stepSchema.shape);
  print("quiz: in a step block", quizSchema.shape);
  print("quiz choices", quizChoiceSchema.shape);
  print("quiz wrong answers", quizWrongAnswerSchema.shape);
  for (const [name, kind] of Object.entries(checkKinds))
    print(`checks of kind: ${name}`, kind.schema.shape);
}

/**
 * Validate a course folder the way the app and the test suite do, and say
 * what is wrong, file by file: `npm run lessons:check` for the built-in
 * course, `npm run course -- check <dir>` for an instructor's.
 */
import { checkKinds } from "../checks/checkKinds.ts";
import {
  chapterSchema,
  courseSchema,
  frontmatterSchema,
  stepSchema,
} from "../content/lessonSchema.ts";
import { loadCourseDir } from "./loadCourse.ts";

/** What a check found: the counts printed last, and every problem. */
export interface CourseCheckResult {
  chapters: number;
  lessons: number;
  steps: number;
  checks: number;
  errors: readonly string[];
}

/**
 * Validate the course folder `dir`; problems name files as `label/…`.
 * `log`/`error` print (default: the console); the result says whether it passed.
 */
export async function checkCourse(
  dir: string,
  label: string,
  out: { log(line: string): void; error(line: string): void } = console,
): Promise<CourseCheckResult> {
  const catalog = await loadCourseDir(dir, label);
  // A folder with nothing in it is not a course the app could open.
  const errors =
    catalog.lessons.length || catalog.errors.length
      ? catalog.errors
      : [`${label}/: no lessons (expected <chapter>/<lesson>/lesson.md; see docs/courses.md)`];
  for (const error of errors) out.error(error);
  const steps = catalog.lessons.reduce((n, lesson) => n + lesson.steps.length, 0);
  const checks = catalog.lessons.reduce(
    (n, lesson) => n + lesson.steps.reduce((m, step) => m + step.checks.length, 0),
    0,
  );
  out.log(
    `${catalog.chapters.length} chapters, ${catalog.lessons.length} lessons, ${steps} steps, ${checks} checks` +
      (errors.length ? `; ${errors.length} problem(s) above` : ": all valid"),
  );
  return {
    chapters: catalog.chapters.length,
    lessons: catalog.lessons.length,
    steps,
    checks,
    errors,
  };
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
  for (const [name, kind] of Object.entries(checkKinds))
    print(`checks of kind: ${name}`, kind.schema.shape);
}

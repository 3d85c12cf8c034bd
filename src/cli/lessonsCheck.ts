/**
 * `npm run lessons:check`: validate every lesson under lessons/ the way the
 * app and the test suite do, and say what is wrong, file by file.
 *
 *   npm run lessons:check              validate; exit 1 on any problem
 *   npm run lessons:check -- --fields  print every field authors may use
 */
import { fileURLToPath } from "node:url";
import { checkKinds } from "../checks/checkSchema.ts";
import {
  chapterSchema,
  courseSchema,
  frontmatterSchema,
  stepSchema,
} from "../content/lessonSchema.ts";
import { loadCourse } from "./loadCourse.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

function printFields(
  title: string,
  shape: Record<string, { description?: string | undefined }>,
): void {
  console.log(`\n${title}`);
  for (const [name, field] of Object.entries(shape)) {
    console.log(`  ${name.padEnd(14)} ${field.description ?? ""}`);
  }
}

if (process.argv.includes("--fields")) {
  printFields("lessons/course.yaml", courseSchema.shape);
  printFields("lessons/<chapter>/chapter.yaml", chapterSchema.shape);
  printFields("lesson.md frontmatter", frontmatterSchema.shape);
  printFields("```step blocks", stepSchema.shape);
  for (const [kind, schema] of Object.entries(checkKinds))
    printFields(`checks of kind: ${kind}`, schema.shape);
  process.exit(0);
}

const catalog = await loadCourse(root);
for (const error of catalog.errors) console.error(error);
const steps = catalog.lessons.reduce((n, lesson) => n + lesson.steps.length, 0);
const checks = catalog.lessons.reduce(
  (n, lesson) => n + lesson.steps.reduce((m, step) => m + step.checks.length, 0),
  0,
);
console.log(
  `${catalog.chapters.length} chapters, ${catalog.lessons.length} lessons, ${steps} steps, ${checks} checks` +
    (catalog.errors.length ? `; ${catalog.errors.length} problem(s) above` : ": all valid"),
);
process.exit(catalog.errors.length ? 1 : 0);

/**
 * `npm run lessons:test -- [lesson-id|chapter-id ...]`: each lesson tests
 * itself against the real VM (src/exercise/selfTest.ts), in course order, in
 * one sandbox restored from the ready snapshot (reset between chapters). With
 * no ids, every lesson. Prints one line per step and exits 1 if any lesson
 * is unsound. The vm test suite runs the same self-test for every lesson.
 * `--course <dir>` tests an instructor's course folder instead of lessons/.
 */
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { isQuizStep } from "../content/lesson.ts";
import { selfTestLesson } from "../exercise/selfTest.ts";
import { OfflineRecorder } from "../offline/node/OfflineRecorder.ts";
import { startNodeSandbox } from "../runtime/node/startNodeSandbox.ts";
import { loadCourse, loadCourseDir } from "./loadCourse.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);
// `--course <dir>`: an instructor's course folder instead of lessons/ (`npm run course -- test`).
const courseAt = args.indexOf("--course");
const courseDir = courseAt >= 0 ? args.splice(courseAt, 2)[1] : undefined;
const wanted = new Set(args);
const catalog = courseDir
  ? await loadCourseDir(courseDir, relative(process.cwd(), courseDir) || ".")
  : await loadCourse(root);
const lessons = catalog.lessons.filter(
  (l) => wanted.size === 0 || wanted.has(l.id) || wanted.has(l.chapter),
);
// Problems elsewhere in the course (another author's lesson in progress) do
// not stop a self-test of the lessons asked for; problems in them do.
const selectedDirs = lessons.map((l) => `${l.dir}/`);
const relevant = catalog.errors.filter(
  (error) => wanted.size === 0 || selectedDirs.some((dir) => error.startsWith(dir)),
);
for (const error of catalog.errors) console.error(error);
if (relevant.length) {
  console.error("fix these first (npm run lessons:check)");
  process.exit(1);
}
if (lessons.length === 0) {
  console.error(
    `no valid lesson or chapter named ${[...wanted].join(", ")}` +
      (catalog.errors.length ? " (see the problems above)" : ""),
  );
  process.exit(2);
}

// SANDBOX_RECORD_OFFLINE=1: also record each lesson's disk chunks (docs/offline.md).
const recorder = OfflineRecorder.fromEnv();
const runtime = recorder ? await recorder.startSandbox() : await startNodeSandbox();
let unsound = 0;
let chapter = "";
try {
  for (const lesson of lessons) {
    if (chapter && lesson.chapter !== chapter) {
      await runtime.reset();
      await recorder?.started(runtime);
    }
    chapter = lesson.chapter;
    const started = performance.now();
    const selfTest = () => selfTestLesson(runtime, lesson);
    const report = await (recorder?.lesson(lesson.chapter, lesson.id, selfTest) ?? selfTest());
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${report.problems.length ? "FAIL" : "ok  "} ${lesson.id} (${seconds} s)`);
    for (const step of report.steps) {
      const quiz = lesson.steps.some((s) => s.id === step.id && isQuizStep(s));
      console.log(
        quiz
          ? `       ${step.id}: quiz (needs no sandbox)`
          : `       ${step.id}: before: ${step.failedBefore.length} failing, after: ${step.failedAfter.length} failing`,
      );
      for (const answer of step.answers) {
        console.log(
          `         accepts "${answer.why}": ${answer.failed.length ? `${answer.failed.length} failing` : "passes"}`,
        );
      }
    }
    // A challenge's steps were also checked in the start state (challengeStart.ts).
    for (const [id, failed] of Object.entries(report.startFailed ?? {})) {
      console.log(`       ${id}: at the start: ${failed.length} failing`);
    }
    for (const problem of report.problems) console.log(`       ✗ ${problem}`);
    if (report.problems.length) unsound++;
  }
} finally {
  await runtime.dispose();
}
console.log(`${lessons.length - unsound} lessons sound, ${unsound} unsound`);
process.exit(unsound ? 1 : 0);

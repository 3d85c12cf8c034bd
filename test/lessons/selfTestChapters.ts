// Every lesson tests itself against the real VM (src/exercise/selfTest.ts):
// walking it like a learner from its start state, each step must fail before
// its solution and pass after it. One sandbox per chapter, restored from the
// ready snapshot; lessons of a chapter run in course order in it, as a
// learner would do them. `npm run lessons:test -- <id>` runs the same for one
// lesson or chapter and prints more detail.
//
// The chapters are split over two test files (shards) that the "lessons"
// test project runs in parallel: v86 is single-threaded, so two emulators
// use both cores of a CI machine and about halve the suite's time. shards.ts
// splits them by measured time.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../../src/cli/loadCourse.ts";
import { selfTestLesson } from "../../src/exercise/selfTest.ts";
import { OfflineRecorder } from "../../src/offline/node/OfflineRecorder.ts";
import { startNodeSandbox } from "../../src/runtime/node/startNodeSandbox.ts";
import type { V86Runtime } from "../../src/runtime/v86/V86Runtime.ts";
import { splitChapters } from "./shards.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const catalog = await loadCourse(root);

// A lesson runs a few builds and container starts: minutes on a loaded 2-core
// machine; friendlyhello-share's push alone may take 10 (lessonStart.ts).
const LESSON_TIMEOUT_MS = 1_800_000;

// `npm run offline:record`: also write which disk chunks each lesson reads (lessons/offline.json).
const recorder = OfflineRecorder.fromEnv();

/** Define the self-tests of one shard's chapters (shards.ts splits them by measured time). */
export function selfTestChapters(shard: 0 | 1): void {
  const ids = splitChapters(
    catalog.chapters.map((c) => c.id),
    2,
  )[shard]!;
  const chapters = catalog.chapters.filter((c) => ids.includes(c.id));
  describe.each(chapters.map((c) => [c.id, c] as const))("chapter %s", (_id, chapter) => {
    let vm: V86Runtime;
    beforeAll(async () => {
      vm = recorder ? await recorder.startSandbox() : await startNodeSandbox();
    });
    afterAll(async () => {
      await vm?.dispose();
    });

    it.each(chapter.lessons.map((l) => [l.id, l] as const))(
      "%s: each step fails before its solution and passes after it",
      async (_lessonId, lesson) => {
        const selfTest = () => selfTestLesson(vm, lesson);
        const report = await (recorder?.lesson(chapter.id, lesson.id, selfTest) ?? selfTest());
        // Problems first: a step list cut short (a solution that threw) says
        // nothing of why; the problem does.
        expect(report.problems).toEqual([]);
        expect(report.steps.map((s) => s.id)).toEqual(lesson.steps.map((s) => s.id));
      },
      LESSON_TIMEOUT_MS,
    );
  });
}

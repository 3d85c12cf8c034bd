/**
 * Saved sandboxes in `npm run bench`: a learner's sandbox after the
 * friendlyhello lessons (their images built, containers run, a registry
 * pushed to), saved and restored into a fresh emulator as a reload does.
 * Under Node, so the restore compares with restoreToReadyMs on the same
 * machine; the browser's save and restore are in the app scenario.
 */
import type { Catalog } from "../content/createCatalog.ts";
import { isQuizStep } from "../content/lesson.ts";
import { applySolution } from "../exercise/applySolution.ts";
import { startLesson } from "../exercise/lessonStart.ts";
import { nodeAssets, nodeVmBuild } from "../runtime/node/nodeAssets.ts";
import { readSandboxHeader } from "../runtime/state/sandboxFile.ts";
import { V86Runtime } from "../runtime/v86/V86Runtime.ts";
import { median, spread } from "./stats.ts";

export interface SavedSandboxFigures {
  /** Save (snapshot + zstd) of the sandbox after the chapter's lessons, Node, median. */
  sandboxSaveMs: number;
  sandboxSaveSpreadMs: [number, number];
  /** The saved-sandbox file's size. */
  sandboxStateBytes: number;
  /** The raw state inside it (what v86 restores). */
  sandboxRawStateBytes: number;
  /** A fresh emulator from the saved sandbox to dockerd answering, median. */
  sandboxRestoreMs: number;
  sandboxRestoreSpreadMs: [number, number];
  /**
   * The ready snapshot's restore → ready, timed right after each sandbox
   * restore in the same process, median: the fair denominator for
   * sandboxRestoreMs. A process that has already run many emulators starts
   * each one slower on this machine (restoreToReadyMs is timed first).
   */
  readyAlongsideMs: number;
  readyAlongsideSpreadMs: [number, number];
  /** The lessons solved before saving. */
  sandboxLessons: string[];
}

/** Solve `chapter`'s lessons, then save `runs` times and restore `runs` times. */
export async function benchSavedSandbox(
  catalog: Catalog,
  chapter: string,
  runs: number,
  log: (line: string) => void,
): Promise<SavedSandboxFigures> {
  const lessons = catalog.lessons.filter((l) => l.chapter === chapter);
  if (!lessons.length) throw new Error(`bench: no lessons in chapter ${chapter}`);
  const runtime = new V86Runtime({ assets: nodeAssets(), build: nodeVmBuild() });
  const saves: number[] = [];
  let file: Uint8Array = new Uint8Array();
  try {
    await runtime.start();
    const solving = performance.now();
    for (const lesson of lessons) {
      await startLesson(runtime, lesson);
      for (const step of lesson.steps) {
        if (!isQuizStep(step)) await applySolution(runtime, lesson, step);
      }
    }
    log(`saved sandbox: solved ${chapter} in ${Math.round(performance.now() - solving)} ms`);
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      file = await runtime.saveState({ meta: { lesson: lessons.at(-1)!.id } });
      saves.push(Math.round(performance.now() - started));
    }
  } finally {
    await runtime.dispose();
  }
  const restores: number[] = [];
  const readies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const restored = new V86Runtime({ assets: nodeAssets(), build: nodeVmBuild() });
    const started = performance.now();
    await restored.start({ from: file });
    restores.push(Math.round(performance.now() - started));
    const images = await restored.docker.listImages();
    await restored.dispose();
    if (!images.length) throw new Error("bench: the restored sandbox has no images");
    const ready = new V86Runtime({ assets: nodeAssets() });
    const readyStarted = performance.now();
    await ready.start();
    readies.push(Math.round(performance.now() - readyStarted));
    await ready.dispose();
  }
  const header = readSandboxHeader(file);
  log(
    `saved sandbox: ${(file.length / 2 ** 20).toFixed(1)} MiB (raw ${(header.rawBytes / 2 ** 20).toFixed(0)} MiB); save ${saves.join(", ")} ms; restore ${restores.join(", ")} ms; ready snapshot alongside ${readies.join(", ")} ms`,
  );
  return {
    sandboxSaveMs: median(saves),
    sandboxSaveSpreadMs: spread(saves),
    sandboxStateBytes: file.length,
    sandboxRawStateBytes: header.rawBytes,
    sandboxRestoreMs: median(restores),
    sandboxRestoreSpreadMs: spread(restores),
    readyAlongsideMs: median(readies),
    readyAlongsideSpreadMs: spread(readies),
    sandboxLessons: lessons.map((l) => l.id),
  };
}

import type { ChapterKeeper } from "./ChapterKeeper.ts";

/**
 * Keep each chapter the learner opens offline (ChapterKeeper), once the
 * sandbox is ready: the background download must not slow the VM's start.
 * `chapter` reads reactive state (the current lesson, the sandbox's status),
 * so it runs again whenever those change.
 */
export function keepChaptersOffline(keeper: ChapterKeeper, chapter: () => string | null): void {
  $effect.root(() => {
    $effect(() => {
      const current = chapter();
      if (current) void keeper.keep(current);
    });
  });
}

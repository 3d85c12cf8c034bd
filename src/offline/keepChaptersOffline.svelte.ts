import type { ChapterKeeper } from "./ChapterKeeper.ts";

/**
 * How long a chapter must stay open, with the sandbox ready, before it is
 * kept: the download must not compete with the VM's start and the learner's
 * first commands, and paging through lessons should not start one per chapter.
 */
const SETTLE_MS = 30_000;

/**
 * Keep each chapter the learner stays in offline (ChapterKeeper), once the
 * sandbox is ready. `chapter` reads reactive state (the current lesson, the
 * sandbox's status), so it runs again whenever those change; a change before
 * the chapter settled cancels its keeping.
 */
export function keepChaptersOffline(keeper: ChapterKeeper, chapter: () => string | null): void {
  $effect.root(() => {
    // Derived: the timer restarts when the chapter (or readiness) changes,
    // not whenever some other state the getter reads is touched.
    const settled = $derived(chapter());
    $effect(() => {
      const current = settled;
      if (!current) return;
      const timer = setTimeout(() => void keeper.keep(current), SETTLE_MS);
      return () => clearTimeout(timer);
    });
  });
}

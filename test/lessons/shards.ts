/**
 * How the lessons suite splits the course's chapters over its two shards
 * (two emulators, one per core): by measured self-test time, so that both
 * finish at about the same time. CI waits for the longer one.
 */

/**
 * Self-test seconds per chapter, measured with two emulators on a 2-core
 * machine (`npm run lessons:test` prints each lesson's time). A chapter
 * missing here (a new one) counts as DEFAULT_CHAPTER_SECONDS until measured.
 */
export const CHAPTER_SECONDS: Readonly<Record<string, number>> = {
  // Measured 2026-12-07 in `CI=true npm test` (the lessons suite: 2819 s
  // wall, 5377 s of self-tests; shards of 2690 and 2764 s).
  dockerfiles: 758,
  friendlyhello: 695,
  registries: 558,
  "daemon-and-security": 429,
  "cleanup-and-debugging": 382,
  running: 379,
  compose: 327,
  troubleshooting: 314,
  images: 253,
  "development-loop": 250,
  capstone: 230,
  networks: 227,
  storage: 227,
  basics: 142,
  healthchecks: 88,
  "better-images": 72,
  "more-commands": 57,
  secrets: 51,
  "under-the-hood": 45,
};

export const DEFAULT_CHAPTER_SECONDS = 300;

/**
 * Split chapter ids into `count` shards of about equal time: longest first,
 * each into the shard with the least time so far (the classic greedy
 * schedule, within 4/3 of the best split). Each shard keeps course order,
 * since a shard runs its chapters one after another.
 */
export function splitChapters(
  chapters: readonly string[],
  count: number,
  seconds: (chapter: string) => number = (id) => CHAPTER_SECONDS[id] ?? DEFAULT_CHAPTER_SECONDS,
): string[][] {
  const shards = Array.from({ length: count }, () => ({ total: 0, chapters: new Set<string>() }));
  const longestFirst = [...chapters].sort((a, b) => seconds(b) - seconds(a));
  for (const chapter of longestFirst) {
    const lightest = shards.reduce((min, shard) => (shard.total < min.total ? shard : min));
    lightest.total += seconds(chapter);
    lightest.chapters.add(chapter);
  }
  return shards.map((shard) => chapters.filter((c) => shard.chapters.has(c)));
}

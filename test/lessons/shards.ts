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
  basics: 120,
  running: 330,
  images: 380,
  dockerfiles: 760,
  friendlyhello: 960,
  storage: 330,
  networks: 330,
  registries: 420,
  "cleanup-and-debugging": 560,
  "daemon-and-security": 420,
  "better-images": 200,
  healthchecks: 120,
  "development-loop": 240,
  secrets: 100,
  "under-the-hood": 100,
  "more-commands": 100,
  compose: 240,
  troubleshooting: 520,
  capstone: 450,
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

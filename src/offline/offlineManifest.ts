import { z } from "zod";
import { fromRanges, RANGES_PATTERN, toRanges } from "./chunkRanges.ts";

const ranges = z
  .string()
  .max(200_000)
  .regex(RANGES_PATTERN, "chunk ranges look like 0-3,7,9-12")
  .describe("Chunk indexes of the lazy disk as compact ranges, e.g. 0-3,7,9-12.");

/**
 * The offline manifest (public/vm/offline.json, served as vm/offline.json):
 * which chunks of the lazy disk each lesson reads, recorded while its
 * self-test runs on the real VM (OfflineRecorder). It belongs to one VM build:
 * "Make available offline" and the chapter keeper fetch these chunks; the
 * service worker caches whatever else a learner's VM reads.
 */
export const offlineManifestSchema = z
  .object({
    format: z.literal(1),
    recipeHash: z
      .string()
      .min(1)
      .max(64)
      .describe("The VM build recorded against (public/vm/manifest.json's recipeHash)."),
    diskSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "a SHA-256 in hex")
      .optional()
      .describe(
        "The disk recorded against (manifest.json's files['disk.img'].sha256). Two builds of one recipe lay files out differently, so a chunk index only means something for this disk.",
      ),
    chunkBytes: z
      .number()
      .int()
      .positive()
      .max(64 * 2 ** 20)
      .describe("Size of one disk chunk (v86's fixed_chunk_size)."),
    diskBytes: z.number().int().positive().describe("Size of disk.img."),
    recordedAt: z.string().max(40).describe("When the last lesson was recorded (ISO time)."),
    base: ranges.describe("Chunks every start reads: the restore, the agent, a terminal's shell."),
    chapters: z
      .record(z.string().max(100), z.record(z.string().max(100), ranges))
      .describe("Per chapter id, per lesson id: the chunks the lesson first read."),
  })
  .strict();

/** vm/offline.json, parsed. */
export type OfflineManifest = z.infer<typeof offlineManifestSchema>;

/** Parse an offline manifest; throws a readable error for anything else. */
export function parseOfflineManifest(data: unknown): OfflineManifest {
  const result = offlineManifestSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(
      `not an offline manifest: ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
  }
  return result.data;
}

/**
 * Every chunk to fetch for the given chapters (all by default), the start's
 * base included, ascending. A lesson's list holds the chunks it read first in
 * course order, so a chapter needs its lessons' lists together.
 */
export function packChunks(manifest: OfflineManifest, chapters?: readonly string[]): number[] {
  const limit = Math.ceil(manifest.diskBytes / manifest.chunkBytes);
  const all = new Set(fromRanges(manifest.base, limit));
  for (const [chapter, lessons] of Object.entries(manifest.chapters)) {
    if (chapters && !chapters.includes(chapter)) continue;
    for (const list of Object.values(lessons)) for (const c of fromRanges(list, limit)) all.add(c);
  }
  return [...all].sort((a, b) => a - b);
}

/** What one recording run saw: the base chunks and, per lesson, its new chunks. */
export interface ChapterRecording {
  chapter: string;
  base: Iterable<number>;
  lessons: Record<string, Iterable<number>>;
}

/**
 * Merge a chapter's recording into a manifest (or start one). A manifest of
 * another VM build or chunk size is replaced, not merged: its indexes mean
 * other bytes. The base is the union of every run's start.
 */
export function mergeRecording(
  previous: OfflineManifest | null,
  vm: { recipeHash: string; diskSha256: string; chunkBytes: number; diskBytes: number },
  recording: ChapterRecording,
  now = new Date(),
): OfflineManifest {
  const same =
    previous?.recipeHash === vm.recipeHash &&
    previous.diskSha256 === vm.diskSha256 &&
    previous.chunkBytes === vm.chunkBytes &&
    previous.diskBytes === vm.diskBytes;
  const base = new Set(same ? fromRanges(previous.base) : []);
  for (const c of recording.base) base.add(c);
  const chapters = same ? { ...previous.chapters } : {};
  const lessons = { ...chapters[recording.chapter] };
  for (const [id, chunks] of Object.entries(recording.lessons)) lessons[id] = toRanges(chunks);
  chapters[recording.chapter] = lessons;
  return {
    format: 1,
    recipeHash: vm.recipeHash,
    diskSha256: vm.diskSha256,
    chunkBytes: vm.chunkBytes,
    diskBytes: vm.diskBytes,
    recordedAt: now.toISOString(),
    base: toRanges(base),
    chapters,
  };
}

/**
 * Whether `manifest` was recorded against this VM build's disk. The recipe
 * hash alone is not enough: builds are not reproducible (debootstrap takes
 * the day's package versions, mkfs lays files out in directory order), so
 * the same recipe built on another machine puts files in other chunks.
 */
export function recordedFor(
  manifest: OfflineManifest | null,
  vm: { recipeHash: string; files: { "disk.img"?: { sha256?: string } } },
): manifest is OfflineManifest {
  return (
    !!manifest &&
    manifest.recipeHash === vm.recipeHash &&
    !!manifest.diskSha256 &&
    manifest.diskSha256 === vm.files["disk.img"]?.sha256
  );
}

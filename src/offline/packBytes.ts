import { packChunks, type OfflineManifest } from "./offlineManifest.ts";

/** The VM files every offline start needs besides disk chunks (the snapshot and BIOSes). */
export const VM_START_FILES = [
  "manifest.json",
  "bios.bin",
  "vgabios.bin",
  "state.bin.zst",
] as const;

/** What an offline pack weighs, in bytes. */
export interface PackBytes {
  /** VM files (snapshot, BIOSes) + the start's disk chunks + every chapter's. */
  total: number;
  /** The VM files alone. */
  vmFiles: number;
  /** The disk chunks of the start (restore, agent, a terminal). */
  base: number;
  /** Per chapter: its lessons' chunks not already in the base, alone. */
  chapters: Record<string, number>;
}

/**
 * Size of the offline pack for a course, from the offline manifest and the VM
 * manifest's file sizes: no browser, no download. `chunkSize`: what one chunk
 * takes (default: all of it; stored deflated it takes less, docs/offline.md). The app shell (JS, CSS,
 * wasm) is precached by the service worker and counted separately.
 */
export function packBytes(
  manifest: OfflineManifest,
  vmFileSizes: Partial<Record<string, { size: number }>>,
  chunkSize: (chunk: number) => number = () => manifest.chunkBytes,
): PackBytes {
  const sum = (chunks: number[]) => chunks.reduce((n, c) => n + chunkSize(c), 0);
  const vmFiles = VM_START_FILES.reduce((sum, f) => sum + (vmFileSizes[f]?.size ?? 0), 0);
  const base = packChunks(manifest, []);
  const baseSet = new Set(base);
  const chapters: Record<string, number> = {};
  for (const chapter of Object.keys(manifest.chapters)) {
    const own = packChunks(manifest, [chapter]).filter((c) => !baseSet.has(c));
    chapters[chapter] = sum(own);
  }
  return {
    total: vmFiles + sum(packChunks(manifest)),
    vmFiles,
    base: sum(base),
    chapters,
  };
}

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
 * manifest's file sizes: no browser, no download. The app shell (JS, CSS,
 * wasm) is precached by the service worker and counted separately.
 */
export function packBytes(
  manifest: OfflineManifest,
  vmFileSizes: Partial<Record<string, { size: number }>>,
): PackBytes {
  const vmFiles = VM_START_FILES.reduce((sum, f) => sum + (vmFileSizes[f]?.size ?? 0), 0);
  const base = packChunks(manifest, []);
  const baseSet = new Set(base);
  const chapters: Record<string, number> = {};
  for (const chapter of Object.keys(manifest.chapters)) {
    const own = packChunks(manifest, [chapter]).filter((c) => !baseSet.has(c));
    chapters[chapter] = own.length * manifest.chunkBytes;
  }
  return {
    total: vmFiles + packChunks(manifest).length * manifest.chunkBytes,
    vmFiles,
    base: base.length * manifest.chunkBytes,
    chapters,
  };
}

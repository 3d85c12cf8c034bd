import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { vmDir } from "../../runtime/node/nodeAssets.ts";
import type { VmManifest } from "../../runtime/v86/manifest.ts";
import {
  packChunks,
  parseOfflineManifest,
  recordedFor,
  type OfflineManifest,
} from "../offlineManifest.ts";
import { packBytes } from "../packBytes.ts";
import { offlineManifestPath } from "./OfflineRecorder.ts";

/** The offline pack's figures for the bench (docs/offline.md, docs/performance.md). */
export interface OfflinePackFigures {
  /**
   * The built-in course whole, as the browser stores it: VM start files,
   * v86's wasm, every recorded disk chunk deflated (as the service worker
   * keeps them).
   */
  offlinePackBytes: number | null;
  /** The same, as downloaded (chunks are sent uncompressed). */
  offlinePackDownloadBytes: number | null;
  /** Per chapter, stored: its lessons' chunks beyond the start's. */
  offlinePackChapterBytes: Record<string, number>;
  /** The manifest was recorded against the VM build in public/vm. */
  offlinePackUpToDate: boolean;
}

/**
 * The offline pack's size from the VM build's offline.json, the VM manifest's file
 * sizes and the recorded chunks of public/vm/disk.img deflated here as the
 * service worker does (a few seconds; no browser, no VM run). `wasmBytes`:
 * v86's wasm as the precache stores it (uncompressed).
 */
export function offlinePackFigures(
  vm: Pick<VmManifest, "recipeHash" | "files">,
  wasmBytes: number,
  path = offlineManifestPath(),
  disk = join(vmDir(), "disk.img"),
): OfflinePackFigures {
  if (!existsSync(path))
    return {
      offlinePackBytes: null,
      offlinePackDownloadBytes: null,
      offlinePackChapterBytes: {},
      offlinePackUpToDate: false,
    };
  const manifest = parseOfflineManifest(JSON.parse(readFileSync(path, "utf8")));
  const upToDate = recordedFor(manifest, vm);
  const stored = upToDate && existsSync(disk) ? deflatedSizes(manifest, disk) : undefined;
  const bytes = packBytes(manifest, vm.files, stored);
  return {
    offlinePackBytes: bytes.total + wasmBytes,
    offlinePackDownloadBytes: packBytes(manifest, vm.files).total + wasmBytes,
    offlinePackChapterBytes: bytes.chapters,
    offlinePackUpToDate: upToDate,
  };
}

/** Each recorded chunk's deflated size, read from the disk image. */
function deflatedSizes(manifest: OfflineManifest, disk: string): (chunk: number) => number {
  const sizes = new Map<number, number>();
  const fd = openSync(disk, "r");
  try {
    const buffer = Buffer.alloc(manifest.chunkBytes);
    for (const chunk of packChunks(manifest)) {
      const read = readSync(fd, buffer, 0, buffer.length, chunk * manifest.chunkBytes);
      sizes.set(chunk, deflateRawSync(buffer.subarray(0, read)).byteLength);
    }
  } finally {
    closeSync(fd);
  }
  return (chunk) => sizes.get(chunk) ?? manifest.chunkBytes;
}

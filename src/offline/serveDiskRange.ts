import { chunkCacheKey } from "./cacheNames.ts";
import { chunkRange, chunksOf, contentRange, type ByteRange } from "./byteRange.ts";

/** The part of the Cache API the disk chunks need (a fake in unit tests). */
export interface ChunkCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
}

/** Where and how big the lazy disk is. */
export interface DiskLayout {
  /** Absolute URL of disk.img. */
  url: string;
  size: number;
  chunkBytes: number;
}

/**
 * Answer a Range request for the lazy disk from per-chunk cache entries,
 * fetching the chunks not cached yet (consecutive ones in one request) and
 * caching each as it arrives: every chunk a learner's VM reads is kept.
 * Answers 206 with the exact bytes asked for. A server answer other than
 * 206 is passed on as it is (v86 reports it); a failed fetch (offline, a
 * chunk never read) rejects.
 */
export async function serveDiskRange(
  disk: DiskLayout,
  range: ByteRange,
  cache: ChunkCache,
  fetchRange: (range: ByteRange) => Promise<Response>,
): Promise<Response> {
  const chunks = chunksOf(range, disk.chunkBytes);
  const parts = new Map<number, Uint8Array>();
  const missing: number[] = [];
  for (const chunk of chunks) {
    const cached = await cache.match(chunkCacheKey(disk.url, chunk));
    if (cached) parts.set(chunk, new Uint8Array(await cached.arrayBuffer()));
    else missing.push(chunk);
  }
  for (const run of runs(missing)) {
    const first = chunkRange(run[0]!, disk.chunkBytes, disk.size);
    const last = chunkRange(run.at(-1)!, disk.chunkBytes, disk.size);
    const response = await fetchRange({ start: first.start, end: last.end });
    if (response.status !== 206) return response;
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.byteLength !== last.end - first.start + 1) {
      throw new Error(`disk range ${first.start}-${last.end}: got ${body.byteLength} bytes`);
    }
    for (const chunk of run) {
      const { start, end } = chunkRange(chunk, disk.chunkBytes, disk.size);
      const bytes = body.slice(start - first.start, end - first.start + 1);
      parts.set(chunk, bytes);
      // The Cache API refuses 206 answers: each chunk is kept as a whole 200.
      await cache.put(
        chunkCacheKey(disk.url, chunk),
        new Response(bytes, {
          headers: {
            "Content-Type": "application/octet-stream",
            "Content-Length": String(bytes.byteLength),
          },
        }),
      );
    }
  }
  const out = new Uint8Array(range.end - range.start + 1);
  const base = chunks[0]! * disk.chunkBytes;
  for (const chunk of chunks) {
    const bytes = parts.get(chunk)!;
    const at = chunk * disk.chunkBytes - base;
    const from = Math.max(0, range.start - base - at);
    const to = Math.min(bytes.byteLength, range.end - base - at + 1);
    out.set(bytes.subarray(from, to), at + from - (range.start - base));
  }
  return new Response(out, {
    status: 206,
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(out.byteLength),
      "Content-Range": contentRange(range, disk.size),
      "Accept-Ranges": "bytes",
    },
  });
}

/** Consecutive indexes grouped: [1,2,3,7,8] → [[1,2,3],[7,8]]. */
export function runs(indexes: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const i of indexes) {
    const last = out.at(-1);
    if (last && last.at(-1) === i - 1) last.push(i);
    else out.push([i]);
  }
  return out;
}

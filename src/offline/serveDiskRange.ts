import { chunkCacheKey } from "./cacheNames.ts";
import { chunkRange, chunksOf, contentRange, type ByteRange } from "./byteRange.ts";

/** The part of the Cache API the disk chunks need (a fake in unit tests). */
export interface ChunkCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
}

/**
 * How chunks are stored: disk chunks (binaries, unpacked image layers)
 * deflate to about a third, which is what brings a whole course's pack under
 * its storage budget (docs/offline.md). Entries carry the encoding in a
 * header, so entries stored either way are read right.
 */
export interface ChunkCodec {
  /** Name stored with each entry (X-Chunk-Encoding). */
  name: string;
  encode(bytes: Uint8Array): Promise<Uint8Array>;
  decode(bytes: Uint8Array): Promise<Uint8Array>;
}

/** The header naming a stored chunk's encoding. */
export const CHUNK_ENCODING_HEADER = "X-Chunk-Encoding";

/** deflate-raw with the platform's CompressionStream (browsers, service workers, Node ≥ 18). */
export const deflateCodec: ChunkCodec = {
  name: "deflate-raw",
  encode: (bytes) => through(bytes, new CompressionStream("deflate-raw")),
  decode: (bytes) => through(bytes, new DecompressionStream("deflate-raw")),
};

async function through(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
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
  codec: ChunkCodec | null = deflateCodec,
): Promise<Response> {
  const chunks = chunksOf(range, disk.chunkBytes);
  const parts = new Map<number, Uint8Array>();
  const missing: number[] = [];
  for (const chunk of chunks) {
    const cached = await cache.match(chunkCacheKey(disk.url, chunk));
    if (cached) parts.set(chunk, await readChunk(cached, codec));
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
      const stored = codec ? await codec.encode(bytes) : bytes;
      await cache.put(
        chunkCacheKey(disk.url, chunk),
        new Response(stored as BlobPart, {
          headers: {
            "Content-Type": "application/octet-stream",
            "Content-Length": String(stored.byteLength),
            ...(codec && { [CHUNK_ENCODING_HEADER]: codec.name }),
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

async function readChunk(cached: Response, codec: ChunkCodec | null): Promise<Uint8Array> {
  const bytes = new Uint8Array(await cached.arrayBuffer());
  const encoding = cached.headers.get(CHUNK_ENCODING_HEADER);
  if (!encoding) return bytes;
  if (encoding !== codec?.name) throw new Error(`disk chunk stored as ${encoding}: unknown here`);
  return codec.decode(bytes);
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

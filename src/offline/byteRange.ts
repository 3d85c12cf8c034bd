/**
 * HTTP Range arithmetic for the lazy disk. v86 asks for `bytes=a-b`
 * (inclusive) with `a` and `b + 1` on chunk boundaries when it loads in fixed
 * chunks (src/runtime/v86/diskLoading.ts), and `bytes=0-0` to learn a size.
 */

/** An inclusive byte range, as in `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parse a single `bytes=a-b` range; null for anything else (several ranges,
 * suffix ranges, other units): the service worker then leaves the request to
 * the network.
 */
export function parseRange(header: string | null, size: number): ByteRange | null {
  const match = /^bytes=(\d+)-(\d*)$/.exec(header?.trim() ?? "");
  if (!match) return null;
  const start = Number(match[1]);
  const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  return start <= end ? { start, end } : null;
}

/** The chunk indexes a range touches. */
export function chunksOf(range: ByteRange, chunkBytes: number): number[] {
  const first = Math.floor(range.start / chunkBytes);
  const last = Math.floor(range.end / chunkBytes);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The byte range of one chunk (the last one may be short). */
export function chunkRange(chunk: number, chunkBytes: number, size: number): ByteRange {
  const start = chunk * chunkBytes;
  return { start, end: Math.min(start + chunkBytes, size) - 1 };
}

/** `Content-Range` for a range of a `size`-byte file. */
export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}

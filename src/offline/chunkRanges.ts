/**
 * Chunk lists as compact ranges ("0-3,7,9-12"): a lesson reads a few hundred
 * 256 KiB chunks of the lazy disk, mostly in runs, so the offline manifest
 * (lessons/offline.json) stays small enough to ship with the app.
 */

/** Sorted, de-duplicated chunk indexes as "a-b,c" ranges ("" for none). */
export function toRanges(chunks: Iterable<number>): string {
  const sorted = [...new Set(chunks)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    const start = sorted[i]!;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i]!;
    i++;
    parts.push(start === end ? `${start}` : `${start}-${end}`);
  }
  return parts.join(",");
}

/** The ranges' text as a runs check: what `fromRanges` accepts. */
export const RANGES_PATTERN = /^(\d+(-\d+)?(,\d+(-\d+)?)*)?$/;

/**
 * Parse "a-b,c" ranges into chunk indexes (ascending, as written). Throws on
 * malformed text or a range past `limit` chunks (a manifest from a URL is
 * untrusted: it must not make the app allocate or fetch without bound).
 */
export function fromRanges(text: string, limit = Number.MAX_SAFE_INTEGER): number[] {
  if (!RANGES_PATTERN.test(text)) throw new Error(`not a chunk range list: ${text.slice(0, 40)}`);
  const chunks: number[] = [];
  if (!text) return chunks;
  for (const part of text.split(",")) {
    const [a, b = a] = part.split("-").map(Number) as [number, number?];
    if (b! < a || b! >= limit) throw new Error(`chunk range ${part} is out of bounds`);
    for (let i = a; i <= b!; i++) chunks.push(i);
  }
  return chunks;
}

import type { ChunkCache } from "../../src/offline/serveDiskRange.ts";

/** An in-memory stand-in for the Cache API's match/put, recording the keys put. */
export function fakeChunkCache(): ChunkCache & {
  entries: Map<string, { bytes: Uint8Array; headers: Headers }>;
  puts: string[];
} {
  const entries = new Map<string, { bytes: Uint8Array; headers: Headers }>();
  const puts: string[] = [];
  return {
    entries,
    puts,
    async match(key) {
      const entry = entries.get(key);
      return entry ? new Response(entry.bytes.slice(), { headers: entry.headers }) : undefined;
    },
    async put(key, response) {
      puts.push(key);
      entries.set(key, {
        bytes: new Uint8Array(await response.arrayBuffer()),
        headers: new Headers(response.headers),
      });
    },
  };
}

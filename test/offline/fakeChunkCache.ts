import type { ChunkCache } from "../../src/offline/serveDiskRange.ts";

/** An in-memory stand-in for the Cache API's match/put, recording the keys put. */
export function fakeChunkCache(): ChunkCache & {
  entries: Map<string, Uint8Array>;
  puts: string[];
} {
  const entries = new Map<string, Uint8Array>();
  const puts: string[] = [];
  return {
    entries,
    puts,
    async match(key) {
      const bytes = entries.get(key);
      return bytes ? new Response(bytes.slice()) : undefined;
    },
    async put(key, response) {
      puts.push(key);
      entries.set(key, new Uint8Array(await response.arrayBuffer()));
    },
  };
}

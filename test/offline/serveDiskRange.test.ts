import { describe, expect, it } from "vitest";
import type { ByteRange } from "../../src/offline/byteRange.ts";
import { deflateCodec, runs, serveDiskRange } from "../../src/offline/serveDiskRange.ts";
import { fakeChunkCache } from "./fakeChunkCache.ts";

// A small "disk": 8 chunks of 16 bytes, byte i holds i % 251.
const disk = { url: "http://localhost/vm/disk.img", size: 128, chunkBytes: 16 };
const bytes = Uint8Array.from({ length: disk.size }, (_, i) => i % 251);

function server() {
  const requests: ByteRange[] = [];
  const fetchRange = async (range: ByteRange) => {
    requests.push(range);
    return new Response(bytes.slice(range.start, range.end + 1), {
      status: 206,
      headers: { "Content-Range": `bytes ${range.start}-${range.end}/${disk.size}` },
    });
  };
  return { requests, fetchRange };
}

async function body(response: Response): Promise<number[]> {
  return [...new Uint8Array(await response.arrayBuffer())];
}

describe("serveDiskRange", () => {
  it("fetches missing chunks in one request per run, keeps each chunk, answers 206", async () => {
    const cache = fakeChunkCache();
    const { requests, fetchRange } = server();
    const response = await serveDiskRange(disk, { start: 16, end: 63 }, cache, fetchRange);
    expect(response.status).toBe(206);
    expect(response.headers.get("Content-Range")).toBe("bytes 16-63/128");
    expect(response.headers.get("Content-Length")).toBe("48");
    expect(await body(response)).toEqual([...bytes.slice(16, 64)]);
    expect(requests).toEqual([{ start: 16, end: 63 }]);
    expect(cache.puts).toEqual([1, 2, 3].map((c) => `${disk.url}?chunk=${c}`));
  });

  it("serves cached chunks from the cache and fetches only the others", async () => {
    const cache = fakeChunkCache();
    const { requests, fetchRange } = server();
    await serveDiskRange(disk, { start: 32, end: 47 }, cache, fetchRange);
    requests.length = 0;
    const response = await serveDiskRange(disk, { start: 16, end: 79 }, cache, fetchRange);
    expect(await body(response)).toEqual([...bytes.slice(16, 80)]);
    expect(requests).toEqual([
      { start: 16, end: 31 },
      { start: 48, end: 79 },
    ]);
  });

  it("answers from the cache alone once every chunk was read (offline)", async () => {
    const cache = fakeChunkCache();
    await serveDiskRange(disk, { start: 0, end: 127 }, cache, server().fetchRange);
    const offline = () => Promise.reject(new TypeError("Failed to fetch"));
    const response = await serveDiskRange(disk, { start: 5, end: 40 }, cache, offline);
    expect(response.headers.get("Content-Range")).toBe("bytes 5-40/128");
    expect(await body(response)).toEqual([...bytes.slice(5, 41)]);
  });

  it("rejects when a chunk is neither cached nor reachable", async () => {
    const offline = () => Promise.reject(new TypeError("Failed to fetch"));
    await expect(
      serveDiskRange(disk, { start: 0, end: 15 }, fakeChunkCache(), offline),
    ).rejects.toThrow("Failed to fetch");
  });

  it("passes a server's error on without caching it", async () => {
    const cache = fakeChunkCache();
    const response = await serveDiskRange(
      disk,
      { start: 0, end: 15 },
      cache,
      async () => new Response("gone", { status: 404 }),
    );
    expect(response.status).toBe(404);
    expect(cache.puts).toEqual([]);
  });

  it("stores each chunk deflated and reads it back exactly", async () => {
    const cache = fakeChunkCache();
    await serveDiskRange(disk, { start: 0, end: 31 }, cache, server().fetchRange);
    const entry = cache.entries.get(`${disk.url}?chunk=0`)!;
    expect(entry.headers.get("X-Chunk-Encoding")).toBe("deflate-raw");
    expect([...(await deflateCodec.decode(entry.bytes))]).toEqual([...bytes.slice(0, 16)]);
    const offline = () => Promise.reject(new TypeError("Failed to fetch"));
    const again = await serveDiskRange(disk, { start: 0, end: 31 }, cache, offline);
    expect(await body(again)).toEqual([...bytes.slice(0, 32)]);
  });

  it("reads chunks stored without an encoding", async () => {
    const cache = fakeChunkCache();
    await serveDiskRange(disk, { start: 0, end: 15 }, cache, server().fetchRange, null);
    expect(cache.entries.get(`${disk.url}?chunk=0`)!.headers.get("X-Chunk-Encoding")).toBeNull();
    const offline = () => Promise.reject(new TypeError("Failed to fetch"));
    const again = await serveDiskRange(disk, { start: 0, end: 15 }, cache, offline);
    expect(await body(again)).toEqual([...bytes.slice(0, 16)]);
  });

  it("groups consecutive indexes into runs", () => {
    expect(runs([1, 2, 3, 7, 8, 10])).toEqual([[1, 2, 3], [7, 8], [10]]);
    expect(runs([])).toEqual([]);
  });
});

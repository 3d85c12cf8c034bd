import type { PackEnvironment } from "../../src/offline/downloadPack.ts";

export const BASE = "http://localhost/vm/";
export const CHUNK = 100;
/** The fake build's disk digest: manifests recorded for this build carry it. */
export const DISK_SHA256 = "d".repeat(64);

// A service worker stand-in: every fetch through it is kept in the VM build's cache.
export function fakeBrowser(options: { quota?: number; failAfter?: number | undefined } = {}) {
  const stored = new Map<string, number>();
  const requests: string[] = [];
  const cache = {
    match: async (key: string) => (stored.has(key) ? new Response("x") : undefined),
  };
  const env: PackEnvironment = {
    controlled: async () => {},
    caches: { open: async () => cache } as unknown as CacheStorage,
    storage: {
      persist: async () => true,
      estimate: async () => ({ quota: options.quota ?? 1e12, usage: 0 }),
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      if (url.endsWith("manifest.json"))
        return Response.json({
          recipeHash: "abc",
          files: {
            "bios.bin": { size: 10 },
            "vgabios.bin": { size: 20 },
            "state.bin.zst": { size: 300 },
            "disk.img": { size: 100_000, sha256: DISK_SHA256 },
          },
        });
      const range = new Headers(init?.headers).get("Range");
      requests.push(range ? `${url.slice(BASE.length)} ${range}` : url.slice(BASE.length));
      if (options.failAfter !== undefined && requests.length > options.failAfter)
        throw new TypeError("Failed to fetch");
      if (range) {
        const [a, b] = range.slice(6).split("-").map(Number) as [number, number];
        for (let c = a / CHUNK; c <= b / CHUNK; c++)
          stored.set(`${BASE}disk.img?chunk=${Math.floor(c)}`, CHUNK);
      } else stored.set(url, 1);
      return new Response("ok", { status: range ? 206 : 200 });
    }) as typeof fetch,
  };
  return { env, requests, stored };
}

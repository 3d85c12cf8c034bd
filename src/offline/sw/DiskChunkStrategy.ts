import { Strategy, type StrategyHandler } from "workbox-strategies";
import { parseRange } from "../byteRange.ts";
import { serveDiskRange } from "../serveDiskRange.ts";
import type { VmBuild } from "./currentVm.ts";

/**
 * Workbox strategy for the lazy disk's Range requests: each chunk is its own
 * cache entry in the VM build's cache (serveDiskRange.ts), so what the VM
 * read once is there offline. A request without a single Range goes to the
 * network untouched (nothing fetches the whole 4 GiB disk).
 */
export class DiskChunkStrategy extends Strategy {
  readonly #vm: () => Promise<VmBuild>;
  readonly #chunkBytes: number;

  /** `vm`: the current build (its cache and disk size); `chunkBytes`: v86's fixed chunk size. */
  constructor(vm: () => Promise<VmBuild>, chunkBytes: number) {
    super();
    this.#vm = vm;
    this.#chunkBytes = chunkBytes;
  }

  protected async _handle(request: Request, handler: StrategyHandler): Promise<Response> {
    const vm = await this.#vm();
    const range = parseRange(request.headers.get("Range"), vm.diskBytes);
    if (!range) return handler.fetch(request);
    const cache = await caches.open(vm.cacheName);
    return serveDiskRange(
      { url: request.url, size: vm.diskBytes, chunkBytes: this.#chunkBytes },
      range,
      {
        match: (key) => cache.match(key),
        put: (key, response) => cache.put(key, response),
      },
      ({ start, end }) =>
        handler.fetch(
          new Request(request.url, {
            headers: { Range: `bytes=${start}-${end}`, "X-Accept-Encoding": "identity" },
            credentials: "same-origin",
          }),
        ),
    );
  }
}

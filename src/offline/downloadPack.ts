import { chunkCacheKey, vmCacheName } from "./cacheNames.ts";
import { chunkRange } from "./byteRange.ts";
import { packChunks, recordedFor, type OfflineManifest } from "./offlineManifest.ts";
import { VM_START_FILES } from "./packBytes.ts";
import { runs } from "./serveDiskRange.ts";

/** Bytes of the offline pack kept so far, of the total. */
export interface PackProgress {
  done: number;
  total: number;
}

/** What a finished download kept. */
export interface PackResult {
  bytes: number;
  /**
   * No offline manifest, or one recorded against another VM build (another
   * disk): no chunks were fetched.
   */
  outOfDate: boolean;
  /** The browser agreed to keep the site's storage under storage pressure. */
  persisted: boolean;
}

/** The browser APIs the download uses (fakes in unit tests). */
export interface PackEnvironment {
  fetch: typeof fetch;
  caches: CacheStorage;
  /** Resolves once a service worker controls this page (its fetches are cached). */
  controlled: () => Promise<void>;
  storage?: Pick<StorageManager, "persist" | "estimate">;
}

/** Chunks per request: big enough to amortise a request, small enough to resume well. */
const CHUNKS_PER_REQUEST = 16;
/** Requests in flight at once. */
const PARALLEL = 3;

/**
 * "Make available offline": fetch the VM start files and every disk chunk
 * the offline manifest lists, through the service worker, which keeps them
 * (docs/offline.md). What is already cached is counted, not fetched again,
 * so a second run resumes. Cancelled by `signal`. Throws a readable error
 * when the browser's storage for the site is too small.
 */
export async function downloadPack(options: {
  /** Absolute URL of the VM folder (ends with /). */
  vmBase: string;
  manifest: OfflineManifest | null;
  env: PackEnvironment;
  signal?: AbortSignal;
  onProgress?: (progress: PackProgress) => void;
  /** Ask for persistent storage (default true; some browsers ask the user). */
  persist?: boolean;
  /** Requests in flight at once (default 3). */
  parallel?: number;
  /** Awaited before each request: background keeping waits for an idle guest here. */
  beforeRequest?: (signal?: AbortSignal) => Promise<void>;
}): Promise<PackResult> {
  const { vmBase, manifest, env, signal } = options;
  await env.controlled();
  const persisted =
    options.persist === false
      ? false
      : ((await env.storage?.persist().catch(() => false)) ?? false);
  const vmResponse = await env.fetch(`${vmBase}manifest.json`, { cache: "no-cache", signal });
  if (!vmResponse.ok) throw new Error(`The VM manifest did not load (HTTP ${vmResponse.status}).`);
  const vm = (await vmResponse.json()) as {
    recipeHash: string;
    files: Record<string, { size: number; sha256?: string }>;
  };
  const cache = await env.caches.open(vmCacheName(vm.recipeHash, vm.files["disk.img"]?.sha256));
  const upToDate = recordedFor(manifest, vm);
  const outOfDate = !upToDate;
  const chunks = upToDate ? packChunks(manifest) : [];
  const chunkBytes = manifest?.chunkBytes ?? 0;
  const diskUrl = `${vmBase}disk.img`;
  const diskBytes = vm.files["disk.img"]?.size ?? 0;
  const files = VM_START_FILES.filter((f) => f !== "manifest.json");

  const progress: PackProgress = {
    done: 0,
    total: files.reduce((sum, f) => sum + (vm.files[f]?.size ?? 0), 0) + chunks.length * chunkBytes,
  };
  const report = () => options.onProgress?.({ ...progress });
  const missingFiles: string[] = [];
  for (const file of files) {
    if (await cache.match(`${vmBase}${file}`)) progress.done += vm.files[file]?.size ?? 0;
    else missingFiles.push(file);
  }
  const missingChunks: number[] = [];
  for (const chunk of chunks) {
    if (await cache.match(chunkCacheKey(diskUrl, chunk))) progress.done += chunkBytes;
    else missingChunks.push(chunk);
  }
  report();
  await checkRoom(env.storage, progress.total - progress.done);

  const jobs: (() => Promise<void>)[] = [
    ...missingFiles.map((file) => async () => {
      await fetchAll(env, `${vmBase}${file}`, {}, signal);
      progress.done += vm.files[file]?.size ?? 0;
      report();
    }),
    ...runs(missingChunks)
      .flatMap((run) => split(run, CHUNKS_PER_REQUEST))
      .map((run) => async () => {
        const start = chunkRange(run[0]!, chunkBytes, diskBytes).start;
        const end = chunkRange(run.at(-1)!, chunkBytes, diskBytes).end;
        await fetchAll(env, diskUrl, { Range: `bytes=${start}-${end}` }, signal);
        progress.done += run.length * chunkBytes;
        report();
      }),
  ];
  try {
    await Promise.all(
      Array.from({ length: options.parallel ?? PARALLEL }, async () => {
        for (let job = jobs.shift(); job; job = jobs.shift()) {
          signal?.throwIfAborted();
          await options.beforeRequest?.(signal);
          signal?.throwIfAborted();
          await job();
        }
      }),
    );
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    await checkRoom(env.storage, progress.total - progress.done);
    throw err;
  }
  return { bytes: progress.total, outOfDate, persisted };
}

async function fetchAll(
  env: PackEnvironment,
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<void> {
  const response = await env.fetch(url, { headers, signal, credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url.split("/").pop()}: HTTP ${response.status}`);
  // Read it all: the service worker has cached it once the body is complete.
  await response.arrayBuffer();
}

/** Throw a clear error when the browser will not keep `needed` more bytes. */
async function checkRoom(storage: PackEnvironment["storage"], needed: number): Promise<void> {
  const estimate = await storage?.estimate().catch(() => null);
  if (!estimate?.quota) return;
  const free = estimate.quota - (estimate.usage ?? 0);
  if (free < needed) {
    const mb = (n: number) => `${Math.ceil(n / 1e6)} MB`;
    throw new Error(
      `Not enough browser storage: this needs ${mb(needed)} more, the browser allows this site ${mb(free)} more. ` +
        "Free some disk space or clear other sites' data, then try again.",
    );
  }
}

function split<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

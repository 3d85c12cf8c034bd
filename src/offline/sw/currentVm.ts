import { VM_CACHE_PREFIX, VM_META_CACHE, vmCacheName } from "../cacheNames.ts";

/** What the service worker needs of the VM manifest. */
export interface VmBuild {
  recipeHash: string;
  cacheName: string;
  diskBytes: number;
}

let current: Promise<VmBuild> | null = null;

/**
 * The VM build the app uses now: from the manifest.json the manifest route
 * last cached (network first, so online it is the deployed one), else fetched.
 * Remembered until the manifest route sees a new one (`forgetVm`).
 */
export function currentVm(manifestUrl: string): Promise<VmBuild> {
  current ??= readVm(manifestUrl).catch((err: unknown) => {
    current = null;
    throw err;
  });
  return current;
}

/** The manifest changed: read it again, and drop the caches of other builds. */
export async function forgetVm(manifestUrl: string): Promise<void> {
  current = null;
  const { cacheName } = await currentVm(manifestUrl);
  for (const name of await caches.keys()) {
    if (name.startsWith(VM_CACHE_PREFIX) && name !== VM_META_CACHE && name !== cacheName)
      await caches.delete(name);
  }
}

async function readVm(manifestUrl: string): Promise<VmBuild> {
  const meta = await caches.open(VM_META_CACHE);
  let response = await meta.match(manifestUrl);
  if (!response) {
    const fresh = await fetch(manifestUrl, { cache: "no-cache", credentials: "omit" });
    if (!fresh.ok) throw new Error(`VM manifest: HTTP ${fresh.status}`);
    await meta.put(manifestUrl, fresh.clone());
    response = fresh;
  }
  const manifest = (await response.json()) as {
    recipeHash?: unknown;
    files?: { "disk.img"?: { size?: unknown; sha256?: unknown } };
  };
  const recipeHash = manifest.recipeHash;
  const diskBytes = manifest.files?.["disk.img"]?.size;
  const diskSha256 = manifest.files?.["disk.img"]?.sha256;
  if (typeof recipeHash !== "string" || !/^[\w-]{1,64}$/.test(recipeHash))
    throw new Error("VM manifest without a recipeHash");
  if (typeof diskBytes !== "number") throw new Error("VM manifest without disk.img's size");
  if (typeof diskSha256 !== "string" || !/^[0-9a-f]{64}$/.test(diskSha256))
    throw new Error("VM manifest without disk.img's sha256");
  return { recipeHash, cacheName: vmCacheName(recipeHash, diskSha256), diskBytes };
}

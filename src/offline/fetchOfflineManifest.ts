import { parseOfflineManifest, type OfflineManifest } from "./offlineManifest.ts";

/**
 * The VM build's offline manifest (vm/offline.json, beside the disk it was
 * recorded from; docs/offline.md), or null when this build has none: a VM
 * built but never recorded (`npm run offline:record`). Through the service
 * worker, which keeps it network first, so it is there offline too. Throws
 * a readable error for a file that is not an offline manifest.
 */
export async function fetchOfflineManifest(
  vmBase: string,
  fetchFn: typeof fetch = globalThis.fetch.bind(globalThis),
): Promise<OfflineManifest | null> {
  const response = await fetchFn(`${vmBase}offline.json`, {
    cache: "no-cache",
    credentials: "same-origin",
  });
  // Many static hosts answer a missing file with the app's index.html (an
  // SPA fallback): that is "not recorded" too.
  const html = response.headers.get("Content-Type")?.startsWith("text/html");
  if (response.status === 404 || (response.ok && html)) return null;
  if (!response.ok) throw new Error(`vm/offline.json did not load (HTTP ${response.status})`);
  return parseOfflineManifest(await response.json());
}

import { browserPackEnvironment } from "./browserPackEnvironment.ts";
import { downloadPack } from "./downloadPack.ts";
import { parseOfflineManifest } from "./offlineManifest.ts";

/**
 * Register the app's service worker (docs/offline.md) in builds. The dev
 * server has none (`import.meta.hot` is set only there; not
 * `import.meta.env.PROD`, which is false in the e2e tests' builds, made under
 * NODE_ENV=test): a cached app shell would hide the code being edited.
 * Failure only costs offline use, so it is logged, not thrown.
 */
export function registerServiceWorker(
  /** Settles when the sandbox has started: the first visit keeps its start after that. */
  started: Promise<unknown>,
  vmBase = new URL("vm/", document.baseURI).href,
): void {
  if (import.meta.hot || !("serviceWorker" in navigator)) return;
  const container = navigator.serviceWorker;
  if (!container.controller) {
    // First visit: the VM's worker started fetching the snapshot before the
    // service worker took over (clientsClaim), so those fetches were not
    // kept. Keep the start now: the snapshot (from the HTTP cache when the
    // worker's download finished), the BIOSes and the disk chunks every
    // start reads (the offline manifest's base). After the start, so that on
    // a slow network the snapshot is not downloaded twice at once.
    container.addEventListener(
      "controllerchange",
      () => void started.catch(() => {}).then(() => keepStart(vmBase)),
      { once: true },
    );
  }
  container
    .register(new URL("sw.js", document.baseURI))
    .catch((err: unknown) =>
      console.warn(`[offline] no service worker, so no offline use: ${(err as Error).message}`),
    );
}

async function keepStart(vmBase: string): Promise<void> {
  const env = browserPackEnvironment();
  if (!env) return;
  try {
    const { default: data } = await import("../../lessons/offline.json");
    const manifest = parseOfflineManifest(data);
    await downloadPack({ vmBase, manifest: { ...manifest, chapters: {} }, env, persist: false });
  } catch (err) {
    console.warn(
      `[offline] the sandbox's start is not kept offline yet: ${(err as Error).message}`,
    );
  }
}

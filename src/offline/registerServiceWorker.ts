import { browserPackEnvironment } from "./browserPackEnvironment.ts";
import { downloadPack } from "./downloadPack.ts";
import { fetchOfflineManifest } from "./fetchOfflineManifest.ts";

/** How long a first visit waits for the service worker before starting the VM anyway. */
export const CONTROL_WAIT_MS = 15_000;

/**
 * Register the app's service worker (docs/offline.md) in builds. The dev
 * server has none (`import.meta.hot` is set only there; not
 * `import.meta.env.PROD`, which is false in the e2e tests' builds, made under
 * NODE_ENV=test): a cached app shell would hide the code being edited.
 * Failure only costs offline use, so it is logged, not thrown.
 *
 * Resolves when the page is controlled (at once on later visits), or after
 * `waitMs`: a first visit starts the VM then, so that every chunk its worker
 * reads goes through the service worker and is kept. Data read in the guest
 * stays in its page cache, so what is read before control is not read again
 * in that visit. When control comes later than `waitMs`, the start files and
 * the manifest's `base` chunks are fetched again once `started()` settles.
 */
export function registerServiceWorker(
  started: () => Promise<unknown> | null,
  waitMs = CONTROL_WAIT_MS,
  vmBase = new URL("vm/", document.baseURI).href,
): Promise<void> {
  if (import.meta.hot || !("serviceWorker" in navigator)) return Promise.resolve();
  const container = navigator.serviceWorker;
  if (container.controller) {
    register(container);
    return Promise.resolve();
  }
  return new Promise<void>((resolve) => {
    let late = false;
    const since = performance.now();
    const timer = setTimeout(() => {
      late = true;
      console.info(`[offline] no service worker after ${waitMs} ms: the sandbox starts without it`);
      resolve();
    }, waitMs);
    container.addEventListener(
      "controllerchange",
      () => {
        clearTimeout(timer);
        console.info(
          `[offline] service worker in control after ${Math.round(performance.now() - since)} ms`,
        );
        resolve();
        if (late)
          void (started() ?? Promise.resolve()).catch(() => {}).then(() => keepStart(vmBase));
      },
      { once: true },
    );
    register(container, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function register(container: ServiceWorkerContainer, onFailure = () => {}): void {
  container.register(new URL("sw.js", document.baseURI)).catch((err: unknown) => {
    console.warn(`[offline] no service worker, so no offline use: ${(err as Error).message}`);
    onFailure();
  });
}

async function keepStart(vmBase: string): Promise<void> {
  const env = browserPackEnvironment();
  if (!env) return;
  try {
    const manifest = await fetchOfflineManifest(vmBase, env.fetch);
    await downloadPack({
      vmBase,
      manifest: manifest && { ...manifest, chapters: {} },
      env,
      persist: false,
    });
  } catch (err) {
    console.warn(
      `[offline] the sandbox's start is not kept offline yet: ${(err as Error).message}`,
    );
  }
}

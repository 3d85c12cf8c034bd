/**
 * Register the app's service worker (docs/offline.md) in production builds.
 * The dev server has none: a cached app shell would hide the code being
 * edited. Failure only costs offline use, so it is logged, not thrown.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register(new URL("sw.js", document.baseURI))
    .catch((err: unknown) =>
      console.warn(`[offline] no service worker, so no offline use: ${(err as Error).message}`),
    );
}

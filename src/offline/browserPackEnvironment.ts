import type { PackEnvironment } from "./downloadPack.ts";

/** The real browser's APIs, or null where the service worker cannot run. */
export function browserPackEnvironment(): PackEnvironment | null {
  // The dev server (import.meta.hot) has no service worker: registerServiceWorker.ts.
  if (import.meta.hot || !("serviceWorker" in navigator) || !globalThis.caches) return null;
  const container = navigator.serviceWorker;
  return {
    fetch: globalThis.fetch.bind(globalThis),
    caches: globalThis.caches,
    storage: navigator.storage,
    controlled: async () => {
      await container.ready;
      if (container.controller) return;
      // clientsClaim() in the worker: control follows its activation at once.
      await new Promise<void>((resolve) =>
        container.addEventListener("controllerchange", () => resolve(), { once: true }),
      );
    },
  };
}

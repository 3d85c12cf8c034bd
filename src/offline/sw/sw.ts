/// <reference lib="webworker" />
// The app's service worker (docs/offline.md): keeps the app, the VM and the
// disk chunks the learner's VM read, so the app works offline after one
// visit. Built by vite-plugin-pwa (injectManifest) into dist/sw.js; the
// preview origin has its own, unrelated worker (public/preview-sw.js).
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst } from "workbox-strategies";
import { DISK_CHUNK_BYTES } from "../../runtime/v86/diskLoading.ts";
import { VM_META_CACHE } from "../cacheNames.ts";
import { currentVm, forgetVm } from "./currentVm.ts";
import { DiskChunkStrategy } from "./DiskChunkStrategy.ts";

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: (string | { url: string; revision: string | null })[];
};

// A new version takes over at once, and the first visit's page (and its VM
// worker) is controlled without a reload: what it reads is kept from the start.
void self.skipWaiting();
clientsClaim();

// The app shell: index.html, every JS/CSS chunk (Monaco, xterm), v86's wasm.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const scope = self.registration.scope;
const vmBase = new URL("vm/", scope).href;
const manifestUrl = `${vmBase}manifest.json`;
const vm = () => currentVm(manifestUrl);

// The page: from the network when it answers soon (a deployment's new
// version), else the precached index.html.
const pages = new NetworkFirst({ cacheName: "sandbox-pages", networkTimeoutSeconds: 4 });
registerRoute(
  new NavigationRoute(
    async (options) => {
      try {
        return await pages.handle(options);
      } catch {
        return (await matchPrecache("index.html")) ?? Response.error();
      }
    },
    { allowlist: [/^\/(index\.html)?(\?.*)?$/] },
  ),
);

// The VM manifest says which build is current: network first. A new one
// (a new recipeHash) retires the caches of older builds.
registerRoute(
  ({ url }) => url.href === manifestUrl,
  new NetworkFirst({
    cacheName: VM_META_CACHE,
    networkTimeoutSeconds: 4,
    plugins: [{ cacheDidUpdate: () => forgetVm(manifestUrl) }],
  }),
);

// Which disk chunks the course's lessons read (recorded for this build, when
// it was): network first too, so the chapter keeper and "Make available
// offline" find it offline.
registerRoute(
  ({ url }) => url.href === `${vmBase}offline.json`,
  new NetworkFirst({ cacheName: VM_META_CACHE, networkTimeoutSeconds: 4 }),
);

// The lazy disk: one cache entry per 256 KiB chunk, as read.
registerRoute(
  ({ url }) => url.href === `${vmBase}disk.img`,
  new DiskChunkStrategy(vm, DISK_CHUNK_BYTES),
);

// BIOS files and the ready snapshot: cache first, in the current build's cache.
const vmFiles = new Map<string, CacheFirst>();
registerRoute(
  ({ url }) =>
    /^(bios\.bin|vgabios\.bin|state\.bin\.zst)$/.test(url.href.slice(vmBase.length)) &&
    url.href.startsWith(vmBase),
  async (options) => {
    const { cacheName } = await vm();
    let strategy = vmFiles.get(cacheName);
    if (!strategy) vmFiles.set(cacheName, (strategy = new CacheFirst({ cacheName })));
    return strategy.handle(options);
  },
);

import { copyFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { PluginOption } from "vite";
import { VitePWA } from "vite-plugin-pwa";

/** The web app manifest and its icons (public/ is not copied into builds: see vite.config.ts). */
const INSTALL_FILES = [
  "manifest.webmanifest",
  "icons/icon.svg",
  "icons/icon-192.png",
  "icons/icon-512.png",
];

/**
 * Offline support for builds (docs/offline.md): the app's service worker
 * (src/offline/sw/sw.ts) built by vite-plugin-pwa with Workbox, its precache
 * list injected from the build output, and the installable app's manifest.
 * Dev servers get no service worker (src/offline/registerServiceWorker.ts
 * registers it in production builds only), so a reload always shows the
 * edited code.
 */
export function offlineSupport(): PluginOption[] {
  return [
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src/offline/sw",
      filename: "sw.ts",
      injectRegister: false,
      manifest: false,
      injectManifest: {
        // The app shell: pages, every chunk (Monaco, xterm), v86's wasm,
        // fonts, icons. Not the VM (dist/vm links to public/vm and its 4 GiB
        // disk): the service worker caches it per build as it is read.
        globPatterns: ["**/*.{js,css,html,wasm,ttf,svg,png,webmanifest}"],
        globIgnores: ["vm/**", "sw.js", "preview-sw.js", "preview.html", "**/*.map"],
        // Monaco's core is 2.7 MB, v86's wasm 2.1 MB.
        maximumFileSizeToCacheInBytes: 8 * 2 ** 20,
      },
    }),
    {
      name: "offline-install-files",
      apply: "build",
      writeBundle(options) {
        const dist = resolve(options.dir ?? "dist");
        for (const file of INSTALL_FILES) {
          mkdirSync(resolve(dist, file, ".."), { recursive: true });
          copyFileSync(resolve("public", file), resolve(dist, file));
        }
      },
    },
  ];
}

import { defineConfig, type Plugin } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { relative, resolve } from "node:path";
import type { TLSSocket } from "node:tls";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { appOriginFor, configuredOrigin, previewOriginFor } from "./src/preview/previewUrl.ts";
import {
  appPolicy,
  COMMON_HEADERS,
  embedMetaPolicy,
  embedPolicy,
  headersFile,
  headersFor,
  originList,
  rosterPolicy,
  viewerAncestors,
  viewerPolicy,
  type SiteOrigins,
} from "./src/preview/securityHeaders.ts";
import { embedLoader } from "./src/embed/host/vitePlugin.ts";
import { offlineSupport } from "./src/offline/vitePlugin.ts";

/**
 * public/vm holds a 4 GiB sparse disk image: Vite must not copy it into dist/
 * (the copy would not be sparse). The dev server serves public/ (with HTTP
 * Range support); a build links dist/vm to it instead. To deploy, copy
 * public/vm next to the site with `cp -r --sparse=always`.
 */
function linkVmAssets(): Plugin {
  return {
    name: "link-vm-assets",
    apply: "build",
    writeBundle(options) {
      const dist = resolve(options.dir ?? "dist");
      mkdirSync(dist, { recursive: true });
      const link = resolve(dist, "vm");
      // Relative to where dist really is: reached through a symlink (a
      // node_modules/.cache shared by worktrees), a lexical path would point
      // at another checkout's public/vm.
      const vm = resolve("public/vm");
      const target = relative(realpathSync(dist), existsSync(vm) ? realpathSync(vm) : vm);
      if (!existsSync(link)) symlinkSync(target, link, "dir");
      // The preview's Service Worker must keep its fixed URL (its scope is "/").
      copyFileSync(resolve("public/preview-sw.js"), resolve(dist, "preview-sw.js"));
    },
  };
}

/**
 * Serve the site as a good static host would. v86's 2.1 MB wasm goes out
 * precompressed (brotli 0.28 MB, gzip 0.40 MB: written next to it at build
 * time), which `vite preview` would send as is; the VM's files, already zstd
 * or raw disk, are not gzipped again on every request (their types are unknown
 * to the preview server, which then treats them as text). To deploy, serve the
 * `.br`/`.gz` siblings with Content-Encoding, or let the host compress wasm.
 */
function compressedAssets(): Plugin {
  let outDir = "dist";
  return {
    name: "compressed-assets",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    writeBundle(options, bundle) {
      const dir = resolve(options.dir ?? outDir);
      for (const name of Object.keys(bundle).filter((n) => n.endsWith(".wasm"))) {
        const data = readFileSync(resolve(dir, name));
        writeFileSync(resolve(dir, `${name}.gz`), gzipSync(data, { level: 9 }));
        writeFileSync(
          resolve(dir, `${name}.br`),
          brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "").split("?")[0] ?? "";
        if (path.endsWith(".wasm")) {
          const accept = String(req.headers["accept-encoding"] ?? "");
          const variant = [
            ["br", ".br"],
            ["gzip", ".gz"],
          ].find(
            ([enc, ext]) => accept.includes(enc!) && existsSync(resolve(outDir, `.${path}${ext}`)),
          );
          // sirv then serves the sibling with its Content-Encoding and the wasm type.
          if (variant) req.url = `${path}${variant[1]}`;
          res.setHeader("Vary", "Accept-Encoding");
        } else if (/^\/vm\/.*\.(zst|img|bin)$/.test(path)) {
          res.setHeader("Content-Type", "application/octet-stream");
        }
        next();
      });
    },
  };
}

/** Requests that arrived on the preview origin's port (previewOriginServer). */
const onPreviewPort = new WeakSet<IncomingMessage>();

/**
 * The live preview's origin: the same site on the next port (5173 → 5174),
 * served by the same middleware (src/preview/previewUrl.ts explains why a
 * second origin, and why same-site). Dev server and `vite preview` alike.
 */
function previewOriginServer(): Plugin {
  const listenNext = (server: Server | null, app: RequestListener, log: (m: string) => void) => {
    server?.once("listening", () => {
      const { port, address } = server.address() as AddressInfo;
      const extra = createServer((req, res) => {
        onPreviewPort.add(req);
        app(req, res);
      });
      extra.on("error", (err) =>
        log(`live preview unavailable: port ${port + 1} (${err.message})`),
      );
      extra.listen(port + 1, address);
      server.once("close", () => extra.close());
    });
  };
  return {
    name: "preview-origin-server",
    configureServer(server) {
      listenNext(
        server.httpServer as Server | null,
        server.middlewares as unknown as RequestListener,
        (m) => server.config.logger.warn(m),
      );
    },
    configurePreviewServer(server) {
      listenNext(
        server.httpServer as Server,
        server.middlewares as unknown as RequestListener,
        (m) => server.config.logger.warn(m),
      );
    },
  };
}

/**
 * The security headers of docs/deploy.md (src/preview/securityHeaders.ts).
 * The dev server sends them itself, by origin: the app's port, or the
 * preview's next one. A build writes dist/_headers for static hosts and, for
 * hosts that cannot set headers, each page's policy into a <meta> tag (which
 * cannot carry frame-ancestors). `vite preview` serves dist/_headers as such a
 * host would, so tests see what a deployment sends.
 */
function securityHeaders(): Plugin {
  let origins: SiteOrigins = { preview: null, app: null, connect: [] };
  let outDir = "dist";
  return {
    name: "security-headers",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      origins = {
        preview: configuredOrigin(config.env.VITE_PREVIEW_ORIGIN),
        app: configuredOrigin(config.env.VITE_APP_ORIGIN),
        connect: [
          ...originList(config.env.VITE_VM_ORIGIN),
          ...originList(config.env.VITE_LESSON_ORIGINS),
        ],
        embed: originList(config.env.VITE_EMBED_ORIGINS),
        lessonsFromAnywhere: !config.env.VITE_LESSON_ORIGINS,
      };
      if (config.command === "build" && config.isProduction && !(origins.preview && origins.app))
        config.logger.warn(
          "No live preview in this build: set VITE_PREVIEW_ORIGIN and VITE_APP_ORIGIN (docs/deploy.md).",
        );
    },
    transformIndexHtml(_html, ctx) {
      if (ctx.server) return; // the dev server sends headers instead
      const policy = {
        "/index.html": appPolicy(origins),
        "/preview.html": viewerPolicy(),
        // The embed widget's frame: the app's policy; frame-ancestors only in _headers.
        "/embed.html": embedMetaPolicy(origins),
        "/roster.html": rosterPolicy(),
      }[ctx.path];
      if (!policy) return;
      return [
        {
          tag: "meta",
          attrs: { "http-equiv": "Content-Security-Policy", content: policy },
          // Before any script or stylesheet: a <meta> policy covers only what follows it.
          injectTo: "head-prepend",
        },
      ];
    },
    generateBundle() {
      this.emitFile({ type: "asset", fileName: "_headers", source: headersFile(origins) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const scheme = (req.socket as TLSSocket).encrypted ? "https:" : "http:";
        const here = new URL(`${scheme}//${req.headers.host ?? "localhost"}`);
        // The next port, or a configured preview origin this server also answers for.
        const preview = onPreviewPort.has(req) || here.origin === origins.preview;
        const dev: SiteOrigins = {
          preview: origins.preview ?? (preview ? here.origin : previewOriginFor(here)),
          app: origins.app ?? (preview ? appOriginFor(here) : here.origin),
          connect: origins.connect,
          embed: origins.embed,
          lessonsFromAnywhere: origins.lessonsFromAnywhere,
        };
        const path = (req.url ?? "").split("?")[0];
        for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
        res.setHeader(
          "Content-Security-Policy",
          preview
            ? `${viewerPolicy({ dev: true })}; ${viewerAncestors(dev)}`
            : path === "/embed.html"
              ? embedPolicy(dev, { dev: true })
              : path === "/roster.html"
                ? `${rosterPolicy({ dev: true })}; frame-ancestors 'none'`
                : appPolicy(dev, { dev: true }),
        );
        next();
      });
    },
    configurePreviewServer(server) {
      const file = resolve(outDir, "_headers");
      const rules = existsSync(file) ? readFileSync(file, "utf8") : "";
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? "").split("?")[0] ?? "";
        for (const [name, value] of headersFor(rules, path)) res.setHeader(name, value);
        next();
      });
    },
  };
}

// One config for the app (vite dev/build) and the test runner (vitest).
// Test projects: "unit" is fast and VM-free; "vm" restores the real guest
// snapshot and runs serially (one emulator at a time keeps timings sane).
export default defineConfig({
  plugins: [
    svelte(),
    linkVmAssets(),
    securityHeaders(),
    compressedAssets(),
    previewOriginServer(),
    // dist/embed.js and the dev server's /embed.js: the loader of embeddable widgets (issue 16).
    embedLoader(),
    // dist/sw.js (Workbox), the web app manifest and icons: docs/offline.md.
    offlineSupport(),
  ],
  worker: { format: "es" },
  resolve: {
    // monaco-yaml's worker (through monaco-worker-manager) imports Monaco's
    // worker bootstrap by its path before monaco-editor 0.55, which the
    // package's exports map no longer serves (src/editor/yaml.worker.ts).
    alias: {
      "monaco-editor/esm/vs/editor/editor.worker.js": "monaco-editor/editor/editor.worker",
    },
  },
  server: { port: 5173, strictPort: false },
  build: {
    target: "es2022",
    sourcemap: true,
    copyPublicDir: false,
    // Monaco's core is one ~2.7 MB chunk, loaded lazily when the editor
    // mounts (docs/architecture.md); v86's wasm loader is in the worker.
    chunkSizeWarningLimit: 3000,
    // Three pages: the app, the live preview's viewer (served on the
    // preview origin; docs/preview.md), and the embeddable widget's frame
    // (issue 16; host pages load it through dist/embed.js).
    rollupOptions: {
      input: {
        main: resolve("index.html"),
        preview: resolve("preview.html"),
        embed: resolve("embed.html"),
        // The instructor's roster of progress receipts (issue 17; docs/receipts.md).
        roster: resolve("roster.html"),
      },
    },
  },
  preview: { port: 4173 },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.vm.test.ts", "test/**/*.lessons.test.ts", "test/e2e/**"],
          environment: "node",
          // Not vitest's 5 s: the suite runs beside the VM build (scripts/test.mjs),
          // and on a fresh clone, beside a rebuild, a site build, a 64 MiB gzip and
          // a child `npm run vm` took longer than that (2026-12-07: the suite took
          // 417 s instead of 94, three tests timed out). No test here times anything.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "vm",
          include: ["test/**/*.vm.test.ts"],
          environment: "node",
          testTimeout: 300_000,
          hookTimeout: 600_000,
          // Two files at a time: each emulator is single-threaded, CI has 2
          // cores, and CI's 90 minutes must hold a VM rebuild too.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          // Every lesson's self-test on the real VM: two files, one emulator
          // each, in parallel (v86 is single-threaded; CI has 2 cores).
          name: "lessons",
          include: ["test/lessons/*.lessons.test.ts"],
          environment: "node",
          testTimeout: 1_800_000,
          hookTimeout: 600_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.test.ts"],
          environment: "node",
          // A first `docker run` in the browser takes ~1 min on an idle
          // 2-core machine and several on a loaded one (docs/performance.md).
          testTimeout: 600_000,
          hookTimeout: 300_000,
          // One file at a time. Two at a time (each with its own built site,
          // serveBuiltSite) was tried on 2026-12-06: two Chromiums with a VM
          // each on 2 cores made app.e2e take 1901 s and 7 tests in three
          // files ran out of time, where one at a time all pass.
          fileParallelism: false,
        },
      },
    ],
  },
});

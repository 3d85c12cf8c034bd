/**
 * Headless Chromium and the production site, for the e2e tests and the
 * benchmark. Debian's chromium (no browser downloads on these machines),
 * driven by playwright-core.
 */
import { execFileSync } from "node:child_process";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { preview, type PreviewServer } from "vite";
import { CHROMIUM_FLAGS } from "./plainBrowser.ts";

export const ROOT = resolve(import.meta.dirname, "../..");

/** Debian's Chromium, headless (Playwright gives it a fresh profile), with the flags these machines need (no network to Google). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      ...CHROMIUM_FLAGS,
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
      ...E2E_V8_FLAGS,
    ],
  });
}

/**
 * The e2e tests check behaviour, not speed, and run V8's baseline wasm tier
 * only (Liftoff): v86 compiles the guest's hot code into many small wasm
 * modules, and optimizing each with TurboFan on a 2-core machine took CPU
 * from the emulator. Measured under Playwright (docs/performance.md, "CI
 * time", e2e): `docker run --rm busybox true` 43.2 s → 8.0 s, busy
 * loop 5.3 → 3.0 s. Learners' browsers keep the default tiers, and the bench
 * and plainBrowser.e2e time those; SANDBOX_E2E_TURBOFAN=1 turns this off.
 */
const E2E_V8_FLAGS = process.env.SANDBOX_E2E_TURBOFAN === "1" ? [] : ["--js-flags=--liftoff-only"];

/**
 * Build the production site for tests and serve it statically (vite
 * preview: plain files, HTTP Range, gzip for text and dist/_headers, as a
 * static host would), with the live preview on the next port. A production
 * build must name both origins (docs/deploy.md), so the ports are chosen
 * first. The build exposes `globalThis.app` to the tests (VITE_EXPOSE_APP).
 * `bytesSent()` is every byte the server has written to any socket so far,
 * headers included: what a visitor downloads, whichever page or worker
 * fetched it. `extraEnv`: more build-time settings (e.g. VITE_LESSON_ORIGINS).
 */
export async function serveBuiltSite(extraEnv: Record<string, string> = {}): Promise<{
  url: string;
  /** The built site's folder. */
  dir: string;
  close: () => Promise<void>;
  bytesSent: () => number;
}> {
  const host = "127.0.0.1";
  const port = await freePortPair(host);
  // SANDBOX_E2E_OUT_DIR: build elsewhere than dist/, so two test runs on one
  // machine do not overwrite each other's site. Under Vitest, each worker
  // (the e2e files run two at a time) builds into its own folder.
  const pool = process.env.VITEST_POOL_ID;
  const outDir =
    process.env.SANDBOX_E2E_OUT_DIR ??
    (pool ? join(ROOT, "node_modules", ".cache", "e2e-site", pool) : undefined);
  const outArgs = outDir ? ["--outDir", outDir, "--emptyOutDir"] : [];
  execFileSync("npx", ["--no-install", "vite", "build", "--logLevel", "warn", ...outArgs], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      VITE_APP_ORIGIN: `http://${host}:${port}`,
      VITE_PREVIEW_ORIGIN: `http://${host}:${port + 1}`,
      VITE_EXPOSE_APP: "1",
      ...extraEnv,
    },
  });
  const server: PreviewServer = await preview({
    root: ROOT,
    ...(outDir ? { build: { outDir } } : {}),
    preview: { port, strictPort: true, host },
    logLevel: "warn",
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview did not report a URL");
  return {
    url,
    dir: outDir ?? join(ROOT, "dist"),
    close: () => server.close(),
    bytesSent: countBytesSent(server.httpServer),
  };
}

/** A port that is free on `host`, and so is the next one (for the preview origin). */
async function freePortPair(host: string): Promise<number> {
  const listen = (port: number) =>
    new Promise<number | null>((resolvePort) => {
      const probe = createServer();
      probe.once("error", () => resolvePort(null));
      probe.listen(port, host, () => {
        const { port: bound } = probe.address() as AddressInfo;
        probe.close(() => resolvePort(bound));
      });
    });
  for (;;) {
    const port = await listen(0);
    if (port !== null && port < 65535 && (await listen(port + 1)) !== null) return port;
  }
}

/**
 * Every byte `server` has written to any socket so far, headers included:
 * what a visitor downloads, whichever page or worker fetched it.
 */
export function countBytesSent(server: {
  on(event: "connection", listener: (socket: Socket) => void): unknown;
}): () => number {
  const open = new Set<Socket>();
  let closedBytes = 0;
  server.on("connection", (socket: Socket) => {
    open.add(socket);
    socket.on("close", () => {
      open.delete(socket);
      closedBytes += socket.bytesWritten;
    });
  });
  return () => [...open].reduce((sum, s) => sum + s.bytesWritten, closedBytes);
}

/** The learner's prompt in the terminal: the page is usable once it shows. */
export const PROMPT = "root@sandbox:/workspace#";

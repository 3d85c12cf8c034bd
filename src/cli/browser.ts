/**
 * Headless Chromium and the production site, for the e2e tests and the
 * benchmark. Debian's chromium (no browser downloads on these machines),
 * driven by playwright-core.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
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
  // SANDBOX_E2E_OUT_DIR: build elsewhere than dist/, so two test runs on one
  // machine do not overwrite each other's site. Under Vitest, the e2e files
  // of one run share builds (one takes about 20 s; most files use the
  // default settings). A build names its origins, so its folder is named by
  // its settings and port: a later file reuses it when those ports are free
  // (the file that served it has closed), and builds anew beside it when not.
  const runDir =
    !process.env.SANDBOX_E2E_OUT_DIR && process.env.VITEST ? vitestRunDir() : undefined;
  const prefix = `${settingsKey(extraEnv)}-port`;
  const built = runDir ? await reusableBuild(runDir, prefix, host) : undefined;
  const port = built ?? (await freePortPair(host));
  const outDir = runDir ? join(runDir, `${prefix}${port}`) : process.env.SANDBOX_E2E_OUT_DIR;
  if (built === undefined) {
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
    if (runDir) writeFileSync(join(outDir!, BUILD_DONE), "");
  }
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

/** Bind `port` (0: any) on `host` and let go; the port bound, or null if it is taken. */
function probePort(host: string, port: number): Promise<number | null> {
  return new Promise<number | null>((resolvePort) => {
    const probe = createServer();
    probe.once("error", () => resolvePort(null));
    probe.listen(port, host, () => {
      const { port: bound } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(bound));
    });
  });
}

const portFree = async (host: string, port: number) => (await probePort(host, port)) !== null;

/** A port that is free on `host`, and so is the next one (for the preview origin). */
async function freePortPair(host: string): Promise<number> {
  for (;;) {
    const port = await probePort(host, 0);
    if (port !== null && port < 65535 && (await portFree(host, port + 1))) return port;
  }
}

/**
 * This Vitest run's folder of site builds. Test files run in child processes
 * of the run's main process, so its pid and start time name the run: a new
 * run never reuses an older run's build (the code may have changed since).
 * Folders of runs older than a day are removed.
 */
function vitestRunDir(): string {
  const root = join(ROOT, "node_modules", ".cache", "e2e-site");
  const dir = join(root, `run-${process.ppid}-${processStart(process.ppid)}`);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(root)) {
      const old = join(root, name);
      if (old !== dir && Date.now() - statSync(old).mtimeMs > 86_400_000)
        rmSync(old, { recursive: true, force: true });
    }
  }
  return dir;
}

/**
 * When process `pid` started (clock ticks after boot, from /proc), so that a
 * later run whose main process gets the same pid is not taken for this one;
 * "" where /proc is not there.
 */
function processStart(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22, counted after the command name's closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
  } catch {
    return "";
  }
}

/** Written into a run's build folder once its build has finished. */
const BUILD_DONE = ".e2e-build-done";

/** The origin port of a finished build in `runDir` named `prefix<port>` whose two ports are free now. */
async function reusableBuild(
  runDir: string,
  prefix: string,
  host: string,
): Promise<number | undefined> {
  for (const name of readdirSync(runDir)) {
    const port = Number(name.slice(prefix.length));
    if (!name.startsWith(prefix) || !existsSync(join(runDir, name, BUILD_DONE))) continue;
    if ((await portFree(host, port)) && (await portFree(host, port + 1))) return port;
  }
  return undefined;
}

/** A folder name for a set of build-time settings. */
function settingsKey(env: Record<string, string>): string {
  const text = JSON.stringify(Object.entries(env).sort(([a], [b]) => a.localeCompare(b)));
  return `site-${createHash("sha256").update(text).digest("hex").slice(0, 12)}`;
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

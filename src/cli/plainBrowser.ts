/**
 * A browser started as a learner's would be: a plain process with a fresh
 * profile and no remote-debugging session, so timings come from pages started
 * this way and reporting back over HTTP (benchServer.ts), never from
 * Playwright. An enabled debugger slows WebAssembly about 1.5×; Playwright's
 * own session did not measurably (docs/performance.md, "CI time"), but the
 * e2e suite also changes V8's tiers (browser.ts), and nothing attached is the
 * only setup that is surely a learner's.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type BrowserName = "chromium" | "firefox";

/** Headless Chromium as these machines need it: no sandbox as root, no GPU, no calls home (no network beyond the package mirrors). */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

const EXECUTABLES: Record<BrowserName, string> = {
  chromium: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  firefox: process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr",
};

/** Whether that browser is installed here (Firefox is optional). */
export function hasBrowser(name: BrowserName): boolean {
  return spawnSync(EXECUTABLES[name], ["--version"], { stdio: "ignore" }).status === 0;
}

/** The browser's version line, for the bench's record of the machine. */
export function browserVersion(name: BrowserName): string {
  const r = spawnSync(EXECUTABLES[name], ["--version"], { encoding: "utf8" });
  // "Chromium 150.0.7871.100 built on Debian …" → "Chromium 150.0.7871.100"
  const line = (r.stdout ?? "").trim().split("\n").pop() ?? "";
  return line.replace(/ built on .*$/, "").replace(/^Mozilla /, "");
}

export interface PlainBrowser {
  /** Kill the browser and delete its profile. */
  close(): Promise<void>;
  /** Resolves when the browser process ends by itself (a crash). */
  exited: Promise<number | null>;
}

/** Open `url` in a fresh headless browser (nothing cached, nothing attached). */
export function openPlainBrowser(name: BrowserName, url: string): PlainBrowser {
  const profile = mkdtempSync(join(tmpdir(), `sandbox-bench-${name}-`));
  let child: ChildProcess;
  if (name === "chromium") {
    child = spawn(
      EXECUTABLES.chromium,
      [...CHROMIUM_FLAGS, "--window-size=1400,900", `--user-data-dir=${profile}`, url],
      { stdio: "ignore", detached: true },
    );
  } else {
    // A fresh profile that does not phone home (these machines have no
    // network beyond the package mirrors).
    writeFileSync(
      join(profile, "user.js"),
      [
        'user_pref("browser.shell.checkDefaultBrowser", false);',
        'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
        'user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);',
        'user_pref("app.update.enabled", false);',
        'user_pref("network.captive-portal-service.enabled", false);',
        'user_pref("browser.startup.homepage_override.mstone", "ignore");',
      ].join("\n"),
    );
    child = spawn(
      EXECUTABLES.firefox,
      ["--headless", "--no-remote", "--profile", profile, "--window-size=1400,900", url],
      {
        stdio: "ignore",
        detached: true,
        env: { ...process.env, MOZ_DISABLE_AUTO_SAFE_MODE: "1" },
      },
    );
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    exited,
    async close() {
      // The browser's helper processes share its process group (detached
      // above): end them all, or they keep writing into the profile.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      if (child.exitCode === null && child.signalCode === null) await exited;
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

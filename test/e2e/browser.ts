import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { preview, type PreviewServer } from "vite";

export const ROOT = resolve(import.meta.dirname, "../..");
export const ARTIFACTS = join(ROOT, "test-results", "e2e");

/** Debian's Chromium, headless (Playwright gives it a fresh profile), with the flags these machines need (no network to Google). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--disable-background-timer-throttling",
      "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows",
    ],
  });
}

/** Build the production site once and serve it statically (vite preview: plain files + HTTP Range). */
export async function serveBuiltSite(): Promise<{ url: string; close: () => Promise<void> }> {
  execFileSync("npx", ["--no-install", "vite", "build", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  const server: PreviewServer = await preview({
    root: ROOT,
    preview: { port: 0, host: "127.0.0.1" },
    logLevel: "warn",
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("vite preview did not report a URL");
  return { url, close: () => server.close() };
}

/** Collect the page's console so a failing test says what the page said. */
export function recordConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on("console", (m) => lines.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => lines.push(`[pageerror] ${e.message}`));
  mkdirSync(ARTIFACTS, { recursive: true });
  return lines;
}

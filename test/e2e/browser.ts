import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../../src/cli/browser.ts";

export { launchChromium, serveBuiltSite } from "../../src/cli/browser.ts";
export const ARTIFACTS = join(ROOT, "test-results", "e2e");

/** Collect the page's console so a failing test says what the page said. */
export function recordConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on("console", (m) => lines.push(`[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => lines.push(`[pageerror] ${e.message}`));
  mkdirSync(ARTIFACTS, { recursive: true });
  return lines;
}

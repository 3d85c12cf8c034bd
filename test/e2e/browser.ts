import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium, PROMPT, ROOT, serveBuiltSite } from "../../src/cli/browser.ts";
import { waitForTerminal } from "../../src/cli/terminalPage.ts";

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

/**
 * Wait until the app's sandbox is ready and its terminal shows the prompt;
 * a timeout says what the page's console said (`log`, from recordConsole).
 */
export async function waitReady(page: Page, log: string[]): Promise<void> {
  await page
    .waitForSelector('.status[data-status="ready"]', { timeout: 240_000 })
    .catch((err: Error) => {
      throw new Error(`${err.message}\npage console:\n${log.join("\n")}`);
    });
  await waitForTerminal(page, PROMPT);
}

/**
 * The built site and a Chromium for one test file: started before its tests,
 * closed after them. Read `site` and `browser` inside tests and hooks.
 * `prepare` runs first and returns build-time settings for the site.
 */
export function useSiteAndChromium(prepare?: () => Promise<Record<string, string>>): {
  readonly site: Awaited<ReturnType<typeof serveBuiltSite>>;
  readonly browser: Browser;
} {
  const held = {} as {
    site: Awaited<ReturnType<typeof serveBuiltSite>>;
    browser: Browser;
  };
  beforeAll(async () => {
    held.site = await serveBuiltSite((await prepare?.()) ?? {});
    held.browser = await launchChromium();
  });
  afterAll(async () => {
    await held.browser?.close();
    await held.site?.close();
  });
  return held;
}

/**
 * The app's terminal as a learner uses it, from Playwright: read its rows,
 * wait for text, type. Shared by the e2e tests and the browser benchmark.
 */
import type { Page } from "playwright-core";

/** The visible rows of the active xterm, trimmed. */
export function terminalText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".terminal-view:not([hidden]) .xterm-rows > div")].map(
      (r) => r.textContent?.trim() ?? "",
    ),
  );
}

/** Wait until the active terminal shows `text` (e.g. the shell prompt). */
export async function waitForTerminal(page: Page, text: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (t) =>
      (
        document.querySelector(".terminal-view:not([hidden]) .xterm-rows")?.textContent ?? ""
      ).includes(t),
    text,
    { timeout },
  );
}

/** Type into the active terminal as the learner would. */
export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.locator(".terminal-view:not([hidden]) .xterm-helper-textarea").focus();
  await page.keyboard.type(text);
}

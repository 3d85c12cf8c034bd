/**
 * The app's terminal as a learner uses it, from Playwright: read its rows,
 * wait for text, type. Shared by the e2e tests and the browser benchmark.
 */
import type { Frame, Page } from "playwright-core";

/** A page, or a frame in it (an embedded widget): both can be read and typed into. */
type Surface = Page | Frame;

/** The visible rows of the active xterm, trimmed. */
export function terminalText(page: Surface): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".terminal-view:not([hidden]) .xterm-rows > div")].map(
      (r) => r.textContent?.trim() ?? "",
    ),
  );
}

/** Wait until the active terminal shows `text` (e.g. the shell prompt). */
export async function waitForTerminal(
  page: Surface,
  text: string,
  timeout = 60_000,
): Promise<void> {
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
export async function typeInTerminal(page: Surface, text: string): Promise<void> {
  // Focus, then key by key as a keyboard would: the same on a page and in a frame.
  await page.locator(".terminal-view:not([hidden]) .xterm-helper-textarea").pressSequentially(text);
}

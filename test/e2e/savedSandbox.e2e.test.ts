// The sandbox survives a reload and travels as a file, in real Chromium on the
// production build: an image and a container made before a reload are there
// after it, and a downloaded sandbox opened in a fresh browser profile (an
// instructor's) has the learner's container running.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { terminalText, typeInTerminal } from "../../src/cli/terminalPage.ts";
import { recordConsole, useSiteAndChromium, waitReady } from "./browser.ts";

const held = useSiteAndChromium();

/** Type a command and wait until a line of its output is exactly `expected`. */
async function runUntil(page: Page, command: string, expected: string): Promise<void> {
  await typeInTerminal(page, `${command}\n`);
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if ((await terminalText(page)).some((line) => line.trim() === expected)) return;
    await page.waitForTimeout(500);
  }
  throw new Error(
    `no line "${expected}" after: ${command}\n${(await terminalText(page)).join("\n")}`,
  );
}

/** What the Sandbox menu says (its messages explain a failed save). */
function menuText(page: Page): Promise<string> {
  return page
    .locator("details.menu .menu-body")
    .allTextContents()
    .then((t) => t.join(" | "));
}

async function openSandboxMenu(page: Page): Promise<void> {
  const menu = page.locator("details.menu", {
    has: page.locator("summary", { hasText: "Sandbox" }),
  });
  if (!(await menu.getAttribute("open"))) await menu.locator("summary").click();
}

describe("a sandbox kept across a reload and opened from a file", () => {
  let learner: BrowserContext;
  let page: Page;
  let log: string[];
  let downloaded: string;

  beforeAll(async () => {
    learner = await held.browser.newContext({ viewport: { width: 1366, height: 800 } });
    page = await learner.newPage();
    log = recordConsole(page);
    await page.goto(held.site.url);
    await waitReady(page, log);
  });
  afterAll(async () => {
    await learner?.close();
  });

  it("brings back an image and a running container after a reload", async () => {
    await runUntil(
      page,
      "printf 'FROM busybox\\nLABEL kept=yes\\n' | docker build -q -t kept:1 - >/dev/null && docker run -d --name keeper kept:1 sleep 100000 >/dev/null && echo made-$((40+2))",
      "made-42",
    );
    await openSandboxMenu(page);
    await page.getByRole("button", { name: "Save sandbox" }).click();
    await page
      .getByText(/^Saved in this browser/)
      .waitFor({ timeout: 240_000 })
      .catch(async (err: Error) => {
        throw new Error(`${err.message}\nmenu: ${await menuText(page)}\n${log.join("\n")}`);
      });

    await page.reload();
    await waitReady(page, log);
    await page
      .getByText(/is back: images, containers, volumes/)
      .waitFor({ timeout: 60_000 })
      .catch(async (err: Error) => {
        const note = await page.locator(".note").allTextContents();
        throw new Error(`${err.message}\nnote: ${note.join(" | ")}\n${log.join("\n")}`);
      });
    await runUntil(
      page,
      "docker image inspect -f 'label={{.Config.Labels.kept}}' kept:1; docker inspect -f 'running={{.State.Running}}' keeper",
      "running=true",
    );
    expect(await terminalText(page)).toContain("label=yes");
  }, 1_200_000);

  it("downloads the sandbox, and a fresh profile opens it with the container running", async () => {
    await openSandboxMenu(page);
    await page.getByRole("button", { name: "Download sandbox" }).click();
    const link = page.getByRole("link", { name: /^Save docker-sandbox-.*\.dsandbox$/ });
    await link.waitFor({ timeout: 240_000 }).catch(async (err: Error) => {
      throw new Error(`${err.message}\nmenu: ${await menuText(page)}\n${log.join("\n")}`);
    });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^docker-sandbox-.*\.dsandbox$/);
    // Under its own name: Playwright's temporary copy has a random one, and
    // the app names the file it opened.
    downloaded = join(mkdtempSync(join(tmpdir(), "dsandbox-")), download.suggestedFilename());
    await download.saveAs(downloaded);

    const instructor = await held.browser.newContext({ viewport: { width: 1366, height: 800 } });
    try {
      const other = await instructor.newPage();
      const otherLog = recordConsole(other);
      await other.goto(held.site.url);
      await waitReady(other, otherLog);
      await openSandboxMenu(other);
      other.once("dialog", (dialog) => void dialog.accept());
      await other.locator('input[type="file"][accept*=".dsandbox"]').setInputFiles(downloaded);
      await other.getByText(/^Opened docker-sandbox-/).waitFor({ timeout: 600_000 });
      await waitReady(other, otherLog);
      await runUntil(
        other,
        "docker image inspect -f 'label={{.Config.Labels.kept}}' kept:1; docker inspect -f 'running={{.State.Running}}' keeper",
        "running=true",
      );
      expect(await terminalText(other)).toContain("label=yes");
    } finally {
      await instructor.close();
    }
  }, 1_200_000);
});

// Progress the instructor can see (issue 17): in the built app a learner
// passes the welcome lesson's first step on the real VM, exports a progress
// receipt under their name and shows it as a QR code; the instructor's
// roster takes the file and shows that learner with that step passed, its
// CSV export has it, and the QR code's link opens a roster (in another
// browser profile) with the same learner.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typeInTerminal } from "../../src/cli/terminalPage.ts";
import { parseReceipt } from "../../src/receipts/parseReceipt.ts";
import { ARTIFACTS, recordConsole, useSiteAndChromium, waitReady } from "./browser.ts";

const env = useSiteAndChromium();
const LEARNER = "Ada E2E";
const STEP = "welcome/first-container";

describe("a progress receipt, from the app to the roster", () => {
  let app: Page;
  let log: string[];
  let receiptPath = "";
  let qrLink = "";

  beforeAll(async () => {
    app = await env.browser.newPage({ viewport: { width: 1366, height: 800 } });
    log = recordConsole(app);
    await app.goto(`${env.site.url}?fresh`);
    await waitReady(app, log);
  });
  afterAll(() => app?.close());

  it("exports a receipt naming the learner, with the step the VM passed and what the check saw", async () => {
    await typeInTerminal(app, "clear; docker run -d --name web -p 4000:80 nginx\n");
    await app
      .locator('.step[data-step="first-container"][data-status="passed"]')
      .waitFor({ timeout: 400_000 })
      .catch((err: Error) => {
        throw new Error(`${err.message}\npage console:\n${log.join("\n")}`);
      });
    await app.locator("summary", { hasText: "Progress" }).click();
    await app.getByLabel("Your name (optional)").fill(LEARNER);
    const [download] = await Promise.all([
      app.waitForEvent("download"),
      app.getByRole("button", { name: "Export progress receipt" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Ada-E2E-progress.json");
    receiptPath = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(receiptPath);
    const receipt = parseReceipt(await readFile(receiptPath, "utf8"));
    expect(receipt.learner).toBe(LEARNER);
    expect(receipt.course.id).toBe("built-in");
    expect(receipt.notice).toMatch(/not a proof/);
    expect(receipt.build.vm).toMatch(/^[0-9a-f]+$/);
    const step = receipt.lessons
      .find((l) => l.id === "welcome")
      ?.steps.find((s) => s.id === "first-container");
    expect(step?.passedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(step?.evidence.join("\n")).toMatch(/web/);
  });

  it("shows the receipt as a QR code of a roster link", async () => {
    await app.getByRole("button", { name: "Show as QR code" }).click();
    const dialog = app.getByRole("dialog", { name: "Your progress as a QR code" });
    await dialog.locator("svg path").waitFor({ timeout: 30_000 });
    await app.screenshot({ path: join(ARTIFACTS, "receipt-qr.png") });
    qrLink = await dialog.locator("input.link").inputValue();
    expect(qrLink.startsWith(new URL("roster.html#r1.", env.site.url).href)).toBe(true);
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  it("shows the learner with that step passed in the roster, and in its CSV", async () => {
    const roster = await env.browser.newPage({ viewport: { width: 1366, height: 800 } });
    const rosterLog = recordConsole(roster);
    await roster.goto(new URL("roster.html", env.site.url).href);
    await roster.locator('[data-testid="receipt-files"]').setInputFiles(receiptPath);
    const row = roster.getByRole("row", { name: new RegExp(LEARNER) });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.locator(`td[data-step="${STEP}"]`).getAttribute("class")).resolves.toMatch(
      /\bpassed\b/,
    );
    await roster.screenshot({ path: join(ARTIFACTS, "roster.png") });
    const [download] = await Promise.all([
      roster.waitForEvent("download"),
      roster.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const csv = await readFile(await download.path(), "utf8");
    const [header, ...rows] = csv.split("\r\n");
    const column = header!.split(",").indexOf(`"${STEP}"`);
    expect(column).toBeGreaterThan(0);
    const ada = rows.find((r) => r.startsWith(`"${LEARNER}"`));
    expect(ada?.split(",")[column]).toMatch(/^"\d{4}-\d\d-\d\dT/);
    // The page's strict policy let it run: nothing was blocked.
    expect(rosterLog.filter((l) => /Content Security Policy|pageerror/.test(l))).toEqual([]);
    // Kept across a reload.
    await roster.reload();
    await roster.getByRole("row", { name: new RegExp(LEARNER) }).waitFor({ timeout: 30_000 });
    await roster.close();
  });

  it("opens the roster with the learner from the QR code's link, in another profile", async () => {
    const context = await env.browser.newContext();
    const roster = await context.newPage();
    await roster.goto(qrLink);
    const row = roster.getByRole("row", { name: new RegExp(LEARNER) });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.locator(`td[data-step="${STEP}"]`).getAttribute("class")).resolves.toMatch(
      /\bpassed\b/,
    );
    // The fragment is taken once: a reload does not add it again.
    expect(new URL(roster.url()).hash).toBe("");
    await context.close();
  });
});

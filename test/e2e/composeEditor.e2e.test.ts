// Compose files in the built app's Monaco editor (issue 18): a compose.yaml
// created in the file tree is validated against the bundled Compose
// specification's schema (a misspelt key, a port given as a number), a valid
// friendlyhello-style file has no marker, an override file in a folder is
// validated too, other YAML files are checked for YAML syntax only, and no
// schema is fetched from anywhere.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordConsole, useSiteAndChromium, waitReady } from "./browser.ts";

const env = useSiteAndChromium();

/** Squiggly underlines of markers: schema problems are warnings, YAML syntax errors errors. */
const SQUIGGLES = '.monaco-editor [class*="squiggly-"]';

const FRIENDLY_HELLO = [
  "services:",
  "  web:",
  "    build: .",
  "    ports:",
  '      - "8000:80"',
  "  redis:",
  '    image: "redis:alpine"',
  "",
].join("\n");

describe("Compose files in the editor", () => {
  let page: Page;
  let log: string[];
  const elsewhere: string[] = [];

  beforeAll(async () => {
    page = await env.browser.newPage({ viewport: { width: 1366, height: 800 } });
    log = recordConsole(page);
    const origin = new URL(env.site.url).origin;
    page.on("request", (request) => {
      const url = request.url();
      if (/^https?:/.test(url) && new URL(url).origin !== origin) elsewhere.push(url);
    });
    await page.goto(`${env.site.url}?fresh`);
    await waitReady(page, log);
  });
  afterAll(() => page?.close());

  /** Creates `path` from the file tree; the editor opens it. */
  async function createFile(path: string): Promise<void> {
    await page.getByRole("button", { name: "New file" }).click();
    await page.getByLabel("New file name").fill(path);
    await page.keyboard.press("Enter");
    await page.locator(`.files [data-path="${path}"]`).waitFor({ timeout: 60_000 });
    // Monaco's text input (visually hidden) is labelled with the file it edits.
    await page
      .locator(`.monaco-editor [aria-label="Editor: ${path}"]`)
      .waitFor({ state: "attached", timeout: 60_000 });
  }

  /**
   * Replaces the text of the open file `path` through the app's state, as an
   * edit (typing it would add Monaco's auto-indentation to the YAML).
   */
  async function setText(path: string, text: string): Promise<void> {
    await page.evaluate(
      ([p, t]) =>
        (
          globalThis as unknown as { app: { workspace: { edit(p: string, t: string): void } } }
        ).app.workspace.edit(p!, t!),
      [path, text],
    );
  }

  /** The message of the marker Monaco's "Go to Next Problem" (F8) shows, or "" if none. */
  async function nextProblem(): Promise<string> {
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("F8");
    const widget = page.locator(".monaco-editor .marker-widget");
    try {
      await widget.waitFor({ timeout: 5_000 });
      return (await widget.locator(".message").first().textContent()) ?? "";
    } catch {
      return "";
    } finally {
      await page.keyboard.press("Escape");
    }
  }

  /** Waits until F8 shows a problem containing `text` (earlier markers may linger until revalidation). */
  async function expectProblem(text: string): Promise<string> {
    let last = "";
    await expect
      .poll(async () => (last = await nextProblem()), { timeout: 60_000, interval: 1000 })
      .toContain(text);
    return last;
  }

  async function expectNoMarkers(): Promise<void> {
    await page.locator(SQUIGGLES).first().waitFor({ state: "detached", timeout: 60_000 });
    // Still none once the worker has had time for another pass.
    await page.waitForTimeout(2000);
    expect(await page.locator(SQUIGGLES).count()).toBe(0);
  }

  it("marks a misspelt key and a port given as a number in compose.yaml, and clears them for a valid file", async () => {
    await createFile("compose.yaml");
    await setText("compose.yaml", "servces:\n  web:\n    image: nginx\n");
    const typo = await expectProblem("Property servces is not allowed");
    // From the Compose schema, not from the YAML parser.
    expect(typo).toContain("Compose Specification");

    await setText("compose.yaml", "services:\n  web:\n    image: nginx\n    ports: 80\n");
    await expectProblem('Incorrect type. Expected "array"');

    await setText("compose.yaml", FRIENDLY_HELLO);
    await expectNoMarkers();
  });

  it("offers the schema's service keys as completions", async () => {
    await setText("compose.yaml", "services:\n  web:\n    build: .\n    ");
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("por");
    await page.keyboard.press("Control+Space");
    const suggest = page.locator(".monaco-editor .suggest-widget");
    await suggest.getByText("ports", { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press("Escape");
    await setText("compose.yaml", FRIENDLY_HELLO);
  });

  it("validates an override file in a folder against the Compose schema too", async () => {
    await createFile("deploy/docker-compose.prod.yml");
    await setText(
      "deploy/docker-compose.prod.yml",
      "services:\n  web:\n    image: nginx\n    restart: 3\n",
    );
    await expectProblem('Incorrect type. Expected "string"');
  });

  it("checks other YAML files for YAML syntax only, not against the Compose schema", async () => {
    await createFile("config.yaml");
    await setText("config.yaml", "servces: [web\n");
    const syntax = await expectProblem("YAML");
    expect(syntax).not.toContain("Compose Specification");
    await setText("config.yaml", "servces:\n  web:\n    ports: 80\n");
    await expectNoMarkers();
  });

  it("fetched no schema, nor anything else, from another origin", () => {
    expect(elsewhere).toEqual([]);
    expect(log.filter((line) => line.startsWith("[pageerror]"))).toEqual([]);
  });
});

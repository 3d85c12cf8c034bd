// A quiz step in the built app, in real Chromium: the images-and-layers
// lesson's quiz shows a wrong choice's own feedback, passes on the right
// choice (answered with Enter), and is still done after a reload. A quiz
// needs no sandbox, so the test does not wait for the VM.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, recordConsole, useSiteAndChromium } from "./browser.ts";

const env = useSiteAndChromium();
const LESSON = "images-and-layers";
const QUIZ = "cache-quiz";

/** The step before the quiz, passed: what Progress → Import progress… would bring. */
const PROGRESS = JSON.stringify({
  format: "docker-sandbox-progress",
  version: 1,
  lessons: { [LESSON]: { steps: { "build-layers": { passedAt: "2026-12-07T10:00:00.000Z" } } } },
});

/** The quiz's record in the browser's progress store (IndexedDB), once it is there. */
function storedQuiz(page: Page): Promise<unknown> {
  return page.evaluate(
    ([lesson, step]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("docker-sandbox", 1);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction("workspace").objectStore("workspace").get("progress");
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            const progress = get.result as
              { lessons: Record<string, { steps: Record<string, unknown> }> } | undefined;
            resolve(progress?.lessons[lesson!]?.steps[step!] ?? null);
            open.result.close();
          };
        };
      }),
    [LESSON, QUIZ],
  );
}

describe("a quiz step in the app", () => {
  let page: Page;
  let log: string[];
  beforeAll(async () => {
    page = await env.browser.newPage({ viewport: { width: 1366, height: 800 } });
    log = recordConsole(page);
    // A reload must not be held up by a "leave the page?" question.
    page.on("dialog", (dialog) => void dialog.accept());
    await page.goto(`${env.site.url}?lesson=${LESSON}`);
  });
  afterAll(() => page?.close());

  it("shows a wrong choice's feedback, passes on the right one, and stays done after a reload", async () => {
    const quiz = page.locator(`.step[data-step="${QUIZ}"]`);
    await quiz.waitFor({ timeout: 60_000 });
    // The quiz comes after the build step: it waits for it.
    await expect(quiz.getByRole("button", { name: "Answer" }).isDisabled()).resolves.toBe(true);

    await page.locator("summary", { hasText: "Progress" }).click();
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      page.getByRole("button", { name: "Import progress…" }).click(),
    ]);
    await chooser.setFiles({
      name: "progress.json",
      mimeType: "application/json",
      buffer: Buffer.from(PROGRESS),
    });
    await page.locator('.step[data-step="build-layers"][data-status="passed"]').waitFor();
    await page.locator("summary", { hasText: "Progress" }).click();

    const group = quiz.getByRole("group", { name: "Choose one answer:" });
    await group.getByRole("radio", { name: /^Only RUN echo/ }).check();
    await quiz.getByRole("button", { name: "Answer" }).click();
    await page.locator(`.step[data-step="${QUIZ}"][data-status="failed"]`).waitFor();
    await expect(quiz.locator(".feedback[aria-live]").textContent()).resolves.toMatch(
      /It does run again, but not alone/,
    );
    await expect(quiz.locator(".state").textContent()).resolves.toBe("Not right yet");

    // Enter on a radio button answers, as it does in a text field.
    const right = group.getByRole("radio", { name: /and the CMD after it/ });
    await right.check();
    await right.press("Enter");
    await page.locator(`.step[data-step="${QUIZ}"][data-status="passed"]`).waitFor();
    await expect(quiz.locator(".state").textContent()).resolves.toBe("Done");
    await expect(quiz.locator(".feedback").textContent()).resolves.toMatch(
      /The cache breaks at the first instruction that changed/,
    );
    await page.screenshot({ path: join(ARTIFACTS, "quiz-done.png") });

    // Kept in the browser's progress, with the answer as its evidence.
    await expect
      .poll(() => storedQuiz(page), { timeout: 10_000 })
      .toMatchObject({ evidence: ["Quiz answer: `RUN echo …` and the `CMD` after it"] });

    await page.reload();
    const again = page.locator(`.step[data-step="${QUIZ}"][data-status="passed"]`);
    await again.waitFor({ timeout: 60_000 }).catch((err: Error) => {
      throw new Error(`${err.message}\npage console:\n${log.join("\n")}`);
    });
    await expect(again.locator(".state").textContent()).resolves.toBe("Done");
    // The answer given stays shown, and cannot be changed.
    const shown = again.getByRole("radio", { name: /and the CMD after it/ });
    await expect(shown.isChecked()).resolves.toBe(true);
    await expect(shown.isDisabled()).resolves.toBe(true);
    expect(log.filter((l) => l.startsWith("[pageerror]"))).toEqual([]);
  });
});

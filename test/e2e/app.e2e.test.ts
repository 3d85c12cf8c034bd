// The learning app in real Chromium against the production build: the
// workspace reaches a ready terminal on the real VM, the terminal runs docker,
// Monaco edits reach the guest and `docker build` uses them, the file tree
// follows the terminal, the page reaches the Engine API and published ports
// through the worker, the live preview shows what a container serves, untrusted lesson HTML is inert, a missing VM build
// says what to do, a new-tab preview cannot navigate the app, and the site sends its security headers.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROMPT, ROOT } from "../../src/cli/browser.ts";
import { ARTIFACTS, launchChromium, recordConsole, serveBuiltSite, waitReady } from "./browser.ts";
import { terminalText, typeInTerminal, waitForTerminal } from "../../src/cli/terminalPage.ts";

let site: Awaited<ReturnType<typeof serveBuiltSite>>;
let browser: Browser;
beforeAll(async () => {
  site = await serveBuiltSite();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A page at the built site, viewport of a laptop, with a fresh workspace. */
async function openApp(query = "?fresh"): Promise<{ page: Page; log: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
  const log = recordConsole(page);
  await page.goto(site.url + query);
  return { page, log };
}

describe("the learning app on the real VM", () => {
  let page: Page;
  let log: string[];
  beforeAll(async () => {
    ({ page, log } = await openApp());
    await waitReady(page, log);
  });
  afterAll(() => page?.close());

  it("shows the lesson, the workspace files and a ready root shell in /workspace", async () => {
    await expect(page.locator(".lesson-title").textContent()).resolves.toMatch(/\w/);
    await page.locator('.files [data-path="Dockerfile"]').waitFor({ timeout: 30_000 });
    await page.locator(".monaco-editor").first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, "workspace-ready.png") });
    const readyMs = await page.evaluate(
      () =>
        (globalThis as unknown as { app: { sandbox: { readyMs: number } } }).app.sandbox.readyMs,
    );
    expect(readyMs).toBeGreaterThan(0);
    expect(log.filter((l) => l.startsWith("[pageerror]"))).toEqual([]);
  });

  it("runs a container typed into the terminal, at the terminal's fitted size", async () => {
    await typeInTerminal(page, "stty size; docker run --rm busybox echo hello-e2e\n");
    // Once in the echoed command line, once as the container's output.
    await page.waitForFunction(
      () =>
        (
          document.querySelector(".terminal-view:not([hidden]) .xterm-rows")?.textContent ?? ""
        ).split("hello-e2e").length >= 3,
      undefined,
      { timeout: 400_000 },
    );
    const lines = await terminalText(page);
    const size = lines.find((l) => /^\d+ \d+$/.test(l));
    expect(size?.split(" ")[0]).toBe(String(lines.length));
    expect(lines).toContain("hello-e2e");
  });

  it("builds the Dockerfile edited in Monaco", async () => {
    await page.locator('.files [data-path="Dockerfile"]').click();
    // Monaco takes keyboard input on its own edit-context element: click into the text.
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(
      "FROM busybox\nRUN echo edited-in-monaco > /msg\nCMD cat /msg\n",
    );
    await page.keyboard.press("Control+S");
    // Saved means in the guest's /workspace, not just in the editor.
    await page.waitForFunction(
      async () => {
        const rt = (
          globalThis as unknown as {
            app: { sandbox: { runtime: { readFile(p: string): Promise<Uint8Array> } } };
          }
        ).app.sandbox.runtime;
        const text = new TextDecoder().decode(await rt.readFile("Dockerfile"));
        return text.includes("edited-in-monaco");
      },
      undefined,
      { timeout: 60_000, polling: 1000 },
    );
    await page.getByTestId("save-status").filter({ hasText: "Saved" }).waitFor({ timeout: 60_000 });
    await typeInTerminal(
      page,
      "clear; docker build -q -t e2e-monaco . && docker run --rm e2e-monaco\n",
    );
    await page.waitForFunction(
      () =>
        (
          document.querySelector(".terminal-view:not([hidden]) .xterm-rows")?.textContent ?? ""
        ).includes("edited-in-monaco"),
      undefined,
      { timeout: 400_000 },
    );
    const image = await page.evaluate(async () => {
      const rt = (
        globalThis as unknown as {
          app: { sandbox: { runtime: import("../../src/runtime/Runtime.ts").Runtime } };
        }
      ).app.sandbox.runtime;
      return (await rt.docker.inspectImage("e2e-monaco")).Config?.Cmd;
    });
    expect(image).toEqual(["/bin/sh", "-c", "cat /msg"]);
  });

  it("shows a file created with touch in the terminal in the file tree", async () => {
    await typeInTerminal(page, "mkdir -p notes && touch notes/made-in-terminal.txt\n");
    await page
      .locator('.files [data-path="notes/made-in-terminal.txt"]')
      .waitFor({ timeout: 30_000 });
  });

  it("types a lesson's click-to-run command into the terminal", async () => {
    const run = page.locator('article.lesson [data-command] button[data-action="run"]').first();
    const command = await run.evaluate(
      (b) => b.closest<HTMLElement>("[data-command]")!.dataset.command!,
    );
    await typeInTerminal(page, "clear\n");
    await run.click();
    await page.waitForFunction(
      (cmd) =>
        (
          document.querySelector(".terminal-view:not([hidden]) .xterm-rows")?.textContent ?? ""
        ).includes(cmd.split("\n")[0]!),
      command,
      { timeout: 30_000 },
    );
  });

  it("stays responsive under heavy terminal output", async () => {
    await typeInTerminal(page, "clear; yes | head -n 200000; echo heavy-done\n");
    // While the output streams, the page keeps answering and painting frames.
    const frames = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let n = 0;
          const tick = () => (++n < 30 ? requestAnimationFrame(tick) : resolve(n));
          requestAnimationFrame(tick);
        }),
    );
    expect(frames).toBe(30);
    await page.waitForFunction(
      () =>
        /heavy-done\s*root@sandbox/.test(
          document.querySelector(".terminal-view:not([hidden]) .xterm-rows")?.textContent ?? "",
        ),
      undefined,
      { timeout: 400_000 },
    );
  });

  it("talks to the Engine API and a published port from the page through the worker", async () => {
    const result = await page.evaluate(async () => {
      const rt = (
        globalThis as unknown as {
          app: { sandbox: { runtime: import("../../src/runtime/Runtime.ts").Runtime } };
        }
      ).app.sandbox.runtime;
      const image = await rt.docker.inspectImage("busybox");
      await rt.exec(
        "docker run -d -p 8081:80 busybox sh -c 'mkdir /w && echo page-http > /w/index.html && httpd -f -p 80 -h /w'",
      );
      let body = "";
      for (let i = 0; i < 40 && !body.includes("page-http"); i++) {
        try {
          const s = await rt.connect(8081, { timeoutMs: 3000 });
          const chunks: string[] = [];
          s.onData((c) => chunks.push(new TextDecoder().decode(c)));
          const ended = new Promise<void>((r) => s.onEnd(r));
          s.write(new TextEncoder().encode("GET /index.html HTTP/1.0\r\n\r\n"));
          await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))]);
          body = chunks.join("");
        } catch {
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      return { cmd: image.Config?.Cmd, body };
    });
    expect(result.cmd).toEqual(["sh"]);
    expect(result.body).toContain("page-http");
  });

  it("previews a published port: 'not answering yet', then nginx's page, isolated, also in a new tab", async () => {
    // nginx starts 40 s late, so the preview first explains, then retries by itself.
    await typeInTerminal(
      page,
      `docker run -d --name preview-web -p 4000:80 nginx sh -c 'sleep 40; exec nginx -g "daemon off;"'\n`,
    );
    const chip = page.getByRole("button", { name: "▸ Preview :4000" });
    await chip.waitFor({ timeout: 400_000 });
    await chip.click();
    const viewer = page.frameLocator('iframe[title="Preview of port 4000"]');
    const site = viewer.frameLocator('iframe[title="Preview"]');
    await site.getByText("Nothing is answering on port 4000 yet").waitFor({ timeout: 60_000 });
    await site.locator("h1", { hasText: "Welcome to nginx!" }).waitFor({ timeout: 300_000 });
    await page.screenshot({ path: join(ARTIFACTS, "preview-nginx.png") });

    // The previewed page lives on another origin: it cannot reach into the app.
    const frame = page.frames().find((f) => f.url().includes("/preview/"))!;
    expect(new URL(frame.url()).origin).not.toBe(new URL(page.url()).origin);
    const reach = await frame.evaluate(() => {
      try {
        return `read ${window.top!.document.title}`;
      } catch (err) {
        return (err as Error).name;
      }
    });
    expect(reach).toBe("SecurityError");

    const [tab] = await Promise.all([
      page.context().waitForEvent("page"),
      page.getByRole("button", { name: /Open in new tab/ }).click(),
    ]);
    await tab
      .frameLocator('iframe[title="Preview"]')
      .locator("h1", { hasText: "Welcome to nginx!" })
      .waitFor({ timeout: 120_000 });
    await tab.close();
    await page.getByRole("button", { name: "Close the preview" }).click();
    await typeInTerminal(page, "docker rm -f preview-web\n");
  });

  it("resets to a fresh sandbox without a reload, keeping the files", async () => {
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Reset sandbox" }).click();
    await page.waitForSelector(
      '.status[data-status="resetting"], .status[data-status="starting"]',
      {
        timeout: 30_000,
      },
    );
    await waitReady(page, log);
    await typeInTerminal(
      page,
      "docker image inspect e2e-monaco >/dev/null 2>&1 || echo image-gone; cat Dockerfile\n",
    );
    await page.waitForFunction(
      () => {
        const t =
          document.querySelector(".terminal-view:not([hidden]) .xterm-rows")?.textContent ?? "";
        return t.includes("image-gone") && t.includes("edited-in-monaco > /msg");
      },
      undefined,
      { timeout: 120_000 },
    );
  });
  it("keeps the workspace across a page reload", async () => {
    await typeInTerminal(page, "echo kept-across-reload > kept.txt\n");
    await page.locator('.files [data-path="kept.txt"]').waitFor({ timeout: 60_000 });
    // The copy in IndexedDB follows a second after the listing changed.
    await page.waitForFunction(
      () =>
        !(globalThis as unknown as { app: { workspace: { persistPending: boolean } } }).app
          .workspace.persistPending,
      undefined,
      { timeout: 60_000, polling: 500 },
    );
    expect(new URL(page.url()).searchParams.has("fresh")).toBe(false);
    await page.reload();
    await waitReady(page, log);
    await page.locator('.files [data-path="kept.txt"]').waitFor({ timeout: 60_000 });
    await typeInTerminal(page, "cat kept.txt\n");
    await waitForTerminal(page, "kept-across-reload");
  });

  it("creates, renames and deletes files from the file tree", async () => {
    await page.getByRole("button", { name: "New file" }).click();
    await page.getByLabel("New file name").fill("src/app.py");
    await page.keyboard.press("Enter");
    await page.locator('.files [data-path="src/app.py"]').waitFor({ timeout: 60_000 });
    await page.locator('.files [data-path="src/app.py"]').focus();
    await page.keyboard.press("F2");
    await page.getByLabel("New name for src/app.py").fill("main.py");
    await page.keyboard.press("Enter");
    await page.locator('.files [data-path="main.py"]').waitFor({ timeout: 60_000 });
    page.once("dialog", (d) => void d.accept());
    await page.locator('.files [data-path="main.py"]').focus();
    await page.keyboard.press("Delete");
    await page
      .locator('.files [data-path="main.py"]')
      .waitFor({ state: "detached", timeout: 60_000 });
    await typeInTerminal(page, "clear; ls -R; echo listed\n");
    await waitForTerminal(page, "listed");
    const lines = await terminalText(page);
    expect(lines.join("\n")).not.toMatch(/app\.py|main\.py/);
  });

  it("opens more terminal tabs, and detaches from docker run -it with Ctrl-P Ctrl-Q", async () => {
    await page.getByRole("button", { name: "New terminal" }).click();
    await page.getByRole("tab", { name: "Terminal 2" }).waitFor();
    await waitForTerminal(page, PROMPT);
    await typeInTerminal(page, "docker run -it --name detach-me busybox sh\n");
    await waitForTerminal(page, "/ #", 400_000);
    await page.keyboard.press("Control+P");
    await page.keyboard.press("Control+Q");
    await typeInTerminal(page, "clear; docker ps --format '{{.Names}} {{.Status}}'\n");
    await waitForTerminal(page, "detach-me Up", 120_000);
    await page.getByRole("button", { name: "Close Terminal 2" }).click();
    await page.getByRole("tab", { name: "Terminal 2" }).waitFor({ state: "detached" });
  });

  it("gives Dockerfile diagnostics and instruction completion in Monaco", async () => {
    await page.locator('.files [data-path="Dockerfile"]').click();
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("RUNN echo typo\n");
    // dockerfile-language-service flags the unknown instruction as an error marker.
    await page.locator(".monaco-editor .squiggly-error").first().waitFor({ timeout: 30_000 });
    await page.keyboard.press("Control+Space");
    const suggest = page.locator(".monaco-editor .suggest-widget");
    await suggest.getByText("HEALTHCHECK").first().waitFor({ timeout: 30_000 });
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+Z");
    await page.keyboard.press("Control+S");
  });

  it("turns a lesson step green when it is done in the terminal; progress and files survive a reload", async () => {
    const step = (id: string, status = "") =>
      page.locator(`.step[data-step="${id}"]${status ? `[data-status="${status}"]` : ""}`);
    await step("first-container").waitFor({ timeout: 30_000 });
    expect(await step("first-container").getAttribute("data-status")).not.toBe("passed");
    await typeInTerminal(page, "clear; docker run -d --name web -p 4000:80 nginx\n");
    // No "Check" click: the container's start event re-runs the step's checks.
    await step("first-container", "passed").waitFor({ timeout: 400_000 });
    await page.screenshot({ path: join(ARTIFACTS, "lesson-step-passed.png") });
    expect(await page.locator(".lesson-meta .progress").getAttribute("data-done")).toBe("1");
    // An edit of the lesson's file, to find again after the reload.
    await typeInTerminal(page, "echo '# kept edit' >> Dockerfile\n");
    // Kept once the editor has the edit (the file tree noticed it) and the
    // browser's copy caught up (it follows the listing by a second), and the
    // sandbox saved after the step passed is written (a reload in the middle
    // of a save brings back the one before). The save pauses the guest and
    // shares its worker: on a loaded machine this took more than a minute.
    await page.waitForFunction(
      () => {
        const { workspace, saves } = (
          globalThis as unknown as {
            app: {
              workspace: {
                persistPending: boolean;
                bufferOf(p: string): { text: string } | null;
              };
              saves: { saving: boolean };
            };
          }
        ).app;
        return (
          !!workspace.bufferOf("Dockerfile")?.text.includes("# kept edit") &&
          !workspace.persistPending &&
          !saves.saving
        );
      },
      undefined,
      { timeout: 240_000, polling: 500 },
    );
    await page.reload();
    await waitReady(page, log);
    await step("first-container", "passed").waitFor({ timeout: 60_000 });
    await typeInTerminal(page, "clear; tail -n 1 Dockerfile\n");
    await waitForTerminal(page, "# kept edit");
  });

  it("solves a step with Show me, compares with the solution, and resets the lesson", async () => {
    const step = page.locator('.step[data-step="first-image"]');
    page.once("dialog", (d) => void d.accept());
    await step.getByRole("button", { name: "Show me" }).click();
    await page
      .locator('.step[data-step="first-image"][data-status="passed"]')
      .waitFor({ timeout: 400_000 });
    await page.getByRole("button", { name: "Compare with solution" }).click();
    const dialog = page.getByRole("dialog", { name: "Your files and the solution" });
    await dialog.locator(".monaco-diff-editor").waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, "lesson-compare.png") });
    await dialog.getByRole("button", { name: "Close" }).click();
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Reset lesson" }).click();
    await page.waitForFunction(
      () => document.querySelector(".lesson-meta .progress")?.getAttribute("data-done") === "0",
      undefined,
      { timeout: 120_000 },
    );
    await typeInTerminal(page, "clear; cat Dockerfile\n");
    await waitForTerminal(page, "hello from my first image");
  });
});

describe("the app without a VM", () => {
  it("tells the learner what to do when the VM assets are missing", async () => {
    const { page } = await openApp("?vm=/no-vm-here/");
    const error = page.locator(".boot [role=alert]");
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toMatch(/not built.*npm run vm:build/s);
    await page.screenshot({ path: join(ARTIFACTS, "missing-vm.png") });
    await page.close();
  });

  it("renders untrusted lesson HTML inert", async () => {
    const page = await browser.newPage();
    const log = recordConsole(page);
    await page.route(
      (url) => url.pathname === "/evil-lesson.md",
      (route) =>
        route.fulfill({
          contentType: "text/markdown",
          body: [
            "---",
            "id: evil-lesson",
            "title: Evil",
            "summary: Tries to run script.",
            "minutes: 1",
            "---",
            "# Evil",
            "<script>window.pwned = 'script'</script>",
            '<img src="x" onerror="window.pwned = \'onerror\'">',
            "[click](javascript:window.pwned='link')",
            '<a href="JaVaScRiPt:window.pwned=1" id="evil-link">evil</a>',
            "## Step",
            "```step",
            "id: s",
            "checks: [{ kind: image, ref: evil }]",
            "solution: docker build -t evil .",
            "```",
            "",
          ].join("\n"),
        }),
    );
    await page.goto(`${site.url}?vm=/no-vm-here/&lessonUrl=/evil-lesson.md`);
    await page.locator('article.lesson[data-lesson^="url-"] h1').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500); // give an onerror handler its chance to fire
    const report = await page.evaluate(() => {
      const article = document.querySelector("article.lesson")!;
      return {
        pwned: (window as { pwned?: unknown }).pwned ?? null,
        scripts: article.querySelectorAll("script").length,
        handlers: [...article.querySelectorAll("*")].flatMap((el) =>
          [...el.attributes].filter((a) => a.name.startsWith("on")).map((a) => a.name),
        ),
        hrefs: [...article.querySelectorAll("a")].map((a) => a.getAttribute("href")),
      };
    });
    expect(report).toMatchObject({ pwned: null, scripts: 0, handlers: [] });
    expect(report.hrefs.filter((h) => h && /^\s*javascript:/i.test(h))).toEqual([]);
    expect(log.join("\n")).not.toContain("pwned");
    await page.close();
  });

  it("says so when a link's ?lessonUrl= or ?vm= is not a URL, and still opens", async () => {
    const { page } = await openApp("?vm=http%3A%2F%2F%5B&lessonUrl=http%3A%2F%2F%5B");
    await page.locator("article.lesson").waitFor();
    const banners = await page.locator(".banner").allTextContents();
    expect(banners.join("\n")).toContain("?lessonUrl= is not a URL");
    expect(banners.join("\n")).toContain("Ignored ?vm=“http://[”: it is not a URL");
    await page.close();
  });

  it("keeps a new-tab preview's page from navigating the app's tab (new-tab preview opener)", async () => {
    const { page } = await openApp("?vm=/no-vm-here/");
    await page.locator("article.lesson").waitFor();
    // No VM, so no container publishes a port: open the pane for one anyway.
    await page.evaluate(() =>
      (
        globalThis as unknown as { app: { preview: { open(port: number): void } } }
      ).app.preview.open(4000),
    );
    const [tab] = await Promise.all([
      page.context().waitForEvent("page"),
      page.getByRole("button", { name: /Open in new tab/ }).click(),
    ]);
    // The app's own answer stands in for a container's page: the tab reached
    // the app (through the opener it kept to itself) and shows what it said.
    await tab
      .frameLocator('iframe[title="Preview"]')
      .locator("h1", { hasText: "Sandbox not ready" })
      .waitFor({ timeout: 60_000 });
    const frame = tab.frames().find((f) => f.url().includes("/preview/"))!;
    const appUrl = page.url();
    const attempt = await frame.evaluate(() => {
      const opener = parent.opener as Window | null;
      opener?.location.assign("about:blank#tabnabbed");
      try {
        top!.location.href = "about:blank#top";
        return { opener: opener === null, top: "navigated" };
      } catch (err) {
        return { opener: opener === null, top: (err as Error).name };
      }
    });
    expect(attempt).toEqual({ opener: true, top: "SecurityError" });
    await page.waitForTimeout(1000);
    expect(page.url()).toBe(appUrl);
    expect(tab.url()).toContain("/preview.html?");
    await tab.close();
    await page.close();
  });

  it("routes lessons by URL; back and forward work", async () => {
    const { page } = await openApp("?vm=/no-vm-here/&lesson=welcome");
    const lessonId = () => page.locator("article.lesson").getAttribute("data-lesson");
    await page.locator("article.lesson").waitFor();
    await page.getByRole("button", { name: "Next lesson" }).click();
    const second = await lessonId();
    expect(second).not.toBe("welcome");
    expect(new URL(page.url()).searchParams.get("lesson")).toBe(second);
    await page.goBack();
    await page.waitForFunction(
      () => document.querySelector("article.lesson")?.getAttribute("data-lesson") === "welcome",
    );
    await page.goForward();
    await page.waitForFunction(
      (id) => document.querySelector("article.lesson")?.getAttribute("data-lesson") === id,
      second,
    );
    await page.close();
  });
});

describe("the built site as served", () => {
  it("sends the security headers of docs/deploy.md on both origins", async () => {
    const app = new URL(site.url);
    const preview = `${app.protocol}//${app.hostname}:${Number(app.port) + 1}`;
    const page = await fetch(site.url);
    expect(page.headers.get("content-security-policy")).toContain(`frame-src ${preview};`);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    const viewer = await fetch(`${preview}/preview.html?view=v&port=4000`);
    expect(viewer.headers.get("content-security-policy")).toContain(
      `frame-ancestors ${app.origin}`,
    );
    expect(await page.text()).toContain('<meta http-equiv="Content-Security-Policy"');
  });

  it("sends v86's wasm compressed and the VM's files without a second compression", async () => {
    const assets = readdirSync(join(site.dir, "assets"));
    const wasm = assets.find((name) => /^v86-.*\.wasm$/.test(name));
    expect(wasm, `no v86 wasm in dist/assets: ${assets.join(", ")}`).toBeDefined();
    const raw = readFileSync(join(ROOT, "node_modules", "v86", "build", "v86.wasm"));
    for (const encoding of ["br", "gzip"]) {
      const response = await fetch(`${site.url}assets/${wasm}`, {
        headers: { "accept-encoding": encoding },
      });
      expect(response.headers.get("content-encoding")).toBe(encoding);
      expect(response.headers.get("content-type")).toBe("application/wasm");
      // fetch decodes the body: it must be v86's wasm, byte for byte.
      expect(Buffer.from(await response.arrayBuffer()).equals(raw)).toBe(true);
    }
    const state = await fetch(`${site.url}vm/state.bin.zst`, {
      method: "GET",
      headers: { "accept-encoding": "gzip", range: "bytes=0-3" },
    });
    expect(state.headers.get("content-encoding")).toBeNull();
    // zstd's frame magic number, 0xFD2FB528 little-endian.
    expect([...new Uint8Array(await state.arrayBuffer())]).toEqual([0x28, 0xb5, 0x2f, 0xfd]);
  });
});

// Embedding (issue 16): an author's page on another origin holds widgets
// from the sandbox's site. Click-to-load downloads nothing heavy before
// Start; the reader types in the widget's terminal; the page drives it
// through the API (after the reader allows it); steps and completion come
// back as events; a third origin's messages go nowhere; and two widgets on
// one page run one VM at a time.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROMPT } from "../../src/cli/browser.ts";
import { typeInTerminal, waitForTerminal } from "../../src/cli/terminalPage.ts";
import { recordConsole, useSiteAndChromium } from "./browser.ts";

/** An author's lesson, on the author's own site (CORS lets the sandbox fetch it). */
const LESSON = [
  "---",
  "id: embedded",
  "title: An embedded lesson",
  "summary: Two steps a page can drive.",
  "minutes: 2",
  "---",
  "",
  "## Write a file",
  "",
  "```step",
  "id: note",
  "checks:",
  "  - kind: file",
  "    path: hello.txt",
  "    contains: hi",
  "solution: echo hi > hello.txt",
  "```",
  "",
  "## Run a container",
  "",
  "```step",
  "id: web",
  "checks:",
  "  - kind: container",
  "    name: web",
  "    state: running",
  "solution: docker run -d --name web busybox sleep 600",
  "```",
  "",
].join("\n");

/** Serve `routes` on a free port of `host`; returns the origin. */
async function serve(host: string, routes: Record<string, [string, string]>): Promise<string> {
  const server = createServer((req, res) => {
    const route = routes[(req.url ?? "").split("?")[0]!];
    if (!route) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": route[0], "access-control-allow-origin": "*" });
    res.end(route[1]);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, host, r));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

const servers: Server[] = [];
// The author's site: up before the sandbox's build, which names it as the
// place lessons may come from (a deployment's VITE_LESSON_ORIGINS).
const hostRoutes: Record<string, [string, string]> = { "/lesson.md": ["text/markdown", LESSON] };
let host = "";
const env = useSiteAndChromium(async () => {
  host = await serve("localhost", hostRoutes);
  return { VITE_LESSON_ORIGINS: host };
});

/** A page of a third origin, framed by the host, that tries to talk to the widgets and the host. */
const EVIL = `<!doctype html><script>
  window.replies = [];
  function attack(widget) {
    for (let i = 0; i < parent.frames.length; i++) {
      const frame = parent.frames[i];
      if (frame === window) continue;
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => window.replies.push(e.data);
      frame.postMessage({ protocol: "docker-sandbox", version: 1, type: "connect", widget }, "*", [channel.port2]);
    }
    parent.postMessage({ protocol: "docker-sandbox", version: 1, type: "hello", widget }, "*");
    parent.postMessage({ v: 1, type: "event", name: "complete", data: { lessonId: "forged" } }, "*");
  }
  setInterval(() => attack(""), 250);
</script>`;

function hostPage(sandbox: string, lessonUrl: string, evil: string): string {
  return `<!doctype html><meta charset="utf-8"><title>An author's page</title>
<h1>Learn Docker here</h1>
<docker-sandbox id="a" lesson-url="${lessonUrl}" layout="terminal" height="420px"></docker-sandbox>
<docker-sandbox id="b" lesson="welcome" layout="terminal" height="420px"></docker-sandbox>
<iframe id="evil" src="${evil}/evil.html" style="width:20px;height:20px"></iframe>
<script type="module">
  import "${sandbox}/embed.js";
  window.events = [];
  for (const id of ["a", "b"]) {
    const element = document.getElementById(id);
    for (const name of ["ready", "step", "complete", "error"])
      element.addEventListener(name, (e) => window.events.push({ widget: id, name, detail: e.detail }));
  }
  window.controllers = {
    a: await document.getElementById("a").controller,
    b: await document.getElementById("b").controller,
  };
  window.loaded = true;
</script>`;
}

interface HostEvent {
  widget: string;
  name: string;
  detail: { stepId?: string; status?: string; lessonId?: string };
}

afterAll(() => {
  for (const s of servers) s.close();
});

describe("a lesson embedded in an author's page", () => {
  let page: Page;
  let log: string[];
  const requests: string[] = [];
  let a: FrameLocator;
  let b: FrameLocator;
  const events = () => page.evaluate(() => (window as unknown as { events: HostEvent[] }).events);

  beforeAll(async () => {
    const sandbox = new URL(env.site.url).origin;
    // Three origins: the sandbox (127.0.0.1:P), the author (localhost:Q), a stranger (127.0.0.1:R).
    const evil = await serve("127.0.0.1", { "/evil.html": ["text/html", EVIL] });
    hostRoutes["/host.html"] = ["text/html", hostPage(sandbox, `${host}/lesson.md`, evil)];
    page = await env.browser.newPage({ viewport: { width: 1100, height: 1400 } });
    log = recordConsole(page);
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${host}/host.html`);
    await page.waitForFunction(() => (window as unknown as { loaded?: boolean }).loaded, null, {
      timeout: 60_000,
    });
    a = page.frameLocator("#a iframe");
    b = page.frameLocator("#b iframe");
  });
  afterAll(() => page?.close());

  it("loads nothing heavy before the reader presses Start", async () => {
    await expect(a.getByRole("button", { name: "▶ Start" }).isVisible()).resolves.toBe(true);
    await page.waitForTimeout(1500);
    const heavy = requests.filter((u) => /\/vm\/|\.wasm|monaco|xterm/i.test(u));
    expect(heavy).toEqual([]);
  });

  it("starts on click and the reader's command runs in its terminal", async () => {
    await a.getByRole("button", { name: "▶ Start" }).click();
    const frame = page.frames().find((f) => f.url().includes("lessonUrl="))!;
    await waitForTerminal(frame, PROMPT, 300_000).catch((err: Error) => {
      throw new Error(`${err.message}\npage console:\n${log.join("\n")}`);
    });
    await typeInTerminal(frame, "echo embed-$((6*7))\r");
    await waitForTerminal(frame, "embed-42", 60_000);
    expect((await events()).some((e) => e.widget === "a" && e.name === "ready")).toBe(true);
  });

  it("runs the page's exec once the reader allows it", async () => {
    const result = page.evaluate(() =>
      (
        window as unknown as {
          controllers: { a: { exec(c: string): Promise<{ exitCode: number; stdout: string }> } };
        }
      ).controllers.a.exec("docker version --format '{{.Server.Version}}'"),
    );
    await a.getByRole("button", { name: "Allow" }).click();
    const { exitCode, stdout } = await result;
    expect(exitCode).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+/);
  });

  it("tells the page each step that passes, then that the lesson is complete", async () => {
    await page.evaluate(async () => {
      const c = (
        window as unknown as {
          controllers: {
            a: {
              writeFile(p: string, t: string): Promise<void>;
              exec(c: string): Promise<unknown>;
            };
          };
        }
      ).controllers.a;
      await c.writeFile("hello.txt", "hi\n");
      await c.exec("docker run -d --name web busybox sleep 600");
    });
    await page.waitForFunction(
      () =>
        (window as unknown as { events: HostEvent[] }).events.some((e) => e.name === "complete"),
      null,
      { timeout: 120_000 },
    );
    const seen = await events();
    const passed = seen
      .filter((e) => e.name === "step" && e.detail.status === "passed")
      .map((e) => e.detail.stepId);
    expect(passed).toEqual(["note", "web"]);
    const complete = seen.filter((e) => e.name === "complete");
    expect(complete).toHaveLength(1);
    expect(complete[0]!.detail.lessonId).toMatch(/^url-[0-9a-f]{12}$/);
  });

  it("gives a third origin nothing: no connection, no forged events", async () => {
    const stranger = page.frames().find((f) => f.url().endsWith("/evil.html"))!;
    await expect(
      stranger.evaluate(() => (window as unknown as { replies: unknown[] }).replies),
    ).resolves.toEqual([]);
    expect((await events()).some((e) => e.detail.lessonId === "forged")).toBe(false);
  });

  it("runs one VM per page: starting the second widget pauses the first", async () => {
    await b.getByRole("button", { name: "▶ Start" }).click();
    // The first widget hears of the second through the page's channel: wait for it.
    await a.getByText(/Paused: another sandbox on this page started/).waitFor({ timeout: 30_000 });
    const frameB = page.frames().find((f) => f.url().includes("lesson=welcome"))!;
    await waitForTerminal(frameB, PROMPT, 300_000);
    const denied = await page.evaluate(() =>
      (window as unknown as { controllers: { a: { check(): Promise<unknown> } } }).controllers.a
        .check()
        .then(
          () => "answered",
          (e: { code: string }) => e.code,
        ),
    );
    expect(denied).toBe("not-ready");
  });
});

// @vitest-environment jsdom
// The host side of the embed protocol (src/embed/host/) against a fake
// frame: the test plays embed.html, posting `hello` from the widget's iframe
// and answering on the port the loader hands over.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DockerSandboxElement, embed, type EmbedController } from "../../src/embed/host/embed.ts";
import { EmbedError, PROTOCOL, PROTOCOL_VERSION } from "../../src/embed/protocol.ts";

const SANDBOX = "https://sandbox.example.org";
const LESSON = {
  id: "welcome",
  title: "Welcome",
  steps: [{ id: "run", title: "Run a container" }],
};

beforeAll(() => {
  DockerSandboxElement.sandboxPage = new URL(`${SANDBOX}/embed.html`);
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  document.body.replaceChildren();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

interface Widget {
  element: DockerSandboxElement;
  frame: HTMLIFrameElement;
  url: URL;
  /** What the host posted to the frame's window. */
  posted: ReturnType<typeof vi.fn>;
}

/**
 * The widget's current frame, with a stand-in for its window that records
 * what the host posts (jsdom gives a frame in a shadow root no window).
 */
function widgetOf(element: DockerSandboxElement): Widget {
  const frame = element.shadowRoot!.querySelector("iframe")!;
  const posted = vi.fn();
  Object.defineProperty(frame, "contentWindow", { value: { postMessage: posted } });
  return { element, frame, url: new URL(frame.src), posted };
}

async function mount(attributes: Record<string, string> = {}): Promise<Widget> {
  const element = document.createElement("docker-sandbox") as DockerSandboxElement;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  await Promise.resolve(); // the element builds on the next microtask
  return widgetOf(element);
}

function hello(
  widget: Widget,
  {
    origin = SANDBOX,
    source = widget.frame.contentWindow as Window | null,
    id = widget.url.searchParams.get("widget")!,
    version = PROTOCOL_VERSION,
  } = {},
): void {
  const data = { protocol: PROTOCOL, version, type: "hello", widget: id };
  const event = new MessageEvent("message", { data, origin });
  Object.defineProperty(event, "source", { value: source });
  window.dispatchEvent(event);
}

/** The frame's end of the channel, after the host's `connect`. */
function framePort(widget: Widget): MessagePort {
  expect(widget.posted).toHaveBeenCalledTimes(1);
  const [message, targetOrigin, transfer] = widget.posted.mock.calls[0]!;
  expect(message).toEqual({
    protocol: PROTOCOL,
    version: PROTOCOL_VERSION,
    type: "connect",
    widget: widget.url.searchParams.get("widget"),
  });
  expect(targetOrigin).toBe(SANDBOX);
  const port = (transfer as MessagePort[])[0]!;
  cleanups.push(() => port.close());
  return port;
}

/** Handshake through to `welcome`; the frame's port and what the host sent on it. */
async function connected(
  widget: Widget,
  control: "trusted" | "ask" = "trusted",
): Promise<{ controller: EmbedController; port: MessagePort; requests: unknown[] }> {
  hello(widget);
  const port = framePort(widget);
  const requests: unknown[] = [];
  port.addEventListener("message", (event) => requests.push((event as MessageEvent).data));
  port.start();
  port.postMessage({ v: PROTOCOL_VERSION, type: "welcome", control, lesson: LESSON });
  const controller = await widget.element.controller;
  cleanups.push(() => controller.destroy());
  return { controller, port, requests };
}

const nextRequest = async (requests: unknown[], count: number) => {
  await vi.waitFor(() => expect(requests.length).toBeGreaterThanOrEqual(count));
  return requests[count - 1] as { id: number; method: string; params: unknown };
};

describe("the handshake", () => {
  it("answers the hello of its own frame, from the sandbox's origin, with its widget id", async () => {
    const widget = await mount({ lesson: "welcome" });
    hello(widget, { origin: "https://evil.example" });
    hello(widget, { source: window }); // another window of the right origin
    hello(widget, { id: "someone-else" });
    expect(widget.posted).not.toHaveBeenCalled();

    const { controller } = await connected(widget, "ask");
    expect(controller.lesson).toEqual(LESSON);
    expect(controller.control).toBe("ask");
    expect(widget.frame.title).toBe("Docker sandbox: Welcome");
  });

  it("connects once: a second hello gets no second port", async () => {
    const widget = await mount();
    await connected(widget);
    hello(widget);
    expect(widget.posted).toHaveBeenCalledTimes(1);
  });

  it("refuses a frame of another protocol version, saying to reload", async () => {
    const widget = await mount();
    hello(widget, { version: PROTOCOL_VERSION + 1 });
    await expect(widget.element.controller).rejects.toMatchObject({
      code: "unsupported",
      message: expect.stringContaining("reload"),
    });
    expect(widget.posted).not.toHaveBeenCalled();
  });

  it("rejects with the frame's reason when it refuses the page, and keeps the frame to show why", async () => {
    const widget = await mount();
    const errors: CustomEvent[] = [];
    widget.element.addEventListener("error", (e) => errors.push(e as unknown as CustomEvent));
    hello(widget);
    framePort(widget).postMessage({
      v: PROTOCOL_VERSION,
      type: "refused",
      reason: "not on this site",
    });
    const error = await widget.element.controller.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbedError);
    expect(error).toMatchObject({ code: "denied", message: "not on this site" });
    expect(errors[0]!.detail).toMatchObject({ kind: "denied", message: "not on this site" });
    expect(widget.frame.isConnected).toBe(true);
  });

  it("gives up after 30 s without a hello, naming the likely causes", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const host = document.createElement("div");
    document.body.append(host);
    const controller = embed(host, { lesson: "welcome" });
    const settled = vi.fn();
    controller.catch(settled);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    const error = (await controller.catch((e: unknown) => e)) as EmbedError;
    expect(error).toMatchObject({ code: "timeout" });
    expect(error.message).toContain(SANDBOX);
    expect(error.message).toContain("embed.js");
  });
});

describe("the controller", () => {
  it("matches responses to requests by id, in any order", async () => {
    const { controller, port, requests } = await connected(await mount());
    const read = controller.readFile("Dockerfile");
    const exec = controller.exec("docker version", { timeoutMs: 5000 });
    const first = await nextRequest(requests, 1);
    const second = await nextRequest(requests, 2);
    expect(first).toMatchObject({
      v: PROTOCOL_VERSION,
      type: "request",
      method: "readFile",
      params: { path: "Dockerfile" },
    });
    expect(second).toMatchObject({
      method: "exec",
      params: { command: "docker version", timeoutMs: 5000 },
    });
    expect(first.id).not.toBe(second.id);
    const result = { exitCode: 0, stdout: "Client: 27\n", stderr: "" };
    port.postMessage({ v: PROTOCOL_VERSION, type: "response", id: second.id, ok: true, result });
    port.postMessage({
      v: PROTOCOL_VERSION,
      type: "response",
      id: first.id,
      ok: true,
      result: { content: "FROM hello\n" },
    });
    expect(await exec).toEqual(result);
    expect(await read).toBe("FROM hello\n");
  });

  it("rejects with an EmbedError carrying the frame's code", async () => {
    const { controller, port, requests } = await connected(await mount());
    const typed = controller.type("docker ps");
    const { id } = await nextRequest(requests, 1);
    port.postMessage({
      v: PROTOCOL_VERSION,
      type: "response",
      id,
      ok: false,
      error: { code: "denied", message: "the reader said no" },
    });
    const error = await typed.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbedError);
    expect(error).toMatchObject({ code: "denied", message: "the reader said no" });
  });

  it("rejects a result that is not of the method's shape", async () => {
    const { controller, port, requests } = await connected(await mount());
    const steps = controller.check();
    const { id } = await nextRequest(requests, 1);
    port.postMessage({
      v: PROTOCOL_VERSION,
      type: "response",
      id,
      ok: true,
      result: { steps: [{ status: "passed" }] },
    });
    await expect(steps).rejects.toMatchObject({ code: "failed" });
  });

  it("returns check's steps and openLesson's lesson, which becomes the controller's", async () => {
    const { controller, port, requests } = await connected(await mount());
    const step = { lessonId: "welcome", stepId: "run", index: 0, status: "passed" };
    const checked = controller.check();
    port.postMessage({
      v: PROTOCOL_VERSION,
      type: "response",
      id: (await nextRequest(requests, 1)).id,
      ok: true,
      result: { steps: [step] },
    });
    expect(await checked).toEqual([step]);
    const other = { id: "client-and-daemon", title: "The client and the daemon", steps: [] };
    const opened = controller.openLesson("client-and-daemon");
    port.postMessage({
      v: PROTOCOL_VERSION,
      type: "response",
      id: (await nextRequest(requests, 2)).id,
      ok: true,
      result: { lesson: other },
    });
    expect(await opened).toEqual(other);
    expect(controller.lesson).toEqual(other);
  });

  it("drops invalid messages from the port and goes on working", async () => {
    const debug = vi.spyOn(console, "debug").mockImplementation(() => {});
    const { controller, port, requests } = await connected(await mount());
    const reset = controller.reset();
    const { id } = await nextRequest(requests, 1);
    port.postMessage({ v: PROTOCOL_VERSION + 1, type: "response", id, ok: true, result: null });
    port.postMessage({
      v: PROTOCOL_VERSION,
      type: "response",
      id,
      ok: false,
      error: { code: "boom", message: "x" },
    });
    port.postMessage({ v: PROTOCOL_VERSION, type: "event", name: "step", data: { evil: true } });
    port.postMessage("<script>alert(1)</script>");
    await vi.waitFor(() => expect(debug).toHaveBeenCalledTimes(4));
    port.postMessage({ v: PROTOCOL_VERSION, type: "response", id, ok: true, result: null });
    await expect(reset).resolves.toBeUndefined();
  });

  it("destroy rejects every pending call, closes the port and removes the frame", async () => {
    const widget = await mount();
    const { controller, requests } = await connected(widget);
    const pending = [controller.exec("sleep 100"), controller.readFile("a")];
    await nextRequest(requests, 2);
    controller.destroy();
    for (const call of pending)
      await expect(call).rejects.toMatchObject({ code: "failed", message: "destroyed" });
    expect(widget.frame.isConnected).toBe(false);
    expect(controller.destroyed).toBe(true);
    await expect(controller.start()).rejects.toMatchObject({
      code: "failed",
      message: "destroyed",
    });
  });

  it("after destroy, embed() on the same element builds a new widget", async () => {
    const widget = await mount({ lesson: "welcome" });
    const { controller } = await connected(widget);
    controller.destroy();
    expect(widget.element.shadowRoot!.querySelector("iframe")).toBeNull();
    const again = embed(widget.element);
    await Promise.resolve();
    const rebuilt = widgetOf(widget.element);
    expect(rebuilt.url.searchParams.get("lesson")).toBe("welcome");
    const next = await connected(rebuilt);
    expect(await again).toBe(next.controller);
    expect(next.controller).not.toBe(controller);
  });

  it("hands events to listeners until they unsubscribe, and re-dispatches them on the element", async () => {
    const widget = await mount();
    const { controller, port } = await connected(widget);
    const steps: unknown[] = [];
    const domSteps: unknown[] = [];
    widget.element.addEventListener("step", (e) => domSteps.push((e as CustomEvent).detail));
    const off = controller.on("step", (data) => steps.push(data));
    const step = { lessonId: "welcome", stepId: "run", index: 0, status: "passed" };
    port.postMessage({ v: PROTOCOL_VERSION, type: "event", name: "step", data: step });
    await vi.waitFor(() => expect(steps).toEqual([step]));
    off();
    port.postMessage({
      v: PROTOCOL_VERSION,
      type: "event",
      name: "complete",
      data: { lessonId: "welcome" },
    });
    port.postMessage({ v: PROTOCOL_VERSION, type: "event", name: "step", data: step });
    await vi.waitFor(() => expect(domSteps).toHaveLength(2));
    expect(steps).toHaveLength(1);
  });
});

describe("<docker-sandbox>", () => {
  it("frames embed.html with its options, a widget id of its own and the page's id", async () => {
    const a = await mount({
      lesson: "welcome",
      layout: "terminal",
      theme: "dark",
      loading: "eager",
    });
    const b = await mount({ "lesson-url": "/lessons/mine.md" });
    expect(a.url.origin + a.url.pathname).toBe(`${SANDBOX}/embed.html`);
    expect(Object.fromEntries(a.url.searchParams)).toMatchObject({
      lesson: "welcome",
      layout: "terminal",
      theme: "dark",
      loading: "eager",
    });
    // A relative lesson URL is the author's page's, not the sandbox's.
    expect(b.url.searchParams.get("lessonUrl")).toBe(
      new URL("/lessons/mine.md", document.baseURI).href,
    );
    expect(Object.fromEntries(b.url.searchParams)).toMatchObject({
      layout: "lesson-editor-terminal",
      theme: "auto",
      loading: "click",
    });
    expect(a.url.searchParams.get("widget")).not.toBe(b.url.searchParams.get("widget"));
    expect(a.url.searchParams.get("page")).toMatch(/^[0-9a-f]{16}$/);
    expect(a.url.searchParams.get("page")).toBe(b.url.searchParams.get("page"));
    expect(a.frame.title).toContain("Docker sandbox");
    expect(a.frame.getAttribute("allow")).toBe("clipboard-read; clipboard-write");
  });

  it("falls back to the default for an invalid attribute, and says so", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const widget = await mount({
      layout: "sideways",
      theme: "neon",
      loading: "later",
      "lesson-url": "javascript:alert(1)",
      height: "tall",
    });
    expect(Object.fromEntries(widget.url.searchParams)).toMatchObject({
      layout: "lesson-editor-terminal",
      theme: "auto",
      loading: "click",
    });
    expect(widget.url.searchParams.has("lessonUrl")).toBe(false);
    const said = warn.mock.calls.map((c) => String(c[0])).join("\n");
    for (const bad of [
      'layout="sideways"',
      'theme="neon"',
      'loading="later"',
      "lesson-url=",
      'height="tall"',
    ])
      expect(said).toContain(bad);
  });

  it("is 480px high until the widget says its height, unless the page sets one", async () => {
    const auto = await mount();
    expect(auto.frame.style.height).toBe("480px");
    const { port } = await connected(auto);
    port.postMessage({
      v: PROTOCOL_VERSION,
      type: "event",
      name: "resize",
      data: { height: 612.5 },
    });
    await vi.waitFor(() => expect(auto.frame.style.height).toBe("613px"));

    const fixed = await mount({ height: "30rem" });
    expect(fixed.frame.style.height).toBe("30rem");
    fixed.element.setAttribute("height", "600");
    expect(fixed.frame.style.height).toBe("600px");
  });

  it("changes the theme of a connected widget in place, and rebuilds for a new lesson", async () => {
    const widget = await mount({ lesson: "welcome" });
    const { controller, requests } = await connected(widget);
    widget.element.setAttribute("theme", "dark");
    expect(await nextRequest(requests, 1)).toMatchObject({
      method: "setTheme",
      params: { theme: "dark" },
    });
    expect(widget.frame.isConnected).toBe(true);

    widget.element.setAttribute("lesson", "client-and-daemon");
    widget.element.setAttribute("layout", "terminal"); // one rebuild for both
    expect(controller.destroyed).toBe(true);
    await Promise.resolve();
    const rebuilt = widgetOf(widget.element);
    expect(rebuilt.frame).not.toBe(widget.frame);
    expect(widget.element.shadowRoot!.querySelectorAll("iframe")).toHaveLength(1);
    expect(Object.fromEntries(rebuilt.url.searchParams)).toMatchObject({
      lesson: "client-and-daemon",
      layout: "terminal",
      theme: "dark",
    });
    const next = await connected(rebuilt);
    expect(next.controller).not.toBe(controller);
  });

  it("embed() applies options to an existing element, or creates one inside the target", async () => {
    const host = document.createElement("section");
    document.body.append(host);
    const pending = embed(host, { lesson: "welcome", layout: "editor-terminal", height: 500 });
    await Promise.resolve();
    const element = host.querySelector("docker-sandbox") as DockerSandboxElement;
    expect(element).toBeInstanceOf(DockerSandboxElement);
    const widget = widgetOf(element);
    expect(widget.url.searchParams.get("layout")).toBe("editor-terminal");
    expect(widget.frame.style.height).toBe("500px");
    const { controller } = await connected(widget);
    expect(await pending).toBe(controller);

    const again = embed(element, { theme: "light" }); // a theme change does not rebuild
    expect(await again).toBe(controller);
  });
});

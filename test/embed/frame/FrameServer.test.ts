import { afterEach, describe, expect, it } from "vitest";
import { FrameServer, type FrameHandler } from "../../../src/embed/frame/FrameServer.ts";
import {
  EmbedError,
  PROTOCOL,
  PROTOCOL_VERSION,
  type FromFrame,
} from "../../../src/embed/protocol.ts";

const HOST = "https://blog.example";

/** A frame's window whose parent records what the frame posts to it. */
function frameWindow() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const parent = { posted: [] as unknown[], postMessage: (m: unknown) => parent.posted.push(m) };
  const win = {
    parent,
    addEventListener: (_t: string, l: (e: MessageEvent) => void) => listeners.add(l),
    removeEventListener: (_t: string, l: (e: MessageEvent) => void) => listeners.delete(l),
    deliver: (event: Partial<MessageEvent>) => {
      for (const l of [...listeners]) l(event as MessageEvent);
    },
  };
  return win;
}

/** A handler whose reader answers `readerSays`, and that echoes exec. */
function handler(readerSays: boolean | "not-started" = true) {
  const asked: string[] = [];
  const handled: string[] = [];
  const h: FrameHandler = {
    lesson: () => ({ id: "first", title: "First", steps: [{ id: "s1", title: "Step" }] }),
    async handle(method, params) {
      handled.push(method);
      if (method === "exec")
        return { exitCode: 0, stdout: (params as { command: string }).command, stderr: "" };
      if (method === "readFile") throw new EmbedError("not-found", "no such file");
      return null;
    },
    askReader(origin) {
      asked.push(origin);
      if (readerSays === "not-started") return Promise.reject(new EmbedError("not-ready", "later"));
      return Promise.resolve(readerSays);
    },
  };
  return { h, asked, handled };
}

const servers: FrameServer[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.dispose()));

/** Connect as `origin` from `source`; returns the host's port and what it received. */
async function connect(
  win: ReturnType<typeof frameWindow>,
  options: { origin?: string; source?: unknown; widget?: string; version?: number } = {},
) {
  const channel = new MessageChannel();
  const received: FromFrame[] = [];
  channel.port1.onmessage = (e) => received.push(e.data as FromFrame);
  win.deliver({
    source: (options.source ?? win.parent) as MessageEventSource,
    origin: options.origin ?? HOST,
    data: {
      protocol: PROTOCOL,
      version: options.version ?? PROTOCOL_VERSION,
      type: "connect",
      widget: options.widget ?? "w1",
    },
    ports: [channel.port2],
  });
  await settle();
  return { port: channel.port1, received };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

function serve(win: ReturnType<typeof frameWindow>, h: FrameHandler, policy = {}) {
  const server = new FrameServer(
    win as unknown as Window,
    "w1",
    { embedders: null, trusted: [], ...policy },
    h,
  );
  servers.push(server);
  server.listen();
  return server;
}

describe("FrameServer: the widget frame's end of the embed protocol", () => {
  it("says hello to its parent, then welcomes a connect from the parent with its lesson", async () => {
    const win = frameWindow();
    serve(win, handler().h);
    expect(win.parent.posted[0]).toEqual({
      protocol: PROTOCOL,
      version: PROTOCOL_VERSION,
      type: "hello",
      widget: "w1",
    });
    const { received } = await connect(win);
    expect(received[0]).toMatchObject({ type: "welcome", control: "ask", lesson: { id: "first" } });
  });

  it("ignores a connect from any window but its parent, or for another widget", async () => {
    const win = frameWindow();
    const server = serve(win, handler().h);
    const stranger = await connect(win, { source: {} });
    const other = await connect(win, { widget: "w2" });
    expect(stranger.received).toEqual([]);
    expect(other.received).toEqual([]);
    expect(server.origin).toBeNull();
    const real = await connect(win);
    expect(real.received[0]?.type).toBe("welcome");
    // Only one connect is ever accepted.
    const second = await connect(win);
    expect(second.received).toEqual([]);
  });

  it("refuses origins the site does not let embed it, and other protocol versions", async () => {
    const refused = await connect(
      (() => {
        const w = frameWindow();
        serve(w, handler().h, { embedders: ["https://docs.example"] });
        return w;
      })(),
    );
    expect(refused.received[0]).toMatchObject({ type: "refused" });
    expect((refused.received[0] as { reason: string }).reason).toContain(HOST);
    const w2 = frameWindow();
    serve(w2, handler().h);
    const old = await connect(w2, { version: 99 });
    expect(old.received[0]).toMatchObject({ type: "refused" });
  });

  it("asks the reader once before a control request from an untrusted origin, and obeys", async () => {
    const win = frameWindow();
    const { h, asked, handled } = handler(true);
    serve(win, h);
    const { port, received } = await connect(win);
    port.postMessage({
      v: 1,
      type: "request",
      id: 1,
      method: "exec",
      params: { command: "echo hi" },
    });
    port.postMessage({
      v: 1,
      type: "request",
      id: 2,
      method: "exec",
      params: { command: "echo again" },
    });
    port.postMessage({ v: 1, type: "request", id: 3, method: "check", params: {} });
    await settle();
    expect(asked).toEqual([HOST]);
    expect(handled.sort()).toEqual(["check", "exec", "exec"]);
    expect(received).toContainEqual({
      v: 1,
      type: "response",
      id: 1,
      ok: true,
      result: { exitCode: 0, stdout: "echo hi", stderr: "" },
    });
  });

  it("a reader's no denies every control request; reads of state still work", async () => {
    const win = frameWindow();
    const { h, handled } = handler(false);
    serve(win, h);
    const { port, received } = await connect(win);
    port.postMessage({
      v: 1,
      type: "request",
      id: 1,
      method: "writeFile",
      params: { path: "a", content: "x" },
    });
    port.postMessage({ v: 1, type: "request", id: 2, method: "check", params: {} });
    await settle();
    expect(received).toContainEqual(
      expect.objectContaining({
        id: 1,
        ok: false,
        error: expect.objectContaining({ code: "denied" }),
      }),
    );
    expect(handled).toEqual(["check"]);
  });

  it("trusted origins act without asking", async () => {
    const win = frameWindow();
    const { h, asked } = handler(false);
    serve(win, h, { trusted: [HOST] });
    const { port, received } = await connect(win);
    expect(received[0]).toMatchObject({ control: "trusted" });
    port.postMessage({ v: 1, type: "request", id: 7, method: "exec", params: { command: "true" } });
    await settle();
    expect(asked).toEqual([]);
    expect(received).toContainEqual(expect.objectContaining({ id: 7, ok: true }));
  });

  it("answers malformed requests with bad-request, errors with their code, and asks again after not-ready", async () => {
    const win = frameWindow();
    const { h, asked } = handler("not-started");
    serve(win, h);
    const { port, received } = await connect(win);
    port.postMessage({ v: 1, type: "request", id: 1, method: "exec", params: { command: 42 } });
    port.postMessage({ v: 1, type: "request", id: 2, method: "rm -rf", params: {} });
    port.postMessage({ v: 1, type: "request", id: 3, method: "type", params: { command: "ls" } });
    port.postMessage("garbage");
    await settle();
    port.postMessage({ v: 1, type: "request", id: 4, method: "type", params: { command: "ls" } });
    await settle();
    const codes = Object.fromEntries(
      received.filter((m) => m.type === "response").map((m) => [m.id, m.ok ? "ok" : m.error.code]),
    );
    expect(codes).toEqual({ 1: "bad-request", 2: "bad-request", 3: "not-ready", 4: "not-ready" });
    expect(asked).toEqual([HOST, HOST]);
  });

  it("keeps events until a host connects, then sends them in order", async () => {
    const win = frameWindow();
    const server = serve(win, handler().h);
    server.emit("resize", { height: 360 });
    server.emit("progress", { phase: "download", loaded: 1, total: 2 });
    const { received } = await connect(win);
    expect(received.map((m) => (m.type === "event" ? m.name : m.type))).toEqual([
      "welcome",
      "resize",
      "progress",
    ]);
  });
});

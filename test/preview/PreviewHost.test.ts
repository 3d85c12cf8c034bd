import { afterEach, describe, expect, it, vi } from "vitest";
import {
  PreviewHost,
  type HostWindow,
  type PreviewHostOptions,
} from "../../src/preview/PreviewHost.ts";
import type { PreviewRequest, PreviewResponse } from "../../src/preview/protocol.ts";

const PREVIEW = "http://127.0.0.1:5173";

/** A window whose "message" listeners the test calls directly. */
function fakeWindow() {
  const listeners = new Set<(e: MessageEvent) => void>();
  const win: HostWindow = {
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
  };
  return {
    win,
    dispatch: (e: Partial<MessageEvent>) => listeners.forEach((l) => l(e as MessageEvent)),
  };
}

/** A viewer: says hello as `origin`, receives the app's port. */
function viewer() {
  let resolvePort!: (p: MessagePort) => void;
  const port = new Promise<MessagePort>((r) => (resolvePort = r));
  const source = {
    postMessage: (
      data: { type: string },
      options: { targetOrigin: string; transfer: MessagePort[] },
    ) => {
      expect(data.type).toBe("sandbox-preview-connect");
      expect(options.targetOrigin).toBe(PREVIEW);
      resolvePort(options.transfer[0]!);
    },
  };
  return { source, port };
}

const request: PreviewRequest = {
  url: `${PREVIEW}/preview/v/4000/`,
  clientUrl: null,
  referrer: "",
  method: "GET",
  headers: [],
  body: null,
};

/** Send a request on `port` the way the viewer relays the Service Worker's, and wait for the answer. */
function ask(port: MessagePort): Promise<PreviewResponse> {
  const { port1, port2 } = new MessageChannel();
  const answer = new Promise<PreviewResponse>((r) => (port1.onmessage = (e) => r(e.data)));
  port.postMessage({ type: "sandbox-preview-request", request }, [port2]);
  return answer.finally(() => port1.close());
}

let hosts: PreviewHost[] = [];
afterEach(() => {
  hosts.forEach((h) => h.dispose());
  hosts = [];
  vi.useRealTimers();
});

/** Port 4000 (the one `request` asks for) is published. */
const published: PreviewHostOptions = { isPublished: (port) => port === 4000 };

/** A host with one more hello to say: `hello()` returns the viewer's end of the port, or null if unanswered. */
function hostWith(options: PreviewHostOptions) {
  const { win, dispatch } = fakeWindow();
  hosts.push(new PreviewHost(win, PREVIEW, () => null, options));
  return {
    hello(): MessagePort | null {
      let given: MessagePort | null = null;
      const source = {
        postMessage: (_d: unknown, o: { transfer: MessagePort[] }) => (given = o.transfer[0]!),
      };
      dispatch({
        origin: PREVIEW,
        source: source as never,
        data: { type: "sandbox-preview-hello", view: "v" },
      });
      return given;
    },
  };
}

/** Viewer ends whose host end the host has closed (Node reports it as a "close" event). */
function watchClosed(ports: MessagePort[]): Set<MessagePort> {
  const closed = new Set<MessagePort>();
  for (const p of ports) p.addEventListener("close", () => closed.add(p));
  return closed;
}

/** Let pending MessagePort events arrive (on the real clock: some tests fake setTimeout). */
const realSetTimeout = globalThis.setTimeout;
const settle = () => new Promise((r) => realSetTimeout(r, 20));

describe("PreviewHost", () => {
  it("gives a viewer on the preview origin a port whose requests the handler answers", async () => {
    const { win, dispatch } = fakeWindow();
    const seen: PreviewRequest[] = [];
    const body = new TextEncoder().encode("hello").buffer as ArrayBuffer;
    hosts.push(
      new PreviewHost(
        win,
        PREVIEW,
        () => async (r) => {
          seen.push(r);
          return { status: 200, statusText: "OK", headers: [["content-type", "text/plain"]], body };
        },
        published,
      ),
    );
    const v = viewer();
    dispatch({
      origin: PREVIEW,
      source: v.source as never,
      data: { type: "sandbox-preview-hello", view: "v" },
    });
    const port = await v.port;
    const res = await ask(port);
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(res.body!)).toBe("hello");
    expect(seen[0]!.url).toBe(request.url);
    port.close();
  });

  it("answers pings, so a viewer notices when the app has gone", async () => {
    const { win, dispatch } = fakeWindow();
    hosts.push(new PreviewHost(win, PREVIEW, () => null, published));
    const v = viewer();
    dispatch({
      origin: PREVIEW,
      source: v.source as never,
      data: { type: "sandbox-preview-hello", view: "v" },
    });
    const port = await v.port;
    const pong = new Promise((r) => (port.onmessage = (e) => r(e.data)));
    port.postMessage({ type: "sandbox-preview-ping" });
    expect(await pong).toEqual({ type: "sandbox-preview-pong" });
    port.close();
  });

  it("says the sandbox is not ready when there is no VM to ask", async () => {
    const { win, dispatch } = fakeWindow();
    hosts.push(new PreviewHost(win, PREVIEW, () => null, published));
    const v = viewer();
    dispatch({
      origin: PREVIEW,
      source: v.source as never,
      data: { type: "sandbox-preview-hello", view: "v" },
    });
    const port = await v.port;
    const res = await ask(port);
    expect(res.status).toBe(503);
    expect(new TextDecoder().decode(res.body!)).toContain("Sandbox not ready");
    port.close();
  });

  it("ignores hellos from any other origin", () => {
    const { win, dispatch } = fakeWindow();
    hosts.push(new PreviewHost(win, PREVIEW, () => null, published));
    const source = { postMessage: () => expect.fail("answered a foreign origin") };
    dispatch({
      origin: "http://evil.test",
      source: source as never,
      data: { type: "sandbox-preview-hello", view: "v" },
    });
  });

  it("answers 403 for a port no container publishes, without asking the VM", async () => {
    const { win, dispatch } = fakeWindow();
    const asked: PreviewRequest[] = [];
    hosts.push(
      new PreviewHost(
        win,
        PREVIEW,
        () => async (r) => {
          asked.push(r);
          return { status: 200, statusText: "OK", headers: [], body: null };
        },
        { isPublished: (port) => port === 8080 },
      ),
    );
    const v = viewer();
    dispatch({
      origin: PREVIEW,
      source: v.source as never,
      data: { type: "sandbox-preview-hello", view: "v" },
    });
    const port = await v.port;
    const res = await ask(port); // port 4000: not published
    expect(res.status).toBe(403);
    expect(res.statusText).toBe("Forbidden");
    expect(new TextDecoder().decode(res.body!)).toContain("Port 4000 is not published");
    expect(asked).toEqual([]);
    port.close();
  });

  it("answers at most hellosPerSecond hellos a second: 1000 at once leave 8 ports", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const host = hostWith(published);
    const ports = Array.from({ length: 1000 }, () => host.hello());
    const given = ports.filter((p) => p !== null);
    expect(given).toHaveLength(8);
    vi.advanceTimersByTime(1000);
    const later = host.hello();
    expect(later).not.toBeNull();
    [...given, later!].forEach((p) => p.close());
  });

  it("keeps at most maxPorts live ports, closing the oldest first", async () => {
    const host = hostWith({ ...published, hellosPerSecond: Infinity });
    const ports = Array.from({ length: 1000 }, () => host.hello()!);
    const closed = watchClosed(ports);
    await vi.waitFor(() => expect(closed.size).toBe(1000 - 16));
    const live = ports.flatMap((p, i) => (closed.has(p) ? [] : [i]));
    expect(live).toEqual(Array.from({ length: 16 }, (_, i) => 1000 - 16 + i));
    ports.forEach((p) => p.close());
  });

  it("closes the port of a viewer that stopped pinging, and keeps one that pings", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const host = hostWith({ ...published, idleMs: 10_000 });
    const silent = host.hello()!;
    const pinging = host.hello()!;
    const closed = watchClosed([silent, pinging]);
    for (let t = 0; t < 30_000; t += 2000) {
      pinging.postMessage({ type: "sandbox-preview-ping" });
      await settle(); // the ping reaches the host before the clock moves on
      vi.advanceTimersByTime(2000);
    }
    await settle();
    expect(closed.has(silent)).toBe(true);
    expect(closed.has(pinging)).toBe(false);
    pinging.close();
  });
});

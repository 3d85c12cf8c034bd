import { afterEach, describe, expect, it } from "vitest";
import { PreviewHost, type HostWindow } from "../../src/preview/PreviewHost.ts";
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
});

describe("PreviewHost", () => {
  it("gives a viewer on the preview origin a port whose requests the handler answers", async () => {
    const { win, dispatch } = fakeWindow();
    const seen: PreviewRequest[] = [];
    const body = new TextEncoder().encode("hello").buffer as ArrayBuffer;
    hosts.push(
      new PreviewHost(win, PREVIEW, () => async (r) => {
        seen.push(r);
        return { status: 200, statusText: "OK", headers: [["content-type", "text/plain"]], body };
      }),
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
    hosts.push(new PreviewHost(win, PREVIEW, () => null));
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
    hosts.push(new PreviewHost(win, PREVIEW, () => null));
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
    hosts.push(new PreviewHost(win, PREVIEW, () => null));
    const source = { postMessage: () => expect.fail("answered a foreign origin") };
    dispatch({
      origin: "http://evil.test",
      source: source as never,
      data: { type: "sandbox-preview-hello", view: "v" },
    });
  });
});

import { describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import type { PreviewRequest } from "../../src/preview/protocol.ts";
import { proxyRequest } from "../../src/preview/proxyRequest.ts";
import type { ByteStream } from "../../src/runtime/ByteStream.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import type { FakeHttpRequest, FakeHttpResponder } from "../../src/runtime/fake/FakeHttpStream.ts";

const O = "http://127.0.0.1:5173";
const request = (path: string, extra: Partial<PreviewRequest> = {}): PreviewRequest => ({
  url: `${O}${path}`,
  clientUrl: null,
  referrer: "",
  method: "GET",
  headers: [["accept", "text/html"]],
  body: null,
  ...extra,
});
const text = (body: ArrayBuffer | null) => new TextDecoder().decode(body ?? new ArrayBuffer(0));

function guest(server: FakeHttpResponder, port = 4000) {
  const runtime = new FakeRuntime({ ports: { [port]: server } });
  return (p: number) => runtime.connect(p);
}

describe("proxyRequest", () => {
  it("asks the published port for the path, as the server's own origin, and returns its page", async () => {
    let seen: FakeHttpRequest | undefined;
    const connect = guest((r) => {
      seen = r;
      return {
        status: 200,
        body: "<h1>Welcome to nginx!</h1>",
        headers: { "Content-Type": "text/html" },
      };
    });
    const res = await proxyRequest(
      connect,
      request("/preview/v1/4000/index.html?x=1", {
        headers: [
          ["Accept", "text/html"],
          ["Origin", O],
          ["Referer", `${O}/preview/v1/4000/`],
          ["Accept-Encoding", "gzip, br"],
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(text(res.body)).toBe("<h1>Welcome to nginx!</h1>");
    expect(res.headers).toContainEqual(["content-type", "text/html"]);
    expect(seen?.path).toBe("/index.html?x=1");
    expect(seen?.headers).toMatchObject({
      host: "localhost:4000",
      origin: "http://localhost:4000",
      referer: "http://localhost:4000/",
      "accept-encoding": "identity",
    });
  });

  it("forwards a form POST with its body and keeps the redirect inside the preview", async () => {
    let seen: FakeHttpRequest | undefined;
    const connect = guest((r) => {
      seen = r;
      return { status: 302, body: "", headers: { Location: "http://localhost:4000/thanks" } };
    });
    const body = new TextEncoder().encode("name=Ada").buffer as ArrayBuffer;
    const res = await proxyRequest(
      connect,
      request("/preview/v1/4000/signup", {
        method: "POST",
        headers: [["Content-Type", "application/x-www-form-urlencoded"]],
        body,
      }),
    );
    expect(seen).toMatchObject({ method: "POST", path: "/signup", body: "name=Ada" });
    expect(res.status).toBe(302);
    expect(res.headers).toContainEqual(["location", "/preview/v1/4000/thanks"]);
  });

  it("decodes a body the server gzipped anyway", async () => {
    const connect = async () => {
      const body = gzipSync("compressed hello");
      const head = `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`;
      return cannedStream(Buffer.concat([Buffer.from(head), body]));
    };
    const res = await proxyRequest(connect, request("/preview/v1/4000/"));
    expect(text(res.body)).toBe("compressed hello");
    expect(res.headers.find(([k]) => k === "content-encoding")).toBeUndefined();
  });

  it("answers 502 instead of unpacking a gzip bomb past 32 MiB", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }); // ~64 KiB on the wire
    const connect = async () => {
      const head = `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\n\r\n`;
      return cannedStream(Buffer.concat([Buffer.from(head), bomb]));
    };
    const res = await proxyRequest(connect, request("/preview/v1/4000/"));
    expect(res.status).toBe(502);
    expect(text(res.body)).toContain("The answer from port 4000 is too large");
    expect(text(res.body)).toContain("more than 32 MiB");
  });

  it("passes a compressed body that stays within the cap", async () => {
    const connect = async () => {
      const body = gzipSync(Buffer.alloc(1024, 0x61));
      const head = `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`;
      return cannedStream(Buffer.concat([Buffer.from(head), body]));
    };
    const res = await proxyRequest(connect, request("/preview/v1/4000/"), {
      maxDecodedBytes: 1024,
    });
    expect(res.status).toBe(200);
    expect(res.body?.byteLength).toBe(1024);
  });

  it("answers 502 for a compressed body that does not decompress", async () => {
    const connect = async () => {
      const head = "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 5\r\n\r\n";
      return cannedStream(Buffer.concat([Buffer.from(head), Buffer.from("nope!")]));
    };
    const res = await proxyRequest(connect, request("/preview/v1/4000/"));
    expect(res.status).toBe(502);
    expect(text(res.body)).toContain("cannot be read");
  });

  it("explains a port nobody listens on, and retries by itself", async () => {
    const res = await proxyRequest(
      guest(() => ({ status: 200 }), 9999),
      request("/preview/v1/4000/"),
    );
    expect(res.status).toBe(502);
    const html = text(res.body);
    expect(html).toContain("Nothing is answering on port 4000 yet");
    expect(html).toContain("docker ps");
    expect(html).toContain('http-equiv="refresh"');
  });

  it("gives up on a server that never answers, with a 504 page", async () => {
    const connect = async () => cannedStream(null);
    const res = await proxyRequest(connect, request("/preview/v1/4000/"), { timeoutMs: 50 });
    expect(res.status).toBe(504);
    expect(text(res.body)).toContain("did not answer");
  });

  it("refuses addresses that name no port", async () => {
    const res = await proxyRequest(
      guest(() => ({ status: 200 })),
      request("/elsewhere"),
    );
    expect(res.status).toBe(400);
  });
});

/** A stream that answers any request with `bytes` then ends (or never, for null). */
function cannedStream(bytes: Uint8Array | null): ByteStream {
  const data: ((c: Uint8Array) => void)[] = [];
  const end: (() => void)[] = [];
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  return {
    write() {
      if (!bytes) return;
      queueMicrotask(() => {
        for (const l of data) l(bytes);
        for (const l of end) l();
      });
    },
    end() {},
    close: () => resolveClosed(),
    closed,
    onData: (l) => (data.push(l), () => {}),
    onEnd: (l) => (end.push(l), () => {}),
  };
}

import { describe, expect, it } from "vitest";
import {
  HttpProtocolError,
  httpRequest,
  httpRequestStreaming,
} from "../../../src/runtime/docker/http.ts";
import {
  DOCKER_HEADERS,
  FakeStream,
  ODD_CHUNKS,
  chunkedResponse,
  randomChunks,
  rawResponse,
} from "./fakeStream.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const PING = rawResponse(
  "200 OK",
  [
    ...DOCKER_HEADERS,
    "Builder-Version: 2",
    "Cache-Control: no-cache, no-store, must-revalidate",
    "Pragma: no-cache",
    "Content-Type: text/plain; charset=utf-8",
  ],
  "OK",
);

const SPLITS: [string, readonly number[] | undefined][] = [
  ["one chunk", undefined],
  ["1-byte chunks", [1]],
  ["odd chunks", ODD_CHUNKS],
  ["random chunks (seed 1)", randomChunks(1)],
  ["random chunks (seed 42)", randomChunks(42, 200, 7)],
];

describe("httpRequest: what is written", () => {
  it("writes the request line, Host: docker and Connection: close, and does not half-close", async () => {
    const stream = new FakeStream(PING);
    await httpRequest(stream, { method: "GET", path: "/v1.41/_ping" });
    expect(stream.requestText).toBe(
      "GET /v1.41/_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n",
    );
    // A half-close would make dockerd cancel the request (it treats EOF as a gone client).
    expect(stream.endCalls).toBe(0);
  });

  it("sends a body with its UTF-8 byte length and lets headers override the defaults", async () => {
    const stream = new FakeStream(PING);
    await httpRequest(stream, {
      method: "POST",
      path: "/v1.41/containers/create?name=web",
      headers: { "Content-Type": "application/json", host: "localhost" },
      body: '{"Image":"busybox","Cmd":["echo","é"]}',
    });
    expect(stream.requestText).toBe(
      "POST /v1.41/containers/create?name=web HTTP/1.1\r\n" +
        "host: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n" +
        'Content-Length: 39\r\n\r\n{"Image":"busybox","Cmd":["echo","é"]}',
    );
  });

  it("rejects unencoded paths and header injection without writing anything", async () => {
    const bad = new FakeStream(PING);
    await expect(
      httpRequest(bad, { method: "GET", path: "/images/my image/json" }),
    ).rejects.toThrow(TypeError);
    const injected = new FakeStream(PING);
    await expect(
      httpRequest(injected, { method: "GET", path: "/x", headers: { "X-A": "1\r\nEvil: yes" } }),
    ).rejects.toThrow(/invalid HTTP header/);
    expect(bad.writes).toHaveLength(0);
    expect(injected.writes).toHaveLength(0);
    expect(bad.isClosed && injected.isClosed).toBe(true);
  });
});

describe("httpRequest: reading responses", () => {
  for (const [name, chunkSizes] of SPLITS) {
    it(`parses a Content-Length response delivered in ${name}`, async () => {
      const stream = new FakeStream(PING, { chunkSizes });
      const response = await httpRequest(stream, { method: "GET", path: "/v1.41/_ping" });
      expect(response.status).toBe(200);
      expect(response.statusText).toBe("OK");
      expect(response.headers.get("api-version")).toBe("1.41");
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(text(response.body)).toBe("OK");
      expect(stream.isClosed).toBe(true);
    });

    it(`decodes a chunked body with extensions and trailers delivered in ${name}`, async () => {
      const raw =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
        "5;name=value\r\nhello\r\n1B\r\n, chunked world! 0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n";
      const response = await httpRequest(new FakeStream(raw, { chunkSizes }), {
        method: "GET",
        path: "/x",
      });
      expect(text(response.body)).toBe("hello, chunked world! 0123456789");
    });
  }

  it("finishes at the end of a Content-Length body without waiting for the peer to close", async () => {
    const stream = new FakeStream(PING, { end: false });
    const response = await httpRequest(stream, { method: "GET", path: "/v1.41/_ping" });
    expect(text(response.body)).toBe("OK");
    expect(stream.closeCalls).toBe(1);
  });

  it("reads a body without length or chunking until the connection closes", async () => {
    const raw =
      "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\nraw bytes until EOF";
    const response = await httpRequest(new FakeStream(raw, { chunkSizes: [3] }), {
      method: "GET",
      path: "/x",
    });
    expect(text(response.body)).toBe("raw bytes until EOF");
  });

  it.each([
    ["204 No Content", "HTTP/1.1 204 No Content\r\n" + DOCKER_HEADERS.join("\r\n") + "\r\n\r\n"],
    ["304 Not Modified", "HTTP/1.1 304 Not Modified\r\nContent-Length: 120\r\n\r\n"],
    [
      "101 Switching Protocols",
      "HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n",
    ],
  ])("treats %s as having no body, even if the peer never closes", async (_name, raw) => {
    const stream = new FakeStream(raw, { end: false });
    const response = await httpRequest(stream, {
      method: "POST",
      path: "/v1.41/containers/x/start",
    });
    expect(response.body).toHaveLength(0);
    expect(stream.isClosed).toBe(true);
  });

  it("does not expect a body for HEAD requests", async () => {
    const raw = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n";
    const response = await httpRequest(new FakeStream(raw, { end: false }), {
      method: "HEAD",
      path: "/_ping",
    });
    expect(response.headers.get("content-length")).toBe("2");
    expect(response.body).toHaveLength(0);
  });

  it("skips an interim 100 Continue and joins repeated headers", async () => {
    const raw =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nWarning: a\r\nwarning: b\r\nContent-Length: 0\r\n\r\n";
    const response = await httpRequest(new FakeStream(raw, { chunkSizes: [1] }), {
      method: "POST",
      path: "/x",
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("warning")).toBe("a, b");
  });
});

describe("httpRequest: errors", () => {
  it.each([
    ["a non-HTTP status line", "SSH-2.0-OpenSSH_9.2\r\n\r\n", /malformed status line/],
    [
      "a header without a colon",
      "HTTP/1.1 200 OK\r\nbroken header\r\n\r\n",
      /malformed header line/,
    ],
    [
      "a bad Content-Length",
      "HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n",
      /malformed Content-Length/,
    ],
    [
      "a bad chunk size",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
      /malformed chunk size/,
    ],
    [
      "chunk data longer than its size",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n",
      /missing CRLF after chunk data/,
    ],
  ])("rejects %s with an HttpProtocolError and closes the stream", async (_name, raw, message) => {
    const stream = new FakeStream(raw, { chunkSizes: [1], end: false });
    const error = await httpRequest(stream, { method: "GET", path: "/x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpProtocolError);
    expect((error as Error).message).toMatch(message);
    expect(stream.isClosed).toBe(true);
  });

  it.each([
    ["before any response", "", "connection closed before any response was received"],
    [
      "in the headers",
      "HTTP/1.1 200 OK\r\nContent-Ty",
      "connection closed in the middle of the response headers",
    ],
    [
      "in a Content-Length body",
      "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello",
      "connection closed after 5 of 10 body bytes",
    ],
    [
      "in a chunked body",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel",
      "connection closed in the middle of a chunked body",
    ],
  ])("rejects with a clear error when the stream ends early %s", async (_name, raw, message) => {
    const stream = new FakeStream(raw, { chunkSizes: [4] });
    const promise = httpRequest(stream, { method: "GET", path: "/x" });
    await expect(promise).rejects.toThrow(HttpProtocolError);
    await expect(promise).rejects.toThrow(message);
  });

  it("rejects with the stream's failure when the connection breaks", async () => {
    const stream = new FakeStream();
    const broken: FakeStream & { closed: Promise<void> } = Object.assign(stream, {
      closed: Promise.reject(new Error("tunnel lost")),
    });
    await expect(httpRequest(broken, { method: "GET", path: "/x" })).rejects.toThrow("tunnel lost");
  });
});

describe("httpRequestStreaming", () => {
  const EVENTS_HEAD =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

  it("resolves at the headers and yields body chunks as they arrive", async () => {
    const stream = new FakeStream();
    const pending = httpRequestStreaming(stream, { method: "GET", path: "/v1.41/events" });
    stream.emitData(EVENTS_HEAD);
    const response = await pending;
    expect(response.status).toBe(200);
    const iterator = response.body[Symbol.asyncIterator]();
    stream.emitData("3\r\nabc\r\n");
    expect(text((await iterator.next()).value as Uint8Array)).toBe("abc");
    stream.emitData("2\r\nde\r\n0\r\n\r\n");
    expect(text((await iterator.next()).value as Uint8Array)).toBe("de");
    expect((await iterator.next()).done).toBe(true);
    expect(stream.isClosed).toBe(true);
  });

  it("closes the stream when the consumer stops iterating early", async () => {
    const stream = new FakeStream(chunkedResponse("200 OK", DOCKER_HEADERS, ["a", "b", "c"]), {
      end: false,
    });
    const response = await httpRequestStreaming(stream, { method: "GET", path: "/v1.41/events" });
    for await (const chunk of response.body) {
      expect(text(chunk)).toBe("a");
      break;
    }
    expect(stream.isClosed).toBe(true);
  });

  it("rejects with an AbortError and never writes when the signal is already aborted", async () => {
    const stream = new FakeStream(PING);
    const controller = new AbortController();
    controller.abort();
    const error = await httpRequest(stream, {
      method: "GET",
      path: "/x",
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(stream.writes).toHaveLength(0);
    expect(stream.isClosed).toBe(true);
  });

  it("rejects with an AbortError when aborted while waiting for the headers", async () => {
    const stream = new FakeStream();
    const controller = new AbortController();
    const pending = httpRequest(stream, { method: "GET", path: "/x", signal: controller.signal });
    stream.emitData("HTTP/1.1 200 OK\r\n");
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(stream.isClosed).toBe(true);
  });

  it("fails the body with an AbortError and closes the stream when aborted mid-body", async () => {
    const stream = new FakeStream(
      chunkedResponse("200 OK", DOCKER_HEADERS, ["first", "second", "third"]),
      { chunkSizes: [7], slow: true, end: false },
    );
    const controller = new AbortController();
    const response = await httpRequestStreaming(stream, {
      method: "GET",
      path: "/v1.41/containers/web/logs?follow=1",
      signal: controller.signal,
    });
    const received: string[] = [];
    const error = await (async () => {
      for await (const chunk of response.body) {
        received.push(text(chunk));
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect((error as DOMException).name).toBe("AbortError");
    expect(received.join("").length).toBeLessThan("firstsecondthird".length);
    expect(stream.isClosed).toBe(true);
  });
});

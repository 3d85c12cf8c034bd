import type { ByteStream, Unsubscribe } from "../ByteStream.ts";
import { Emitter } from "../Emitter.ts";

/** A request as seen by a fake HTTP responder. */
export interface FakeHttpRequest {
  method: string;
  /** Path with query string, e.g. `/v1.41/images/busybox/json`. */
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A canned answer: `json` is serialised; `body` is sent as is. */
export interface FakeHttpResponse {
  status: number;
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
}

export type FakeHttpResponder = (
  request: FakeHttpRequest,
) => FakeHttpResponse | Promise<FakeHttpResponse>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A ByteStream that plays an HTTP server: it parses one request written to it
 * and answers through `responder`. Lets the real Docker client run against
 * recorded Engine API data in unit tests of checkers and UI state.
 */
export class FakeHttpStream implements ByteStream {
  #events = new Emitter<{ data: Uint8Array; end: void }>();
  #request = "";
  #answered = false;
  #done = false;
  #resolveClosed!: () => void;
  readonly closed = new Promise<void>((r) => (this.#resolveClosed = r));

  constructor(private readonly responder: FakeHttpResponder) {}

  write(data: Uint8Array): void {
    this.#request += decoder.decode(data);
    const headerEnd = this.#request.indexOf("\r\n\r\n");
    if (headerEnd < 0 || this.#answered) return;
    const [head = "", ...rest] = this.#request.slice(0, headerEnd).split("\r\n");
    const headers = Object.fromEntries(
      rest.map((line) => [
        line.slice(0, line.indexOf(":")).toLowerCase(),
        line.slice(line.indexOf(":") + 1).trim(),
      ]),
    );
    const body = this.#request.slice(headerEnd + 4);
    if (body.length < Number(headers["content-length"] ?? 0)) return;
    this.#answered = true;
    const [method = "GET", path = "/"] = head.split(" ");
    void Promise.resolve(this.responder({ method, path, headers, body })).then((res) =>
      this.#reply(res),
    );
  }

  end(): void {}

  close(): void {
    this.#finish();
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    return this.#events.on("data", listener);
  }

  onEnd(listener: () => void): Unsubscribe {
    return this.#events.on("end", listener);
  }

  #reply(res: FakeHttpResponse): void {
    if (this.#done) return;
    const body = res.json !== undefined ? JSON.stringify(res.json) : (res.body ?? "");
    const headers = {
      "Content-Type": res.json !== undefined ? "application/json" : "text/plain",
      ...res.headers,
      "Content-Length": String(encoder.encode(body).length),
    };
    const head = `HTTP/1.1 ${res.status} ${res.status < 400 ? "OK" : "Error"}\r\n${Object.entries(
      headers,
    )
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join("")}\r\n`;
    // Deliver asynchronously, as a real stream would.
    queueMicrotask(() => {
      this.#events.emit("data", encoder.encode(head + body));
      this.#finish();
    });
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#events.emit("end", undefined);
    this.#resolveClosed();
  }
}

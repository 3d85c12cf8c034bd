import type { ByteStream, Unsubscribe } from "../ByteStream.ts";
import { Emitter, abortError } from "../Emitter.ts";
import type { V86Like, V86TcpConnection } from "./emulator.ts";

/**
 * Open a TCP connection from the host into the guest through v86's fake
 * network (the guest sees it coming from the router, 192.168.86.1). Rejects
 * if the guest refuses (RST) or does not answer within `timeoutMs`.
 */
export function openTcp(
  emulator: V86Like,
  port: number,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ByteStream> {
  const adapter = emulator.network_adapter;
  if (!adapter) return Promise.reject(new Error("the VM has no network adapter"));
  const { signal, timeoutMs = 10_000 } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const conn = adapter.connect(port);
    const stream = new TcpStream(conn);
    const fail = (err: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      stream.close();
      reject(err);
    };
    const onAbort = () => fail(abortError(signal));
    const timer = setTimeout(
      () => fail(new Error(`connection to guest port ${port} timed out after ${timeoutMs} ms (is the guest network up?)`)),
      timeoutMs,
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    stream.connected.then(
      () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve(stream);
      },
      () => fail(new Error(`connection refused: nothing listens on guest port ${port}`)),
    );
  });
}

class TcpStream implements ByteStream {
  #events = new Emitter<{ data: Uint8Array; end: void }>();
  #early: Uint8Array[] = [];
  #listening = false;
  #ended = false;
  #closed = false;
  #resolveClosed!: () => void;
  readonly closed: Promise<void>;
  readonly connected: Promise<void>;

  constructor(private readonly conn: V86TcpConnection) {
    this.closed = new Promise((r) => (this.#resolveClosed = r));
    this.connected = new Promise((resolve, reject) => {
      conn.on("connect", () => resolve());
      conn.on("close", () => {
        reject(new Error("closed"));
        this.#finish();
      });
    });
    this.connected.catch(() => {});
    conn.on("data", (data) => {
      const chunk = data.slice(); // v86 reuses its packet buffer
      if (this.#listening) this.#events.emit("data", chunk);
      else this.#early.push(chunk);
    });
    conn.on("shutdown", () => this.#peerEnded());
  }

  write(data: Uint8Array): void {
    if (this.#closed) throw new Error("write after close");
    this.conn.write(data);
  }

  end(): void {
    this.conn.close(); // sends FIN; the guest may still answer
  }

  close(): void {
    if (this.#closed) return;
    this.conn.close();
    this.#finish();
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    const off = this.#events.on("data", listener);
    if (!this.#listening) {
      this.#listening = true;
      for (const chunk of this.#early.splice(0)) listener(chunk);
    }
    return off;
  }

  onEnd(listener: () => void): Unsubscribe {
    if (this.#ended) {
      queueMicrotask(listener);
      return () => {};
    }
    return this.#events.on("end", listener);
  }

  #peerEnded(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#events.emit("end", undefined);
  }

  #finish(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#peerEnded();
    this.#events.clear();
    this.#resolveClosed();
  }
}

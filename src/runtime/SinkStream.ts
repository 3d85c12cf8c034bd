import type { ByteStream, Unsubscribe } from "./ByteStream.ts";
import { Emitter } from "./Emitter.ts";

/** What a SinkStream needs from its transport. */
export interface StreamSink {
  write(bytes: Uint8Array): void;
  end(): void;
  close(): void;
}

/**
 * A {@link ByteStream} whose writes go to a transport (`sink`) and whose
 * incoming bytes the transport pushes with `deliver`/`finish`: a control
 * channel's Unix socket, a TCP connection into the guest, a worker stream.
 * Data that arrives before anyone listens is buffered, so a caller can write
 * a request and subscribe afterwards without losing the response.
 */
export class SinkStream implements ByteStream {
  #events = new Emitter<{ data: Uint8Array; end: void }>();
  #early: Uint8Array[] = [];
  #hasDataListener = false;
  #ended = false; // peer finished
  #writable = true;
  #done = false;
  #resolveClosed!: () => void;
  readonly closed: Promise<void>;

  constructor(private readonly sink: StreamSink) {
    this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
  }

  write(data: Uint8Array): void {
    if (!this.#writable) throw new Error("write after end or close");
    if (data.length) this.sink.write(data);
  }

  end(): void {
    if (!this.#writable) return;
    this.#writable = false;
    this.sink.end();
  }

  close(): void {
    if (this.#done) return;
    this.#writable = false;
    this.sink.close();
    this.finish();
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    const off = this.#events.on("data", listener);
    if (!this.#hasDataListener) {
      this.#hasDataListener = true;
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

  /** Transport side: bytes from the guest. */
  deliver(chunk: Uint8Array): void {
    if (this.#hasDataListener) this.#events.emit("data", chunk);
    else this.#early.push(chunk);
  }

  /** Transport side: the guest closed its end. */
  finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#writable = false;
    this.#ended = true;
    this.#events.emit("end", undefined);
    this.#events.clear();
    this.#resolveClosed();
  }
}

/** Removes a listener that was added by an `on…` method. */
export type Unsubscribe = () => void;

/**
 * A bidirectional byte stream into the guest: a TCP connection made with
 * `Runtime.connect(port)`, or a Unix socket opened over the control channel
 * (the Docker Engine API). Modelled on a socket: ordered bytes, half-close
 * with `end()`, hard close with `close()`.
 */
export interface ByteStream {
  /** Queue bytes for the peer. Throws if the stream was ended or closed. */
  write(data: Uint8Array): void;
  /** Half-close: no more writes from us; the peer may still send. */
  end(): void;
  /** Close both directions now and release resources. Idempotent. */
  close(): void;
  /** Bytes from the peer, in order. */
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe;
  /** The peer finished sending (or the stream closed). Fires once. */
  onEnd(listener: () => void): Unsubscribe;
  /** Resolves when the stream is fully closed; rejects with the reason it failed. */
  readonly closed: Promise<void>;
}

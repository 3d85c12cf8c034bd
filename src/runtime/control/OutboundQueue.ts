/**
 * Host→guest flow control. v86's virtio-console drops input when the guest has
 * no receive buffer posted (16 per port, 4 KiB each), and the guest cannot run
 * while the host sends in a synchronous loop. So bytes leave in events of at
 * most `maxEventBytes`, with at most `maxEvents` events and `windowBytes`
 * bytes not yet confirmed by the agent's CREDIT frames.
 */
export class OutboundQueue {
  #pending: Uint8Array[] = [];
  #sent = 0; // total bytes handed to the port
  #acked = 0; // total bytes the agent confirmed
  #inFlight: number[] = []; // end offsets of unconfirmed events

  constructor(
    private readonly send: (bytes: Uint8Array) => void,
    private readonly limits = { maxEventBytes: 4096, maxEvents: 8, windowBytes: 16 * 1024 },
  ) {}

  push(bytes: Uint8Array): void {
    if (bytes.length) this.#pending.push(bytes);
    this.#pump();
  }

  /**
   * The agent read `n` more bytes from the port. Never more than was sent: a
   * forged or corrupt CREDIT must not open the window beyond what the guest's
   * receive buffers can hold (v86 would drop the excess and desync the stream).
   */
  credit(n: number): void {
    this.#acked = Math.min(this.#acked + n, this.#sent);
    while (this.#inFlight.length && this.#inFlight[0]! <= this.#acked) this.#inFlight.shift();
    this.#pump();
  }

  /** Bytes queued but not yet sent (backpressure signal for callers). */
  get queuedBytes(): number {
    return this.#pending.reduce((n, b) => n + b.length, 0);
  }

  clear(): void {
    this.#pending = [];
    this.#inFlight = [];
  }

  #pump(): void {
    const { maxEventBytes, maxEvents, windowBytes } = this.limits;
    while (this.#pending.length && this.#inFlight.length < maxEvents) {
      const room = Math.min(maxEventBytes, windowBytes - (this.#sent - this.#acked));
      if (room <= 0) return;
      const event = this.#take(room);
      this.#sent += event.length;
      this.#inFlight.push(this.#sent);
      this.send(event);
    }
  }

  /** Up to `max` bytes from the head of the queue, coalescing small frames. */
  #take(max: number): Uint8Array {
    const first = this.#pending[0]!;
    if (first.length >= max) {
      this.#pending[0] = first.subarray(max);
      if (!this.#pending[0].length) this.#pending.shift();
      return first.subarray(0, max);
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    while (this.#pending.length && size < max) {
      const head = this.#pending[0]!;
      const n = Math.min(head.length, max - size);
      parts.push(head.subarray(0, n));
      size += n;
      if (n === head.length) this.#pending.shift();
      else this.#pending[0] = head.subarray(n);
    }
    const out = new Uint8Array(size);
    let off = 0;
    for (const p of parts) {
      out.set(p, off);
      off += p.length;
    }
    return out;
  }
}

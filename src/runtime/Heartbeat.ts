/** Timing of a {@link Heartbeat}. */
export interface HeartbeatTiming {
  /** Ping once the peer has been silent this long, and again each time this much more passes. Default 3 s. */
  pingAfterMs?: number;
  /** Declare the peer dead after this much silence. Default 12 s. */
  deadAfterMs?: number;
  /** How often the silence is checked. Default 1 s. */
  checkEveryMs?: number;
  /**
   * A check that runs this much later than scheduled means this thread was
   * not running (a throttled background tab, a suspended laptop): the peer
   * could not have been heard either, so the silence count restarts instead
   * of failing. Default 2 s.
   */
  lateAfterMs?: number;
}

/**
 * Watches a peer that answers pings (the guest agent, the emulator's worker).
 * Any sign of life ({@link heard}) resets the count; after a while of silence
 * it pings, and when the silence lasts `deadAfterMs` it calls `dead` once and
 * stops. A busy peer is given the whole time: only silence counts, and only
 * while this side was actually running.
 */
export class Heartbeat {
  #lastHeard = Date.now();
  #lastPing = 0;
  #due = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #timing: Required<HeartbeatTiming>;

  constructor(
    private readonly peer: { ping(): void; dead(silentMs: number): void },
    timing: HeartbeatTiming = {},
  ) {
    this.#timing = {
      pingAfterMs: 3_000,
      deadAfterMs: 12_000,
      checkEveryMs: 1_000,
      lateAfterMs: 2_000,
      ...timing,
    };
    this.#schedule();
  }

  /** The peer said something: it is alive. */
  heard(): void {
    this.#lastHeard = Date.now();
    this.#lastPing = 0;
  }

  /** Stop watching. Idempotent. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #schedule(): void {
    this.#due = Date.now() + this.#timing.checkEveryMs;
    this.#timer = setTimeout(() => this.#check(), this.#timing.checkEveryMs);
  }

  #check(): void {
    const now = Date.now();
    const { pingAfterMs, deadAfterMs, lateAfterMs } = this.#timing;
    if (now - this.#due > lateAfterMs) this.heard();
    const silent = now - this.#lastHeard;
    if (silent >= deadAfterMs) {
      this.stop();
      this.peer.dead(silent);
      return;
    }
    if (silent >= pingAfterMs && now - this.#lastPing >= pingAfterMs) {
      this.#lastPing = now;
      this.peer.ping();
    }
    this.#schedule();
  }
}

import type { Unsubscribe } from "../runtime/ByteStream.ts";
import type { Runtime, TerminalSession } from "../runtime/Runtime.ts";
import { LEARNER_SHELL } from "../runtime/workspace.ts";

export type TerminalStatus = "connecting" | "open" | "exited" | "failed";

/**
 * One learner terminal: a login shell on a pty in the guest. The component
 * owns the xterm instance (DOM); this class owns the guest session and
 * outlives re-renders. Output that arrives while no view is attached is kept
 * (up to a limit) and replayed when a view attaches.
 */
export class TerminalState {
  #status = $state<TerminalStatus>("connecting");
  #error = $state<string | null>(null);
  #session: TerminalSession | null = null;
  #view: ((data: Uint8Array) => void) | null = null;
  #backlog: Uint8Array[] = [];
  #size = { cols: 80, rows: 24 };
  #unsubscribe: Unsubscribe[] = [];
  /** Keystrokes held back while the learner's files are being put back (null: not holding). */
  #held: string[] | null = null;

  constructor(
    private readonly runtime: Runtime,
    /** The tab's label. */
    readonly title = "Terminal",
  ) {}

  get status() {
    return this.#status;
  }
  get error() {
    return this.#error;
  }

  /** Open the shell (again, after `exit`). */
  async open(): Promise<void> {
    this.close();
    this.#status = "connecting";
    try {
      const asked = { ...this.#size };
      const session = await this.runtime.openTerminal({ ...asked, command: LEARNER_SHELL });
      this.#session = session;
      // The view may have been fitted while the session was opening.
      if (asked.cols !== this.#size.cols || asked.rows !== this.#size.rows) {
        session.resize(this.#size.cols, this.#size.rows);
      }
      this.#unsubscribe.push(
        session.onData((data) => this.#output(data)),
        session.onExit((code) => {
          this.#status = "exited";
          this.#output(
            new TextEncoder().encode(
              `\r\n[shell exited with code ${code}; press Enter to start a new one]\r\n`,
            ),
          );
        }),
      );
      this.#status = "open";
    } catch (err) {
      this.#status = "failed";
      this.#error = (err as Error).message;
    }
  }

  /** Attach a view; returns the detach function. Replays what arrived meanwhile. */
  attach(write: (data: Uint8Array) => void): () => void {
    this.#view = write;
    for (const chunk of this.#backlog.splice(0)) write(chunk);
    return () => {
      if (this.#view === write) this.#view = null;
    };
  }

  /** Called with every chunk the learner types (e.g. to notice Enter). */
  onInput: ((data: string) => void) | null = null;

  /** Keystrokes and pastes from the view. */
  input(data: string): void {
    if (this.#held) {
      this.#held.push(data);
      return;
    }
    this.onInput?.(data);
    if (this.#status === "exited") {
      if (data.includes("\r")) void this.open();
      return;
    }
    this.#session?.write(data);
  }

  /**
   * Hold keystrokes instead of sending them (they are sent, in order, by
   * `release`): a command typed before the learner's files are back would
   * run against the snapshot's older copies.
   */
  hold(): void {
    this.#held ??= [];
  }

  release(): void {
    const held = this.#held;
    this.#held = null;
    for (const data of held ?? []) this.input(data);
  }

  resize(cols: number, rows: number): void {
    if (cols === this.#size.cols && rows === this.#size.rows) return;
    this.#size = { cols, rows };
    this.#session?.resize(cols, rows);
  }

  close(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#session?.close();
    this.#session = null;
  }

  #output(data: Uint8Array): void {
    if (this.#view) {
      this.#view(data);
      return;
    }
    this.#backlog.push(data);
    // Keep about the last 1 MiB for a view that attaches late.
    let total = this.#backlog.reduce((n, c) => n + c.length, 0);
    while (total > 1 << 20 && this.#backlog.length > 1) total -= this.#backlog.shift()!.length;
  }
}

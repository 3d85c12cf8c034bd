import type { Runtime } from "../runtime/Runtime.ts";
import { TerminalState } from "./TerminalState.svelte.ts";

/** At most this many terminal tabs: each is a shell in a guest with one slow CPU. */
export const MAX_TERMINALS = 4;

/**
 * The learner's terminal tabs. The first opens when the sandbox is ready;
 * more can be added (say, one for `docker run -it`, one for `docker ps`).
 * Click-to-run commands go to the active tab.
 */
export class TerminalsState {
  #tabs = $state<TerminalState[]>([]);
  #active = $state(0);
  #runtime: Runtime | null = null;
  #counter = 0;
  /** How many holders keep input back (see `holdInput`). */
  #holds = 0;
  /** Called with everything typed into any tab (the workspace watches for Enter). */
  onInput: ((data: string) => void) | null = null;

  get tabs(): readonly TerminalState[] {
    return this.#tabs;
  }
  get activeIndex(): number {
    return this.#active;
  }
  get active(): TerminalState | null {
    return this.#tabs[this.#active] ?? null;
  }
  get canAdd(): boolean {
    return this.#runtime !== null && this.#tabs.length < MAX_TERMINALS;
  }

  /** (Re)open with one fresh tab on `runtime`. */
  async start(runtime: Runtime): Promise<void> {
    this.closeAll();
    this.#runtime = runtime;
    this.#counter = 0;
    await this.add();
  }

  async add(): Promise<TerminalState | null> {
    if (!this.#runtime || this.#tabs.length >= MAX_TERMINALS) return null;
    const term = new TerminalState(this.#runtime, `Terminal ${++this.#counter}`);
    term.onInput = (data) => this.onInput?.(data);
    if (this.#holds > 0) term.hold();
    this.#tabs.push(term);
    this.#active = this.#tabs.length - 1;
    await term.open();
    return term;
  }

  /**
   * Hold what the learner types in every tab (and in tabs opened meanwhile)
   * until the returned function is called; the prompt still shows at once.
   * Typed text is sent then, in order, so nothing is lost.
   */
  holdInput(): () => void {
    this.#holds++;
    for (const term of this.#tabs) term.hold();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#holds > 0) return;
      for (const term of this.#tabs) term.release();
    };
  }

  select(index: number): void {
    if (index >= 0 && index < this.#tabs.length) this.#active = index;
  }

  close(index: number): void {
    const [term] = this.#tabs.splice(index, 1);
    term?.close();
    if (this.#active >= this.#tabs.length) this.#active = Math.max(0, this.#tabs.length - 1);
  }

  closeAll(): void {
    for (const term of this.#tabs.splice(0)) term.close();
    this.#active = 0;
  }

  /**
   * Type `command` into the active terminal and press Enter, as if the
   * learner had typed it (it lands in whatever runs in the foreground).
   * Returns false when no terminal is open.
   */
  type(command: string): boolean {
    const term = this.active;
    if (!term || term.status !== "open") return false;
    // Ctrl-U first clears a half-typed line so the command runs as shown.
    term.input("\x15" + command.replace(/\r?\n/g, "\r") + "\r");
    return true;
  }
}

import type { Unsubscribe } from "./ByteStream.ts";
import { Emitter } from "./Emitter.ts";
import type { RuntimeEvents, RuntimeStatus } from "./Runtime.ts";

/** Status and typed events, shared by every Runtime implementation. */
export abstract class RuntimeBase {
  #status: RuntimeStatus = "idle";
  protected readonly events = new Emitter<RuntimeEvents>();

  get status(): RuntimeStatus {
    return this.#status;
  }

  on<K extends keyof RuntimeEvents>(
    event: K,
    listener: (value: RuntimeEvents[K]) => void,
  ): Unsubscribe {
    return this.events.on(event, listener);
  }

  /** Record a new status and tell the listeners. */
  protected setStatus(status: RuntimeStatus): void {
    this.#status = status;
    this.events.emit("status", status);
  }
}

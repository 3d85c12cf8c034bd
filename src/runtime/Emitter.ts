import type { Unsubscribe } from "./ByteStream.ts";

/** A typed event map: `on` returns its own unsubscribe function. */
export class Emitter<Events extends object> {
  #listeners = new Map<keyof Events, Set<(value: never) => void>>();

  on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): Unsubscribe {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (value: never) => void);
    return () => set.delete(listener as (value: never) => void);
  }

  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      (listener as (value: Events[K]) => void)(value);
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}

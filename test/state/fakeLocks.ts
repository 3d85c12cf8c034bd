import type { ChannelLike, LockManagerLike } from "../../src/state/tabLocks.ts";

/**
 * An exclusive-only `navigator.locks` for one browser: every tab in a test
 * shares one instance. A lock is held until its callback's promise settles;
 * waiters get it in order.
 */
export class FakeLockManager implements LockManagerLike {
  readonly held = new Set<string>();
  #queues = new Map<string, (() => void)[]>();

  async request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void> | void,
  ): Promise<unknown> {
    if (this.held.has(name)) {
      if (options.ifAvailable) return callback(null);
      await new Promise<void>((resolve, reject) => {
        const queue = this.#queues.get(name) ?? [];
        this.#queues.set(name, queue);
        const signal = options.signal;
        const abort = () => {
          queue.splice(queue.indexOf(go), 1);
          reject(signal?.reason);
        };
        const go = () => {
          signal?.removeEventListener("abort", abort);
          resolve();
        };
        queue.push(go);
        signal?.addEventListener("abort", abort);
      });
    }
    this.held.add(name);
    try {
      return await callback({ name, mode: "exclusive" });
    } finally {
      this.held.delete(name);
      this.#queues.get(name)?.shift()?.();
    }
  }
}

/** BroadcastChannels of one browser: what one tab posts, every other tab receives (async). */
export function fakeChannels(): () => ChannelLike {
  const tabs: ((event: { data: unknown }) => void)[][] = [];
  return () => {
    const listeners: ((event: { data: unknown }) => void)[] = [];
    tabs.push(listeners);
    return {
      postMessage: (message) => {
        const data = structuredClone(message);
        for (const other of tabs) {
          if (other !== listeners) for (const l of other) queueMicrotask(() => l({ data }));
        }
      },
      addEventListener: (_type, listener) => void listeners.push(listener),
    };
  };
}

/**
 * Named locks shared by the browser's tabs of this app, so one tab at a time
 * writes a lesson's kept workspace: each tab runs its own VM, and two writers
 * would overwrite each other's copy with whichever saved last.
 */

/** Give a held lock back. Calling it again does nothing. */
export type Release = () => void;

export interface TabLocks {
  /** Hold `name` until released or the tab closes; null at once when another holder has it. */
  tryAcquire(name: string): Promise<Release | null>;
  /** Wait until `name` is free, then hold it. Rejects when `signal` aborts. */
  acquire(name: string, signal: AbortSignal): Promise<Release>;
}

/** What is used of `navigator.locks` (a test passes a fake). */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void> | void,
  ): Promise<unknown>;
}

/** Locks from the Web Locks API: the browser releases them when a tab closes or crashes. */
export function webLocks(locks: LockManagerLike): TabLocks {
  const hold = (name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }) =>
    new Promise<Release | null>((resolve, reject) => {
      locks
        .request(name, options, (lock) => {
          if (!lock) return resolve(null);
          // The lock is held until the promise the callback returns settles.
          return new Promise<void>((release) => resolve(() => release()));
        })
        .catch(reject);
    });
  return {
    tryAcquire: (name) => hold(name, { ifAvailable: true }),
    acquire: async (name, signal) => (await hold(name, { signal }))!,
  };
}

/** What is used of a `BroadcastChannel` (a test passes a fake). */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
}

type LockMessage =
  | { type: "query"; name: string; from: string }
  | { type: "held"; name: string; to: string }
  | { type: "released"; name: string };

export interface ChannelLockOptions {
  /** How long a claim waits for another tab to say it holds the lock. Default 150 ms. */
  claimMs?: number;
  /** How often a waiter tries again (a crashed tab never says it released). Default 2 s. */
  retryMs?: number;
  /** This tab's id; the lower id wins when two tabs claim at once. Default: random. */
  id?: string;
}

/**
 * Locks over a broadcast channel, where there are no Web Locks (they exist
 * only in secure contexts, so not on plain http to a LAN address): a tab
 * claims a name by asking whether another holds it and taking it when no
 * one answers in time. Holders answer; releases are announced. Call
 * `releaseAll` when the page goes away (`pagehide`).
 */
export function channelLocks(
  channel: ChannelLike,
  options: ChannelLockOptions = {},
): TabLocks & { releaseAll(): void } {
  const { claimMs = 150, retryMs = 2000 } = options;
  // Not crypto.randomUUID: like Web Locks, it exists only in secure contexts.
  const id = options.id ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const held = new Set<string>();
  /** Names being claimed, and whether another tab turned out to hold (or win) them. */
  const claiming = new Map<string, { lost: boolean }>();
  const waiters = new Map<string, Set<() => void>>();
  const post = (message: LockMessage) => channel.postMessage(message);
  const wake = (name: string) => {
    for (const w of waiters.get(name) ?? []) w();
  };

  channel.addEventListener("message", ({ data }) => {
    const m = data as LockMessage;
    if (m.type === "query") {
      if (held.has(m.name) || (claiming.has(m.name) && id < m.from)) {
        post({ type: "held", name: m.name, to: m.from });
      }
    } else if (m.type === "held" && m.to === id) {
      const claim = claiming.get(m.name);
      if (claim) claim.lost = true;
    } else if (m.type === "released") {
      wake(m.name);
    }
  });

  const release = (name: string) => {
    if (!held.delete(name)) return;
    post({ type: "released", name });
    wake(name);
  };

  async function tryAcquire(name: string): Promise<Release | null> {
    if (held.has(name) || claiming.has(name)) return null;
    const claim = { lost: false };
    claiming.set(name, claim);
    post({ type: "query", name, from: id });
    await new Promise((r) => setTimeout(r, claimMs));
    claiming.delete(name);
    if (claim.lost) return null;
    held.add(name);
    return () => release(name);
  }

  async function acquire(name: string, signal: AbortSignal): Promise<Release> {
    for (;;) {
      signal.throwIfAborted();
      const got = await tryAcquire(name);
      if (got) {
        if (!signal.aborted) return got;
        got();
        signal.throwIfAborted();
      }
      await new Promise<void>((resolve) => {
        const set = waiters.get(name) ?? new Set();
        waiters.set(name, set);
        const done = () => {
          clearTimeout(timer);
          set.delete(done);
          signal.removeEventListener("abort", done);
          resolve();
        };
        const timer = setTimeout(done, retryMs);
        set.add(done);
        signal.addEventListener("abort", done);
      });
    }
  }

  return { tryAcquire, acquire, releaseAll: () => [...held].forEach(release) };
}

/** Every lock granted at once: for stores only this page can see (memory). */
export const pageOnlyLocks: TabLocks = {
  tryAcquire: async () => () => {},
  acquire: async () => () => {},
};

let shared: TabLocks | null = null;

/** This browser's locks: Web Locks where there are, else a BroadcastChannel, else none to share. */
export function tabLocks(): TabLocks {
  if (shared) return shared;
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  if (locks) return (shared = webLocks(locks));
  if (typeof BroadcastChannel === "undefined") return (shared = pageOnlyLocks);
  const channel = channelLocks(new BroadcastChannel("docker-sandbox-locks"));
  globalThis.addEventListener?.("pagehide", () => channel.releaseAll());
  return (shared = channel);
}

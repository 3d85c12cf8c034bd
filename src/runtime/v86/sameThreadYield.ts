import type { V86Like } from "./emulator.ts";

interface V86Loop {
  running: boolean;
  next_tick(t: number): void;
  yield(t: number, tick: number): void;
  yield_callback(tick: number): void;
  unregister_yield(): void;
  register_yield(): void;
}

/**
 * In a browser, v86 yields between slices of guest execution by bouncing a
 * message off a helper Worker (and uses setTimeout there for timed waits).
 * Inside our emulator Worker that is a cross-thread round trip per slice.
 * Yield through a MessageChannel on the same thread instead (and setTimeout
 * for timed waits), as v86 does with setImmediate under Node.
 *
 * Reaches into v86's main loop object (`emulator.v86`), whose method names
 * the published build keeps; if they are missing this does nothing.
 */
export function installSameThreadYield(emulator: V86Like): void {
  const apply = () => {
    const loop = (emulator as unknown as { v86?: V86Loop }).v86;
    if (!loop || typeof loop.yield_callback !== "function" || typeof MessageChannel === "undefined")
      return;
    loop.unregister_yield(); // stops v86's helper worker
    const channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent<number>) => loop.yield_callback(e.data);
    loop.yield = (t, tick) => {
      if (t < 1) channel.port2.postMessage(tick);
      else setTimeout(() => loop.yield_callback(tick), t);
    };
    loop.register_yield = () => {};
    loop.unregister_yield = () => channel.port1.close();
    // v86 announces "loaded" after it has restored the state and started
    // running: its first slice was already handed to the helper worker
    // stopped above, and would never come back. A quiet guest (the ready
    // snapshot) is woken by the first control-channel bytes anyway; a busy
    // one (a saved sandbox) waits for a timer that never fires. A new tick
    // supersedes the lost one (v86 ignores callbacks of older ticks).
    if (loop.running) loop.next_tick(0);
  };
  emulator.add_listener("emulator-loaded", apply as (value: never) => void);
}

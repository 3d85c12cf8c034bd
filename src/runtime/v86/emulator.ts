/**
 * The slice of v86's API the runtime uses. v86 ships typings, but the bus and
 * the network adapter (which we need for virtio-console ports and inbound TCP)
 * are not in them, so they are declared here once.
 */

import { refuseGuestEgress } from "./noEgress.ts";

export interface V86TcpConnection {
  on(event: "connect" | "close" | "shutdown", handler: () => void): void;
  on(event: "data", handler: (data: Uint8Array) => void): void;
  write(data: Uint8Array): void;
  close(): void;
  state: string;
  /** Internal: next sequence number expected from the guest. */
  ack: number;
  /** Internal: handles one packet from the guest. */
  process(packet: { tcp: { fin?: boolean; seq: number }; tcp_data?: Uint8Array }): void;
}

export interface V86Like {
  add_listener(event: string, listener: (value: never) => void): void;
  remove_listener(event: string, listener: (value: never) => void): void;
  bus: { send(event: string, value: unknown): void };
  network_adapter?: {
    connect(port: number): V86TcpConnection;
    tcp_probe(port: number): Promise<boolean>;
  };
  save_state(): Promise<ArrayBuffer>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
  is_running(): boolean;
  get_instruction_counter(): number;
  /** Internal: used by the image build to persist the disk writes of the provisioning boot. */
  v86?: { cpu?: { devices?: { ide?: { primary?: { master?: { buffer?: unknown } } } } } };
}

/**
 * v86's CPU object, reached before the emulator initialises it. Only what
 * our adaptations touch; the published build keeps these names.
 */
export interface V86Cpu {
  /** Guest RAM size (a one-element array). */
  memory_size: Uint32Array;
  init(settings: unknown, bus: unknown): void;
  zero_memory(address: number, length: number): void;
  write_blob(blob: Uint8Array, address: number): void;
  devices?: { ide?: { primary?: { master?: { buffer?: unknown } } } };
}

/**
 * Load v86 lazily (it is a multi-megabyte module) and construct an emulator.
 * Every emulator we make refuses the guest's outbound connections (noEgress.ts).
 *
 * `onCpu` runs as soon as v86 has made its CPU object, after the wasm module
 * loads and before the CPU is initialised and any state restored: the one
 * moment to adapt how a state is restored. v86 assigns `emulator.v86` then,
 * so a setter on that property is the hook.
 */
export async function createEmulator(
  options: Record<string, unknown>,
  onCpu?: (cpu: V86Cpu) => void,
): Promise<V86Like> {
  const { V86 } = await import("v86");
  const emulator = new V86(options as never) as unknown as V86Like;
  refuseGuestEgress(emulator);
  if (onCpu) {
    let inner: V86Like["v86"];
    Object.defineProperty(emulator, "v86", {
      configurable: true,
      enumerable: true,
      get: () => inner,
      set: (value: V86Like["v86"]) => {
        inner = value;
        const cpu = value?.cpu as V86Cpu | undefined;
        if (cpu && typeof cpu.init === "function") onCpu(cpu);
      },
    });
  }
  return emulator;
}

/** Resolve once `event` fires (or reject on abort). */
export function once<T = unknown>(
  emulator: V86Like,
  event: string,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const listener = (value: T) => {
      emulator.remove_listener(event, listener as (value: never) => void);
      signal?.removeEventListener("abort", onAbort);
      resolve(value);
    };
    const onAbort = () => {
      emulator.remove_listener(event, listener as (value: never) => void);
      reject(signal?.reason ?? new DOMException("aborted", "AbortError"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    emulator.add_listener(event, listener as (value: never) => void);
  });
}

import type { ExecOptions, RuntimeEvents } from "../Runtime.ts";

/**
 * Messages between the page (WorkerRuntime) and the Web Worker that runs the
 * emulator (runtimeWorker). The emulator must not share the page's thread:
 * a busy guest would freeze typing and rendering. Only the runtime's core
 * crosses: the page derives files and the Docker client from exec and
 * connectUnix (RuntimeBase).
 */

/** exec options that can cross postMessage (no callbacks, no signal). */
export type WireExecOptions = Omit<ExecOptions, "signal" | "onStdout" | "onStderr"> & {
  streamOutput?: boolean;
};

export type Call =
  | { op: "start"; assetsBase: string; pinTo?: string; from?: Uint8Array }
  | { op: "reset"; from?: Uint8Array }
  | { op: "saveState"; meta?: Record<string, string> }
  | { op: "jitCounters" }
  | { op: "guestActivity" }
  | { op: "dispose" }
  | { op: "exec"; command: string; options: WireExecOptions }
  | { op: "openTerminal"; cols: number; rows: number; cwd?: string; command?: string }
  | { op: "connect"; port: number; timeoutMs?: number }
  | { op: "connectUnix"; path: string };

/** An error crossing postMessage: its class name, message and the fields that class needs. */
export interface WireError {
  name: string;
  message: string;
  command?: string;
  /** TimeoutError: what timed out. */
  what?: string;
  timeoutMs?: number;
}

/** page → worker */
export type ToWorker =
  | { type: "call"; id: number; call: Call }
  | { type: "cancel"; id: number }
  | { type: "write"; sid: number; data: Uint8Array }
  | { type: "end"; sid: number }
  | { type: "close"; sid: number }
  | { type: "resize"; sid: number; cols: number; rows: number }
  /** Are you there? (the page's liveness check; answered with "pong") */
  | { type: "ping" };

/** worker → page */
export type FromWorker =
  | { type: "result"; id: number; value: unknown }
  | { type: "error"; id: number; error: WireError }
  | { type: "event"; event: keyof RuntimeEvents; value: unknown }
  /** Output of an exec with streamOutput, keyed by its call id (not a stream id). */
  | { type: "output"; id: number; data: Uint8Array; stream: "stdout" | "stderr" }
  | { type: "data"; sid: number; data: Uint8Array }
  | { type: "ended"; sid: number; exitCode?: number }
  | { type: "pong" };

import type { ByteStream, Unsubscribe } from "./ByteStream.ts";
import type { DockerClient } from "./docker/DockerClient.ts";

/** Lifecycle of a sandbox. */
export type RuntimeStatus = "idle" | "starting" | "ready" | "resetting" | "failed" | "disposed";

/** Options for {@link Runtime.exec}. */
export interface ExecOptions {
  /** Working directory in the guest. Default: `/workspace`. */
  cwd?: string;
  /** Extra environment variables for the command. */
  env?: Record<string, string>;
  /** Positional arguments: available to the command as `$1`, `$2`, … (never parsed by a shell). */
  args?: string[];
  /** Bytes written to the command's stdin, then stdin is closed. Default: stdin closed at once. */
  stdin?: Uint8Array | string;
  /** Kill the command and reject with {@link ExecTimeoutError} after this many ms. Default: none. */
  timeoutMs?: number;
  /** Kill the command and reject with an `AbortError` when aborted. */
  signal?: AbortSignal;
  /** Called with each chunk of stdout as it arrives (the result still holds all of it). */
  onStdout?: (chunk: Uint8Array) => void;
  /** Called with each chunk of stderr as it arrives. */
  onStderr?: (chunk: Uint8Array) => void;
  /**
   * Keep at most this many bytes of stdout, and as many of stderr, in the
   * result; the rest is dropped (the command runs on) and `truncated` is set.
   * `onStdout`/`onStderr` still see every byte. Default: 16 MiB.
   */
  maxOutputBytes?: number;
}

/** Options of {@link RuntimeCore.start} and {@link RuntimeCore.reset}. */
export interface StartOptions {
  signal?: AbortSignal;
  /** A saved sandbox to restore instead of the ready snapshot. */
  from?: Uint8Array;
}

/** Options of the workspace file operations. */
export interface FileOptions {
  /** Give up with a {@link TimeoutError} after this long. Default: 30 s; `Infinity`: no limit. */
  timeoutMs?: number;
  /** Kill the guest side and reject with an `AbortError` when aborted. */
  signal?: AbortSignal;
}

/** What a finished command produced. Output is raw bytes; use `text()` helpers to decode. */
export interface ExecResult {
  exitCode: number;
  /** Set when the command was killed by a signal (exitCode is then 128 + signal). */
  signal?: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  /** Set when output beyond `maxOutputBytes` was dropped from `stdout` or `stderr`. */
  truncated?: true;
}

/** A terminal session on a pseudo-terminal in the guest (a login shell by default). */
export interface TerminalSession {
  /** Keystrokes / pasted bytes from the user. */
  write(data: Uint8Array | string): void;
  /** Tell the guest tty its new size; the shell gets SIGWINCH. */
  resize(cols: number, rows: number): void;
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe;
  /** The shell exited (e.g. the user typed `exit`). */
  onExit(listener: (exitCode: number) => void): Unsubscribe;
  /** Hang up the session (SIGHUP to the shell). */
  close(): void;
}

export interface TerminalOptions {
  cols: number;
  rows: number;
  /** Default: `/workspace`. */
  cwd?: string;
  /** Command to run instead of the login shell. */
  command?: string;
}

/** An entry in the workspace listing. Paths are relative to /workspace. */
export interface WorkspaceEntry {
  path: string;
  type: "file" | "dir" | "symlink" | "other";
  size: number;
  /** Modification time, ms since the epoch. */
  mtimeMs: number;
}

/** Typed events of a runtime. */
export interface RuntimeEvents {
  status: RuntimeStatus;
  /** Progress of a long step (asset download, restore). `total` is 0 when unknown. */
  progress: {
    phase: "download" | "restore" | "boot" | "connect";
    loaded: number;
    total: number;
    detail?: string;
  };
  /**
   * A saveState finished: where its time went (ms) and its sizes. The page
   * logs it; a save slower than expected says which phase to look at.
   */
  saved: {
    dropCacheMs: number;
    snapshotMs: number;
    compressMs: number;
    rawBytes: number;
    fileBytes: number;
  };
  /**
   * The guest waits for part of its disk that cannot be fetched (in the
   * browser, offline, a chunk the service worker never kept; v86 keeps
   * trying), or goes on again. Emitted by the browser's worker only.
   */
  disk: { waiting: boolean };
  /** Raw bytes the guest writes to its serial console (kernel log; useful when it fails). */
  console: string;
  /** The runtime hit an unrecoverable error (crashed emulator, lost control channel). */
  error: Error;
}

/**
 * What a sandbox implementation provides: lifecycle, status, events and the
 * four ways into the guest (exec, terminals, TCP, Unix sockets). Everything
 * else the app uses is derived from these once, in `RuntimeBase`: the
 * implementations (`V86Runtime`, `WorkerRuntime`, `FakeRuntime`) write only this.
 */
export interface RuntimeCore {
  readonly status: RuntimeStatus;

  /**
   * Restore the ready snapshot (or boot) and wait until dockerd answers.
   * `from`: a saved sandbox ({@link RuntimeCore.saveState}) to restore
   * instead; a file that is damaged or from another VM build rejects with a
   * `SandboxFileError` before anything is restored.
   */
  start(options?: StartOptions): Promise<void>;
  /** Throw the guest away and restore the ready snapshot (or `from`) again. */
  reset(options?: StartOptions): Promise<void>;
  /**
   * Save the whole sandbox (memory, devices, the disk blocks written): the
   * bytes of a saved-sandbox file (runtime/state/sandboxFile.ts). The guest
   * pauses for the snapshot, then runs on while it is compressed. `meta`:
   * small labels kept in the file (the lesson, the course).
   */
  saveState(options?: { signal?: AbortSignal; meta?: Record<string, string> }): Promise<Uint8Array>;
  /** Stop the emulator and release everything. Idempotent. */
  dispose(): Promise<void>;
  /**
   * What the guest has done so far, where the runtime counts it (an emulator
   * does; a fake need not): instructions executed and disk blocks it holds
   * (read or written). How fast they grow tells a busy guest from an idle
   * one (guestIdle.ts).
   */
  guestActivity?(): Promise<GuestActivity>;

  /** Run `sh -c command` as root. Never rejects for a non-zero exit; rejects on timeout/abort/lost VM. */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** Open an interactive terminal session. */
  openTerminal(options: TerminalOptions): Promise<TerminalSession>;
  /** A TCP connection to `port` on the guest's network address (reaches `-p` published ports). */
  connect(
    port: number,
    options?: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<ByteStream>;
  /** A connection to a Unix socket in the guest (e.g. /var/run/docker.sock). */
  connectUnix(path: string, options?: { signal?: AbortSignal }): Promise<ByteStream>;

  on<K extends keyof RuntimeEvents>(
    event: K,
    listener: (value: RuntimeEvents[K]) => void,
  ): Unsubscribe;
}

/**
 * The learner's files, derived from {@link RuntimeCore.exec} (`workspace.ts`).
 * Paths are relative to /workspace; `..` and absolute paths are rejected.
 * See {@link FileOptions} for the time limit and cancelling.
 */
export interface WorkspaceFiles {
  readFile(path: string, options?: FileOptions): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array | string, options?: FileOptions): Promise<void>;
  listFiles(dir?: string, options?: FileOptions): Promise<WorkspaceEntry[]>;
  removeFile(path: string, options?: FileOptions): Promise<void>;
  renameFile(from: string, to: string, options?: FileOptions): Promise<void>;
}

/**
 * The sandbox: one Debian guest with a real dockerd. The UI and checkers only
 * ever see this interface: the core plus the services derived from it.
 */
export interface Runtime extends RuntimeCore, WorkspaceFiles {
  /** Docker Engine API client over {@link RuntimeCore.connectUnix} to /var/run/docker.sock. */
  readonly docker: DockerClient;
}

/** `exec` was killed because it ran past `timeoutMs`. The runtime stays usable. */
export class ExecTimeoutError extends Error {
  override readonly name = "ExecTimeoutError";
  constructor(
    readonly command: string,
    readonly timeoutMs: number,
  ) {
    super(`command timed out after ${timeoutMs} ms: ${command}`);
  }
}

/**
 * An operation other than `exec` (a file operation, an Engine API request)
 * got no answer in time. `what` names the operation.
 */
export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`${what}: no answer within ${Math.round(timeoutMs / 1000)} s`);
  }
}

/** The VM assets (public/vm) are missing or do not match this build. */
export class VmAssetsMissingError extends Error {
  override readonly name = "VmAssetsMissingError";
}

/** VM assets named by a link (`?vm=`) are not this app's VM build, so they are not loaded. */
export class VmRefusedError extends Error {
  override readonly name = "VmRefusedError";
}

/** Counters of a guest's work so far (Runtime.guestActivity). */
export interface GuestActivity {
  instructions: number;
  /** Disk blocks in the emulator's block cache: grows as the guest reads new disk data or writes. */
  diskBlocks: number;
}

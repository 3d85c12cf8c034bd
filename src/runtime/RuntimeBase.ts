import type { ByteStream, Unsubscribe } from "./ByteStream.ts";
import { DockerClient } from "./docker/DockerClient.ts";
import { Emitter } from "./Emitter.ts";
import type {
  ExecOptions,
  ExecResult,
  FileOptions,
  Runtime,
  RuntimeEvents,
  RuntimeStatus,
  StartOptions,
  TerminalOptions,
  TerminalSession,
  WorkspaceEntry,
} from "./Runtime.ts";
import { workspaceFiles } from "./workspace.ts";

/** Where dockerd listens in the guest; `runtime.docker` connects here. */
export const DOCKER_SOCKET = "/var/run/docker.sock";

/**
 * Every Runtime implementation extends this and writes only the core
 * (lifecycle, exec, terminals, connect, connectUnix: `RuntimeCore`). This
 * class holds status and typed events and derives the rest once: the Docker
 * client from `connectUnix(DOCKER_SOCKET)` and the workspace file operations
 * from `exec` (workspace.ts). No implementation, and no worker message, carries
 * a file operation or a Docker client of its own.
 *
 * A base class rather than a function wrapping a core: `new V86Runtime()` is
 * then already the full Runtime with its own extras (jitCounters, the fake's
 * execCalls), so the places that build one need no second step, and a wrapper
 * would have to forward the whole core again.
 */
export abstract class RuntimeBase implements Runtime {
  #status: RuntimeStatus = "idle";
  protected readonly events = new Emitter<RuntimeEvents>();
  #files = workspaceFiles((command, options) => this.exec(command, options));
  readonly docker = new DockerClient(() => this.connectUnix(DOCKER_SOCKET));

  abstract start(options?: StartOptions): Promise<void>;
  abstract reset(options?: StartOptions): Promise<void>;
  abstract saveState(options?: {
    signal?: AbortSignal;
    meta?: Record<string, string>;
  }): Promise<Uint8Array>;
  abstract dispose(): Promise<void>;
  abstract exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  abstract openTerminal(options: TerminalOptions): Promise<TerminalSession>;
  abstract connect(
    port: number,
    options?: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<ByteStream>;
  abstract connectUnix(path: string, options?: { signal?: AbortSignal }): Promise<ByteStream>;

  get status(): RuntimeStatus {
    return this.#status;
  }

  on<K extends keyof RuntimeEvents>(
    event: K,
    listener: (value: RuntimeEvents[K]) => void,
  ): Unsubscribe {
    return this.events.on(event, listener);
  }

  readFile(path: string, options?: FileOptions): Promise<Uint8Array> {
    return this.#files.readFile(path, options);
  }
  writeFile(path: string, data: Uint8Array | string, options?: FileOptions): Promise<void> {
    return this.#files.writeFile(path, data, options);
  }
  listFiles(dir?: string, options?: FileOptions): Promise<WorkspaceEntry[]> {
    return this.#files.listFiles(dir, options);
  }
  removeFile(path: string, options?: FileOptions): Promise<void> {
    return this.#files.removeFile(path, options);
  }
  renameFile(from: string, to: string, options?: FileOptions): Promise<void> {
    return this.#files.renameFile(from, to, options);
  }

  /** Record a new status and tell the listeners. */
  protected setStatus(status: RuntimeStatus): void {
    this.#status = status;
    this.events.emit("status", status);
  }
}

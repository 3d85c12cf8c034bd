import type { ByteStream } from "../ByteStream.ts";
import { DockerClient } from "../docker/DockerClient.ts";
import { Emitter } from "../Emitter.ts";
import { RuntimeBase } from "../RuntimeBase.ts";
import type {
  ExecOptions,
  ExecResult,
  Runtime,
  TerminalOptions,
  TerminalSession,
  WorkspaceEntry,
} from "../Runtime.ts";
import { CLEAR_WORKSPACE, WORKSPACE, workspacePath } from "../workspace.ts";
import { FakeHttpStream, type FakeHttpResponder } from "./FakeHttpStream.ts";

export interface FakeRuntimeOptions {
  /** Answers `exec`. Default: exit 0 with no output. */
  exec?: (command: string, options: ExecOptions) => ExecResult | Promise<ExecResult>;
  /** Answers Engine API requests (recorded responses). Default: 404 for everything. */
  docker?: FakeHttpResponder;
  /** HTTP servers "listening" on guest ports, for `connect(port)`. */
  ports?: Record<number, FakeHttpResponder>;
  /** Workspace files to start with (path relative to /workspace → content). */
  files?: Record<string, string | Uint8Array>;
}

const encoder = new TextEncoder();
const ok = (stdout = ""): ExecResult => ({
  exitCode: 0,
  stdout: encoder.encode(stdout),
  stderr: new Uint8Array(),
});

/**
 * An in-memory Runtime for fast unit tests of everything above the runtime
 * (checkers, app state, UI). No VM: files live in a Map, exec and the Engine
 * API answer from the options, terminals echo what is typed.
 */
export class FakeRuntime extends RuntimeBase implements Runtime {
  #files = new Map<string, Uint8Array>();
  #mtimes = new Map<string, number>();
  #clock = 0;
  /** Every command passed to exec, in order. */
  readonly execCalls: { command: string; options: ExecOptions }[] = [];
  readonly docker: DockerClient;

  constructor(private readonly options: FakeRuntimeOptions = {}) {
    super();
    for (const [path, content] of Object.entries(options.files ?? {})) {
      this.#files.set(
        workspacePath(path),
        typeof content === "string" ? encoder.encode(content) : content,
      );
    }
    const responder =
      options.docker ?? (() => ({ status: 404, json: { message: "no fake response" } }));
    this.docker = new DockerClient(async () => new FakeHttpStream(responder));
  }

  async start(): Promise<void> {
    this.setStatus("starting");
    this.setStatus("ready");
  }
  async reset(): Promise<void> {
    this.setStatus("resetting");
    this.#files.clear();
    this.setStatus("ready");
  }
  async dispose(): Promise<void> {
    this.setStatus("disposed");
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.execCalls.push({ command, options });
    if (command === CLEAR_WORKSPACE) {
      this.#files.clear();
      return ok();
    }
    const result = (await this.options.exec?.(command, options)) ?? ok();
    if (result.stdout.length) options.onStdout?.(result.stdout);
    if (result.stderr.length) options.onStderr?.(result.stderr);
    return result;
  }

  async openTerminal(_options: TerminalOptions): Promise<TerminalSession> {
    const events = new Emitter<{ data: Uint8Array; exit: number }>();
    return {
      write: (data) => events.emit("data", typeof data === "string" ? encoder.encode(data) : data),
      resize: () => {},
      onData: (l) => events.on("data", l),
      onExit: (l) => events.on("exit", l),
      close: () => events.emit("exit", 129),
    };
  }

  async connect(port: number): Promise<ByteStream> {
    const server = this.options.ports?.[port];
    if (!server) throw new Error(`connection refused: nothing listens on guest port ${port}`);
    return new FakeHttpStream(server);
  }

  async connectUnix(path: string): Promise<ByteStream> {
    if (path !== "/var/run/docker.sock")
      throw new Error(`connect ${path}: No such file or directory`);
    return new FakeHttpStream(
      this.options.docker ?? (() => ({ status: 404, json: { message: "no fake" } })),
    );
  }

  async readFile(path: string): Promise<Uint8Array> {
    const data = this.#files.get(workspacePath(path));
    if (!data) throw new Error(`cannot read ${path}: No such file or directory`);
    return data;
  }
  async writeFile(path: string, data: Uint8Array | string): Promise<void> {
    this.#files.set(workspacePath(path), typeof data === "string" ? encoder.encode(data) : data);
    // A clock that always moves, so a rewrite is visible even within one millisecond.
    this.#mtimes.set(workspacePath(path), ++this.#clock);
  }
  async listFiles(dir = ""): Promise<WorkspaceEntry[]> {
    const root = workspacePath(dir);
    const entries = new Map<string, WorkspaceEntry>();
    for (const [abs, data] of this.#files) {
      if (!abs.startsWith(root + "/")) continue;
      const rel = abs.slice(WORKSPACE.length + 1);
      const parts = rel.split("/");
      for (let i = 1; i < parts.length; i++) {
        const d = parts.slice(0, i).join("/");
        if (workspacePath(d).length > root.length)
          entries.set(d, { path: d, type: "dir", size: 0, mtimeMs: 0 });
      }
      entries.set(rel, {
        path: rel,
        type: "file",
        size: data.length,
        mtimeMs: this.#mtimes.get(abs) ?? 0,
      });
    }
    return [...entries.values()].sort((a, b) => a.path.localeCompare(b.path));
  }
  async removeFile(path: string): Promise<void> {
    const abs = workspacePath(path);
    for (const key of [...this.#files.keys()])
      if (key === abs || key.startsWith(abs + "/")) this.#files.delete(key);
  }
  async renameFile(from: string, to: string): Promise<void> {
    const [a, b] = [workspacePath(from), workspacePath(to)];
    for (const [key, data] of [...this.#files]) {
      if (key === a || key.startsWith(a + "/")) {
        this.#files.delete(key);
        this.#files.set(b + key.slice(a.length), data);
        this.#mtimes.set(b + key.slice(a.length), ++this.#clock);
      }
    }
  }
}

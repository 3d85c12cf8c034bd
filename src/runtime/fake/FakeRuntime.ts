import type { ByteStream } from "../ByteStream.ts";
import { Emitter } from "../Emitter.ts";
import { DOCKER_SOCKET, RuntimeBase } from "../RuntimeBase.ts";
import type {
  ExecOptions,
  ExecResult,
  StartOptions,
  TerminalOptions,
  TerminalSession,
} from "../Runtime.ts";
import {
  assertSameVmBuild,
  decodeSandboxFile,
  encodeSandboxFile,
  type SandboxFileHeader,
  type VmBuild,
} from "../state/sandboxFile.ts";
import { workspacePath } from "../workspace.ts";
import { FakeHttpStream, type FakeHttpResponder } from "./FakeHttpStream.ts";
import { FakeWorkspace } from "./FakeWorkspace.ts";

export interface FakeRuntimeOptions {
  /**
   * Answers `exec`. Default: exit 0 with no output. The workspace file
   * commands (and clearing the workspace) never reach it: the in-memory
   * workspace answers those.
   */
  exec?: (command: string, options: ExecOptions) => ExecResult | Promise<ExecResult>;
  /** Answers Engine API requests (recorded responses). Default: 404 for everything. */
  docker?: FakeHttpResponder;
  /** HTTP servers "listening" on guest ports, for `connect(port)`. */
  ports?: Record<number, FakeHttpResponder>;
  /** Workspace files to start with (path relative to /workspace → content). */
  files?: Record<string, string | Uint8Array>;
}

const encoder = new TextEncoder();
/** The VM build fake sandboxes are saved with (a real VM's differs, so files never mix). */
export const FAKE_VM_BUILD: VmBuild = { recipeHash: "fake", v86Version: "fake", disk: "fake" };
const ok = (): ExecResult => ({ exitCode: 0, stdout: new Uint8Array(), stderr: new Uint8Array() });
const notFound: FakeHttpResponder = () => ({ status: 404, json: { message: "no fake response" } });

/**
 * An in-memory Runtime core for fast unit tests of everything above the
 * runtime (checkers, app state, UI). No VM: exec and the Engine API answer
 * from the options, terminals echo what is typed. Files and `docker` are the
 * real ones from RuntimeBase: the file commands they run are answered by a
 * FakeWorkspace, the Engine API requests by `options.docker`.
 */
export class FakeRuntime extends RuntimeBase {
  #workspace = new FakeWorkspace();
  /** The header of the saved sandbox the last start or reset restored (null: the ready snapshot). */
  restoredFrom: SandboxFileHeader | null = null;
  /** How many times saveState ran. */
  saves = 0;
  /** Every command passed to exec, in order (the file operations' commands too). */
  readonly execCalls: { command: string; options: ExecOptions }[] = [];

  constructor(private readonly options: FakeRuntimeOptions = {}) {
    super();
    for (const [path, content] of Object.entries(options.files ?? {})) {
      this.#workspace.seed(
        workspacePath(path),
        typeof content === "string" ? encoder.encode(content) : content,
      );
    }
  }

  async start(options: StartOptions = {}): Promise<void> {
    const saved = options.from ? this.#readSaved(options.from) : null;
    this.setStatus("starting");
    this.restoredFrom = saved;
    this.setStatus("ready");
  }
  async reset(options: StartOptions = {}): Promise<void> {
    const saved = options.from ? this.#readSaved(options.from) : null;
    this.setStatus("resetting");
    this.#workspace.clear();
    this.restoredFrom = saved;
    this.setStatus("ready");
  }

  /**
   * A saved sandbox in the real file format with an empty state: the app's
   * save, download and open paths run as with the VM; no guest is kept.
   */
  async saveState(options: { meta?: Record<string, string> } = {}): Promise<Uint8Array> {
    this.saves++;
    return encodeSandboxFile(
      {
        vm: FAKE_VM_BUILD,
        savedAt: new Date().toISOString(),
        rawBytes: 0,
        v86Stream: false,
        channels: { next: 1, open: [] },
        meta: options.meta ?? {},
      },
      [],
    );
  }

  #readSaved(bytes: Uint8Array): SandboxFileHeader {
    const { header } = decodeSandboxFile(bytes);
    assertSameVmBuild(header.vm, FAKE_VM_BUILD);
    return header;
  }
  async dispose(): Promise<void> {
    this.setStatus("disposed");
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.execCalls.push({ command, options });
    const result =
      this.#workspace.answer(command, options) ??
      (await this.options.exec?.(command, options)) ??
      ok();
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
    if (path !== DOCKER_SOCKET) throw new Error(`connect ${path}: No such file or directory`);
    return new FakeHttpStream(this.options.docker ?? notFound);
  }
}

import { describe, expect, it } from "vitest";
import type { ByteStream } from "../../src/runtime/ByteStream.ts";
import { FakeHttpStream } from "../../src/runtime/fake/FakeHttpStream.ts";
import {
  ExecTimeoutError,
  TimeoutError,
  type ExecOptions,
  type ExecResult,
  type TerminalSession,
} from "../../src/runtime/Runtime.ts";
import { DOCKER_SOCKET, RuntimeBase } from "../../src/runtime/RuntimeBase.ts";
import { FILE_COMMANDS } from "../../src/runtime/workspace.ts";

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const result = (exitCode: number, stdout = "", stderr = ""): ExecResult => ({
  exitCode,
  stdout: bytes(stdout),
  stderr: bytes(stderr),
});

/** The smallest core: exec answers from a script, connectUnix records the path. */
class ScriptedCore extends RuntimeBase {
  readonly calls: { command: string; options: ExecOptions }[] = [];
  readonly sockets: string[] = [];
  constructor(private readonly answer: (command: string) => ExecResult | Promise<ExecResult>) {
    super();
  }
  async start(): Promise<void> {}
  async reset(): Promise<void> {}
  async dispose(): Promise<void> {}
  saveState(): Promise<Uint8Array> {
    throw new Error("no saving here");
  }
  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.calls.push({ command, options });
    return this.answer(command);
  }
  openTerminal(): Promise<TerminalSession> {
    throw new Error("no terminals here");
  }
  connect(): Promise<ByteStream> {
    throw new Error("no TCP here");
  }
  async connectUnix(path: string): Promise<ByteStream> {
    this.sockets.push(path);
    return new FakeHttpStream(() => ({ status: 200, body: "OK" }));
  }
}

describe("services every runtime derives from its core", () => {
  it("reads a file with one exec: cat from /, the absolute path as $1, a 30 s limit", async () => {
    const core = new ScriptedCore(() => result(0, "FROM busybox\n"));
    const abort = new AbortController();
    expect(text(await core.readFile("app/Dockerfile", { signal: abort.signal }))).toBe(
      "FROM busybox\n",
    );
    expect(core.calls).toEqual([
      {
        command: FILE_COMMANDS.read,
        options: {
          cwd: "/",
          args: ["/workspace/app/Dockerfile"],
          timeoutMs: 30_000,
          signal: abort.signal,
        },
      },
    ]);
  });

  it("writes the data on stdin and takes the caller's time limit", async () => {
    const core = new ScriptedCore(() => result(0));
    await core.writeFile("a b.txt", "hi", { timeoutMs: 5_000 });
    expect(core.calls[0]).toEqual({
      command: FILE_COMMANDS.write,
      options: { cwd: "/", args: ["/workspace/a b.txt"], stdin: "hi", timeoutMs: 5_000 },
    });
  });

  it("rejects paths outside the workspace before anything reaches the guest", async () => {
    const core = new ScriptedCore(() => result(0));
    await expect(core.readFile("../etc/passwd")).rejects.toThrow(/without "\.\."/);
    await expect(core.writeFile("/etc/passwd", "x")).rejects.toThrow(/relative to \/workspace/);
    await expect(core.removeFile("")).rejects.toThrow(/refusing to remove the workspace/);
    expect(core.calls).toEqual([]);
  });

  it("turns a failed command into an error naming the operation, with the guest's stderr", async () => {
    const core = new ScriptedCore(() => result(1, "", "mv: cannot stat 'x': No such file\n"));
    await expect(core.renameFile("x", "y")).rejects.toThrow(
      "cannot rename x to y: mv: cannot stat 'x': No such file",
    );
    expect(core.calls[0]?.options.args).toEqual(["/workspace/x", "/workspace/y"]);
  });

  it("turns the core's ExecTimeoutError into a TimeoutError naming the file", async () => {
    const core = new ScriptedCore((command) =>
      Promise.reject(new ExecTimeoutError(command, 30_000)),
    );
    const listing = core.listFiles("src");
    await expect(listing).rejects.toBeInstanceOf(TimeoutError);
    await expect(listing).rejects.toThrow("cannot list src: no answer within 30 s");
  });

  it("lists a folder with paths relative to /workspace", async () => {
    const core = new ScriptedCore(() => result(0, "f\t3\t1.5\tmain.py\0d\t0\t2\tlib\0"));
    expect(await core.listFiles("src")).toEqual([
      { path: "src/lib", type: "dir", size: 0, mtimeMs: 2000 },
      { path: "src/main.py", type: "file", size: 3, mtimeMs: 1500 },
    ]);
    expect(core.calls[0]?.options.args).toEqual(["/workspace/src"]);
  });

  it("talks to the Engine API over the core's Unix socket to dockerd, a connection per request", async () => {
    const core = new ScriptedCore(() => result(0));
    expect(await core.docker.ping()).toBe("OK");
    expect(await core.docker.ping()).toBe("OK");
    expect(core.sockets).toEqual([DOCKER_SOCKET, DOCKER_SOCKET]);
    expect(DOCKER_SOCKET).toBe("/var/run/docker.sock");
  });
});

import type { ExecOptions, ExecResult } from "../Runtime.ts";
import { CLEAR_WORKSPACE, FILE_COMMANDS, WORKSPACE } from "../workspace.ts";

const encoder = new TextEncoder();
const result = (exitCode: number, stdout: Uint8Array | string = "", stderr = ""): ExecResult => ({
  exitCode,
  stdout: typeof stdout === "string" ? encoder.encode(stdout) : stdout,
  stderr: encoder.encode(stderr),
});

/**
 * /workspace in memory, answering the guest commands the workspace file
 * operations run (FILE_COMMANDS, CLEAR_WORKSPACE) the way the guest's
 * cat/find/mv/rm do, exit codes and error text included. FakeRuntime serves
 * its exec with this, so unit tests read and write files through the same
 * derived layer (path checks, error messages) as the real VM.
 * Folders exist only while a file is in them.
 */
export class FakeWorkspace {
  /** Absolute guest path → content. */
  #files = new Map<string, Uint8Array>();
  #mtimes = new Map<string, number>();
  /** A clock that always moves, so a rewrite is visible even within one millisecond. */
  #clock = 0;

  /** Put a file in place without a command (start files). `abs` is an absolute guest path. */
  seed(abs: string, content: Uint8Array): void {
    this.#files.set(abs, content);
  }

  clear(): void {
    this.#files.clear();
    this.#mtimes.clear();
  }

  /** The result of `command` if it is one of the file commands, else undefined. */
  answer(command: string, options: ExecOptions): ExecResult | undefined {
    const [a = "", b = ""] = options.args ?? [];
    switch (command) {
      case CLEAR_WORKSPACE:
        this.clear();
        return result(0);
      case FILE_COMMANDS.read:
        return this.#read(a);
      case FILE_COMMANDS.write:
        return this.#write(a, options.stdin ?? new Uint8Array());
      case FILE_COMMANDS.list:
        return this.#list(a);
      case FILE_COMMANDS.remove:
        for (const key of this.#under(a)) this.#files.delete(key);
        return result(0);
      case FILE_COMMANDS.rename:
        return this.#rename(a, b);
      default:
        return undefined;
    }
  }

  #isDir(abs: string): boolean {
    return abs === WORKSPACE || [...this.#files.keys()].some((k) => k.startsWith(abs + "/"));
  }

  /** `abs` itself and everything below it. */
  #under(abs: string): string[] {
    return [...this.#files.keys()].filter((k) => k === abs || k.startsWith(abs + "/"));
  }

  #read(abs: string): ExecResult {
    const data = this.#files.get(abs);
    if (data) return result(0, data);
    const why = this.#isDir(abs) ? "Is a directory" : "No such file or directory";
    return result(1, "", `cat: ${abs}: ${why}\n`);
  }

  #write(abs: string, data: Uint8Array | string): ExecResult {
    if (this.#isDir(abs)) return result(2, "", `sh: 1: cannot create ${abs}: Is a directory\n`);
    this.#files.set(abs, typeof data === "string" ? encoder.encode(data) : data);
    this.#mtimes.set(abs, ++this.#clock);
    return result(0);
  }

  /** `find -printf "%y\t%s\t%T@\t%P\0"` records, folders implied by the files in them. */
  #list(root: string): ExecResult {
    if (!this.#isDir(root)) return result(2, "", `sh: 1: cd: can't cd to ${root}\n`);
    const records = new Map<string, string>();
    for (const [abs, data] of this.#files) {
      if (!abs.startsWith(root + "/")) continue;
      const parts = abs.slice(root.length + 1).split("/");
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join("/");
        records.set(dir, `d\t0\t0\t${dir}`);
      }
      const mtime = (this.#mtimes.get(abs) ?? 0) / 1000;
      records.set(parts.join("/"), `f\t${data.length}\t${mtime}\t${parts.join("/")}`);
    }
    return result(0, [...records.values()].map((r) => r + "\0").join(""));
  }

  #rename(from: string, to: string): ExecResult {
    const moving = this.#under(from);
    if (!moving.length) {
      return result(1, "", `mv: cannot stat '${from}': No such file or directory\n`);
    }
    // Like mv: into an existing folder, the source keeps its name.
    const target = this.#isDir(to) ? `${to}/${from.slice(from.lastIndexOf("/") + 1)}` : to;
    for (const key of moving) {
      const data = this.#files.get(key)!;
      this.#files.delete(key);
      this.#files.set(target + key.slice(from.length), data);
      this.#mtimes.set(target + key.slice(from.length), ++this.#clock);
    }
    return result(0);
  }
}

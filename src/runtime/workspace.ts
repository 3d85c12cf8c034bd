import {
  ExecTimeoutError,
  TimeoutError,
  type ExecOptions,
  type ExecResult,
  type FileOptions,
  type WorkspaceEntry,
  type WorkspaceFiles,
} from "./Runtime.ts";

/** The learner's files live here in the guest. */
export const WORKSPACE = "/workspace";

/**
 * The learner's shell: interactive bash with only the sandbox's own start-up
 * file (prompt, aliases, cd /workspace). A login shell (the runtime's
 * default) also runs /etc/profile, bash.bashrc, ~/.profile and `mesg`: under
 * Node that took 0.7–0.9 s to the prompt against 0.25–0.35 s for this, and
 * the browser guest is 3–4× slower (docs/performance.md). PATH, HOME and
 * LANG come from the guest agent. The snapshot is taken with this shell's
 * pages warm (images/vm-boot.ts), so the first prompt reads nothing from disk.
 */
export const LEARNER_SHELL = "exec bash --rcfile /etc/profile.d/sandbox.sh -i";

/** The learner's files as a tar stream on stdout (kept across reloads). */
export const PACK_WORKSPACE = `tar -cf - -C ${WORKSPACE} .`;
/** Unpack PACK_WORKSPACE's output (on stdin) into the workspace. */
export const UNPACK_WORKSPACE = `tar -xf - -C ${WORKSPACE}`;

/** Empties /workspace but keeps the folder (shells may be in it). */
export const CLEAR_WORKSPACE = `find ${WORKSPACE} -mindepth 1 -maxdepth 1 -exec rm -rf -- {} +`;

type Exec = (command: string, options?: ExecOptions) => Promise<ExecResult>;
const decoder = new TextDecoder();
/**
 * Default limit of a file operation. They take milliseconds; without a limit
 * one hung call would stall every later save and refresh that waits on it.
 */
const FILE_TIMEOUT_MS = 30_000;

/**
 * Map a workspace-relative path to an absolute guest path. Rejects absolute
 * paths and `..` so editor actions can never touch files outside /workspace.
 */
export function workspacePath(path: string): string {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (path.startsWith("/") || parts.some((p) => p === "..")) {
    throw new Error(
      `invalid workspace path "${path}": use a path relative to ${WORKSPACE} without ".."`,
    );
  }
  return parts.length ? `${WORKSPACE}/${parts.join("/")}` : WORKSPACE;
}

async function run(
  exec: Exec,
  what: string,
  command: string,
  options: ExecOptions,
): Promise<ExecResult> {
  const timeoutMs = options.timeoutMs ?? FILE_TIMEOUT_MS;
  let result: ExecResult;
  try {
    result = await exec(command, { cwd: "/", ...options, timeoutMs });
  } catch (err) {
    if (err instanceof ExecTimeoutError) throw new TimeoutError(what, timeoutMs);
    throw err;
  }
  if (result.exitCode !== 0) {
    const reason = decoder.decode(result.stderr).trim() || `exit code ${result.exitCode}`;
    throw new Error(`${what}: ${reason}`);
  }
  return result;
}

/**
 * The guest commands behind the file operations. Arguments travel as
 * positional parameters (`$1`, `$2`: absolute guest paths; a write's data on
 * stdin), never through shell parsing. Exported so FakeRuntime can answer
 * exactly these and unit tests run through the same layer as the VM.
 */
export const FILE_COMMANDS = {
  read: 'cat -- "$1"',
  write: 'mkdir -p -- "$(dirname -- "$1")" && cat > "$1"',
  /** Records of `type\tsize\tmtime seconds\tpath relative to $1` ending in NUL (parseFindOutput). */
  list: 'cd -- "$1" && find . -mindepth 1 -printf "%y\\t%s\\t%T@\\t%P\\0"',
  remove: 'rm -rf -- "$1"',
  rename: 'mkdir -p -- "$(dirname -- "$2")" && mv -- "$1" "$2"',
} as const;

/**
 * Workspace file operations over `exec` (cat/find/mv/rm in the guest): what
 * RuntimeBase gives every runtime. Each has a time limit (default 30 s) and
 * takes an AbortSignal; a non-zero exit becomes an Error naming the operation
 * and carrying the guest's stderr.
 */
export function workspaceFiles(exec: Exec): WorkspaceFiles {
  return {
    async readFile(path: string, options: FileOptions = {}): Promise<Uint8Array> {
      const abs = workspacePath(path);
      return (
        await run(exec, `cannot read ${path}`, FILE_COMMANDS.read, { ...options, args: [abs] })
      ).stdout;
    },
    async writeFile(
      path: string,
      data: Uint8Array | string,
      options: FileOptions = {},
    ): Promise<void> {
      const abs = workspacePath(path);
      await run(exec, `cannot write ${path}`, FILE_COMMANDS.write, {
        ...options,
        args: [abs],
        stdin: data,
      });
    },
    async listFiles(dir = "", options: FileOptions = {}): Promise<WorkspaceEntry[]> {
      const abs = workspacePath(dir);
      const { stdout } = await run(exec, `cannot list ${dir || "/workspace"}`, FILE_COMMANDS.list, {
        ...options,
        args: [abs],
      });
      const prefix = abs === WORKSPACE ? "" : abs.slice(WORKSPACE.length + 1) + "/";
      return parseFindOutput(decoder.decode(stdout), prefix);
    },
    async removeFile(path: string, options: FileOptions = {}): Promise<void> {
      const abs = workspacePath(path);
      if (abs === WORKSPACE) throw new Error("refusing to remove the workspace itself");
      await run(exec, `cannot remove ${path}`, FILE_COMMANDS.remove, { ...options, args: [abs] });
    },
    async renameFile(from: string, to: string, options: FileOptions = {}): Promise<void> {
      const [a, b] = [workspacePath(from), workspacePath(to)];
      await run(exec, `cannot rename ${from} to ${to}`, FILE_COMMANDS.rename, {
        ...options,
        args: [a, b],
      });
    },
  };
}

const TYPES: Record<string, WorkspaceEntry["type"]> = { f: "file", d: "dir", l: "symlink" };

/** Parse `find -printf "%y\t%s\t%T@\t%P\0"` records. */
export function parseFindOutput(text: string, prefix = ""): WorkspaceEntry[] {
  return text
    .split("\0")
    .filter(Boolean)
    .map((record) => {
      const [type = "", size = "0", mtime = "0", ...rest] = record.split("\t");
      return {
        path: prefix + rest.join("\t"),
        type: TYPES[type] ?? "other",
        size: Number(size),
        mtimeMs: Math.round(Number(mtime) * 1000),
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

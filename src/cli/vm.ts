/**
 * Headless sandbox CLI.
 *
 *   npm run vm -- exec '<shell command>'   run it with `sh -c` as root in /workspace
 *                                          of a sandbox restored from the ready
 *                                          snapshot; streams stdout/stderr and
 *                                          exits with the command's exit code.
 *   npm run vm -- shell                     an interactive terminal in the guest.
 *
 * Exit codes: the command's own; 125 when the sandbox itself failed (missing
 * VM assets, the guest did not start).
 */
import { VmAssetsMissingError } from "../runtime/Runtime.ts";
import { startNodeSandbox } from "../runtime/node/startNodeSandbox.ts";

const SANDBOX_FAILED = 125;
const [command, ...rest] = process.argv.slice(2);

function usage(): never {
  process.stderr.write("usage: npm run vm -- exec '<shell command>' | npm run vm -- shell\n");
  process.exit(2);
}

async function main(): Promise<number> {
  if (command !== "exec" && command !== "shell") usage();
  if (command === "exec" && rest.length === 0) usage();
  const runtime = await startNodeSandbox();
  try {
    if (command === "exec") {
      const result = await runtime.exec(rest.join(" "), {
        onStdout: (chunk) => process.stdout.write(chunk),
        onStderr: (chunk) => process.stderr.write(chunk),
      });
      return result.exitCode;
    }
    return await interactiveShell(runtime);
  } finally {
    await runtime.dispose();
  }
}

async function interactiveShell(
  runtime: Awaited<ReturnType<typeof startNodeSandbox>>,
): Promise<number> {
  const size = () => ({ cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 });
  const term = await runtime.openTerminal(size());
  if (process.stdin.isTTY) process.stdin.setRawMode(true);
  process.stdin.on("data", (data: Buffer) => term.write(new Uint8Array(data)));
  process.stdout.on("resize", () => term.resize(size().cols, size().rows));
  term.onData((chunk) => process.stdout.write(chunk));
  const code = await new Promise<number>((resolve) => term.onExit(resolve));
  process.stdin.pause();
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    const hint =
      err instanceof VmAssetsMissingError ? "" : "\n(the sandbox failed; see the message above)";
    process.stderr.write(`vm: ${err.message}${hint}\n`);
    process.exit(SANDBOX_FAILED);
  },
);

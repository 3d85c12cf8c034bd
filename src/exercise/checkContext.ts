import type { CheckContext } from "../checks/CheckContext.ts";
import { registryGetViaExec } from "../checks/registry/registryGetViaExec.ts";
import { ExecTimeoutError, type Runtime } from "../runtime/Runtime.ts";

const decoder = new TextDecoder();

/**
 * Every check capability from one Runtime: the Engine API straight from the
 * host (no `docker` CLI start in the guest), workspace files, commands over
 * the control channel (in the lesson's `cwd`), and registry reads via busybox
 * wget in the guest (a registry on the guest's localhost is not reachable
 * from the host otherwise).
 */
export function checkContext(runtime: Runtime, cwd = "/workspace"): CheckContext {
  const exec: NonNullable<CheckContext["exec"]> = async (command, { args, timeoutMs, signal }) => {
    try {
      const result = await runtime.exec(command, {
        cwd,
        ...(args ? { args } : {}),
        ...(timeoutMs ? { timeoutMs } : {}),
        ...(signal ? { signal } : {}),
      });
      return {
        exitCode: result.exitCode,
        stdout: decoder.decode(result.stdout),
        stderr: decoder.decode(result.stderr),
      };
    } catch (error) {
      if (error instanceof ExecTimeoutError)
        return { exitCode: 124, stdout: "", stderr: "", timedOut: true };
      throw error;
    }
  };
  return {
    docker: runtime.docker,
    async readWorkspaceFile(path) {
      try {
        return decoder.decode(await runtime.readFile(path));
      } catch (error) {
        if (/no such file|not found|ENOENT/i.test(String((error as Error).message))) return null;
        throw error;
      }
    },
    exec,
    registryGet: registryGetViaExec(exec),
  };
}

import type { StartOptions } from "../Runtime.ts";
import { V86Runtime } from "../v86/V86Runtime.ts";
import { nodeAssets, nodeVmBuild } from "./nodeAssets.ts";

/**
 * Start a sandbox under Node from public/vm (or $SANDBOX_VM_DIR). Throws
 * VmAssetsMissingError, with the command to build them, when they are absent.
 * Set SANDBOX_DEBUG_CONSOLE=1 to see the guest's serial console on stderr.
 */
export async function startNodeSandbox(options: StartOptions = {}): Promise<V86Runtime> {
  const runtime = new V86Runtime({ assets: nodeAssets(), build: nodeVmBuild() });
  if (process.env.SANDBOX_DEBUG_CONSOLE)
    runtime.on("console", (text) => process.stderr.write(text));
  await runtime.start(options);
  return runtime;
}

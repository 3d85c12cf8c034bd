import { need, type CheckContext, type CommandOutput } from "../CheckContext.ts";
import type { CommandCheck } from "./commandCheckSchema.ts";

/** What {@link judgeCommand} looks at: what the command did. */
export interface CommandFacts {
  output: CommandOutput;
}

export async function gatherCommandFacts(
  check: CommandCheck,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<CommandFacts> {
  const exec = need(ctx, "exec", "command");
  return { output: await exec(check.run, { timeoutMs: check.timeoutMs, signal }) };
}

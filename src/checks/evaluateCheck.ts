import type { AssertionResult, CheckResult } from "./assertionResult.ts";
import type { CheckContext } from "./CheckContext.ts";
import type { Check } from "./checkSchema.ts";
import { checkTitle } from "./checkTitle.ts";
import { gatherCommandFacts } from "./command/gatherCommandFacts.ts";
import { judgeCommand } from "./command/judgeCommand.ts";
import { gatherContainerFacts } from "./container/gatherContainerFacts.ts";
import { judgeContainer } from "./container/judgeContainer.ts";
import { gatherFileFacts } from "./file/gatherFileFacts.ts";
import { judgeFile } from "./file/judgeFile.ts";
import { gatherImageFacts } from "./image/gatherImageFacts.ts";
import { judgeImage } from "./image/judgeImage.ts";
import { gatherNetworkFacts } from "./network/gatherNetworkFacts.ts";
import { judgeNetwork } from "./network/judgeNetwork.ts";
import { gatherRegistryFacts } from "./registry/gatherRegistryFacts.ts";
import { judgeRegistry } from "./registry/judgeRegistry.ts";
import { gatherVolumeFacts } from "./volume/gatherVolumeFacts.ts";
import { judgeVolume } from "./volume/judgeVolume.ts";

/**
 * Run one check: gather the facts it needs through `ctx` (the only I/O),
 * then judge them with a pure function. Resolves with one result per
 * assertion, failures included; rejects only when the facts could not be
 * gathered (daemon unreachable, a missing capability: MissingCapabilityError)
 * or when `signal` aborts, so a result that arrives is never a stale one.
 */
export async function evaluateCheck(
  check: Check,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<CheckResult> {
  signal?.throwIfAborted();
  const assertions = await assertionsOf(check, ctx, signal);
  signal?.throwIfAborted();
  const ok = assertions.every((assertion) => assertion.ok);
  const result: CheckResult = { ok, title: checkTitle(check), assertions };
  if (!ok && check.hint) result.hint = check.hint;
  return result;
}

async function assertionsOf(
  check: Check,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<AssertionResult[]> {
  switch (check.kind) {
    case "image":
      return judgeImage(check, await gatherImageFacts(check, ctx, signal));
    case "container":
      return judgeContainer(check, await gatherContainerFacts(check, ctx, signal));
    case "network":
      return judgeNetwork(check, await gatherNetworkFacts(check, ctx, signal));
    case "volume":
      return judgeVolume(check, await gatherVolumeFacts(check, ctx, signal));
    case "file":
      return judgeFile(check, await gatherFileFacts(check, ctx, signal));
    case "command":
      return judgeCommand(check, await gatherCommandFacts(check, ctx, signal));
    case "registry":
      return judgeRegistry(check, await gatherRegistryFacts(check, ctx, signal));
  }
}

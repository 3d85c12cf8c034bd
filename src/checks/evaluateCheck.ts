import type { AssertionResult, CheckResult } from "./assertionResult.ts";
import type { CheckContext } from "./CheckContext.ts";
import type { Check } from "./checkSchema.ts";
import { kindOf } from "./checkKinds.ts";
import { checkTitle } from "./checkTitle.ts";

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
  const kind = kindOf(check);
  return kind.judge(check, await kind.gather(check, ctx, signal));
}

import type { Capability } from "./CheckContext.ts";
import { kindOf } from "./checkKinds.ts";
import type { Check } from "./checkSchema.ts";

/**
 * The {@link CheckContext} members a check uses, so a host can tell up
 * front which checks it can run (e.g. the fake runtime has no registry).
 */
export function requiredCapabilities(check: Check): Capability[] {
  return kindOf(check).needs(check);
}

import type { RerunTriggers } from "./checkKind.ts";
import { kindOf } from "./checkKinds.ts";
import type { Check } from "./checkSchema.ts";

export type { RerunTriggers };

/**
 * Checks react to Docker events and workspace saves rather than polling;
 * each kind says which (its record in src/checks/<kind>/).
 */
export function rerunTriggers(check: Check): RerunTriggers {
  return kindOf(check).rerunTriggers(check);
}

/**
 * Container actions that only look at a container or run something beside its
 * main process: what a command check itself causes when its script uses
 * `docker exec`, `docker top` or `docker cp` out of a container. A host
 * ignores them while (and just after) its own checks run, or each check run
 * would trigger the next one.
 */
const OBSERVING_ACTIONS = new Set([
  "exec_create",
  "exec_start",
  "exec_die",
  "exec_detach",
  "attach",
  "detach",
  "resize",
  "top",
  "archive-path",
  "export",
]);

/** Whether a Docker event is one a check's own observation can cause (see OBSERVING_ACTIONS). */
export function isObservingEvent(event: { Type: string; Action: string }): boolean {
  if (event.Type !== "container") return false;
  // Exec actions carry the command: "exec_start: sh -c cat /data/x".
  const action = event.Action.split(":", 1)[0]?.trim() ?? "";
  return OBSERVING_ACTIONS.has(action);
}

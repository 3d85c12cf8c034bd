import type { Check } from "./checkSchema.ts";

/** What can change a check's outcome, so a host re-runs it on those changes only. */
export interface RerunTriggers {
  /** Docker event types (`DockerEvent.Type`) that may change the outcome. */
  dockerEvents: string[];
  /** Workspace paths whose saves may change the outcome. */
  workspacePaths: string[];
}

/**
 * Checks react to Docker events and workspace saves rather than polling.
 * A command can observe anything in the guest, so it re-runs on every
 * Docker event; a registry changes on a push, which the daemon reports as
 * an image event.
 */
export function rerunTriggers(check: Check): RerunTriggers {
  switch (check.kind) {
    case "image":
      return { dockerEvents: ["image"], workspacePaths: [] };
    case "container":
      return { dockerEvents: ["container", "image", "network", "volume"], workspacePaths: [] };
    case "network":
      return { dockerEvents: ["network", "container"], workspacePaths: [] };
    case "volume":
      return { dockerEvents: ["volume", "container"], workspacePaths: [] };
    case "file":
      return { dockerEvents: [], workspacePaths: [check.path] };
    case "command":
      return { dockerEvents: ["container", "image", "network", "volume"], workspacePaths: [] };
    case "registry":
      return { dockerEvents: ["image", "container"], workspacePaths: [] };
  }
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

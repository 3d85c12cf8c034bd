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

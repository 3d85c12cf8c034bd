import type { Capability } from "./CheckContext.ts";
import type { Check } from "./checkSchema.ts";

/**
 * The {@link CheckContext} members a check uses, so a host can tell up
 * front which checks it can run (e.g. the fake runtime has no registry).
 */
export function requiredCapabilities(check: Check): Capability[] {
  switch (check.kind) {
    case "image":
    case "network":
    case "volume":
      return ["docker"];
    case "container":
      return check.files ? ["docker", "command"] : ["docker"];
    case "file":
      return ["workspace"];
    case "command":
      return ["command"];
    case "registry":
      return ["registry"];
  }
}

import { defineCheckKind } from "../checkKind.ts";
import { gatherRegistryFacts } from "./gatherRegistryFacts.ts";
import { judgeRegistry } from "./judgeRegistry.ts";
import { registryCheckSchema } from "./registryCheckSchema.ts";

/**
 * A repository's tags in a registry, queried from inside the guest (the
 * registry is a container there). A push shows up as an image event.
 */
export const registryKind = defineCheckKind({
  schema: registryCheckSchema,
  title: (check) => `Registry ${check.registry}/${check.repository}`,
  rerunTriggers: () => ({ dockerEvents: ["image", "container"], workspacePaths: [] }),
  needs: () => ["registry"],
  gather: gatherRegistryFacts,
  judge: judgeRegistry,
  runsInGuest: (check) =>
    `read the tags of ${check.repository} from the registry at ${check.registry}`,
});

import { defineCheckKind } from "../checkKind.ts";
import { gatherNetworkFacts } from "./gatherNetworkFacts.ts";
import { judgeNetwork } from "./judgeNetwork.ts";
import { networkCheckSchema } from "./networkCheckSchema.ts";

/** A network: its driver, options and the containers attached to it. */
export const networkKind = defineCheckKind({
  schema: networkCheckSchema,
  title: (check) => `Network ${check.name}`,
  rerunTriggers: () => ({ dockerEvents: ["network", "container"], workspacePaths: [] }),
  needs: () => ["docker"],
  gather: gatherNetworkFacts,
  judge: judgeNetwork,
});

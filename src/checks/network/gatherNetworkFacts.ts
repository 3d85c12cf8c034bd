import type { Network } from "../../runtime/docker/types.ts";
import { need, type CheckContext } from "../CheckContext.ts";
import { ifExists } from "../ifExists.ts";
import type { NetworkCheck } from "./networkCheckSchema.ts";

/** What {@link judgeNetwork} looks at: `docker network inspect`, null when there is no such network. */
export interface NetworkFacts {
  network: Network | null;
}

export async function gatherNetworkFacts(
  check: NetworkCheck,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<NetworkFacts> {
  const docker = need(ctx, "docker", "docker");
  const network = await ifExists(docker.inspectNetwork(check.name, { signal }));
  // The daemon also resolves id prefixes; only an exact name counts here.
  return { network: network && network.Name === check.name ? network : null };
}

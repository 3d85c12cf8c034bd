import { need, type CheckContext, type RegistryResponse } from "../CheckContext.ts";
import type { RegistryCheck } from "./registryCheckSchema.ts";

/** What {@link judgeRegistry} looks at: the answer to `GET /v2/<repository>/tags/list`. */
export interface RegistryFacts {
  tagsList: RegistryResponse;
}

/** The registry API v2 path that lists a repository's tags. */
export function tagsListPath(repository: string): string {
  return `/v2/${repository}/tags/list`;
}

export async function gatherRegistryFacts(
  check: RegistryCheck,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<RegistryFacts> {
  const get = need(ctx, "registryGet", "registry");
  return { tagsList: await get(check.registry, tagsListPath(check.repository), signal) };
}

import type { ImageHistoryItem, ImageInspect } from "../../runtime/docker/types.ts";
import { need, type CheckContext } from "../CheckContext.ts";
import { ifExists } from "../ifExists.ts";
import type { ImageCheck } from "./imageCheckSchema.ts";

/** Everything {@link judgeImage} looks at: Engine API answers, null where the daemon said 404. */
export interface ImageFacts {
  image: ImageInspect | null;
  /** `docker history`, fetched when the check asks about layers or history. */
  history?: ImageHistoryItem[] | null;
  /** The image named by `base`, when the check has one. */
  base?: ImageInspect | null;
}

/** Ask the daemon for what an image check needs, and nothing more. */
export async function gatherImageFacts(
  check: ImageCheck,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<ImageFacts> {
  const docker = need(ctx, "docker", "docker");
  const image = await ifExists(docker.inspectImage(check.ref, { signal }));
  if (!image) return { image };
  const facts: ImageFacts = { image };
  if (check.layers || check.history) {
    facts.history = await ifExists(docker.imageHistory(image.Id, { signal }));
  }
  if (check.base) facts.base = await ifExists(docker.inspectImage(check.base, { signal }));
  return facts;
}

import type { ContainerSummary, Volume } from "../../runtime/docker/types.ts";
import { need, type CheckContext } from "../CheckContext.ts";
import { ifExists } from "../ifExists.ts";
import type { VolumeCheck } from "./volumeCheckSchema.ts";

/** What {@link judgeVolume} looks at. */
export interface VolumeFacts {
  volume: Volume | null;
  /** `docker ps -a --filter volume=<name>`, when the check asks who uses it. */
  users?: ContainerSummary[];
}

export async function gatherVolumeFacts(
  check: VolumeCheck,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<VolumeFacts> {
  const docker = need(ctx, "docker", "docker");
  const volume = await ifExists(docker.inspectVolume(check.name, { signal }));
  if (!volume || !check.usedBy) return { volume };
  const users = await docker.listContainers({ all: true, filters: { volume: check.name }, signal });
  return { volume, users };
}

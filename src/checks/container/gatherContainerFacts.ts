import type { ContainerInspect, ImageInspect } from "../../runtime/docker/types.ts";
import {
  CheckTimeoutError,
  HELPER_TIMEOUT_MS,
  need,
  type CheckContext,
  type CommandOutput,
} from "../CheckContext.ts";
import { ifExists } from "../ifExists.ts";
import type { ContainerCheck } from "./containerCheckSchema.ts";

/** How many of the newest matching containers a filter check looks at. */
export const MAX_CANDIDATES = 5;

/**
 * Print a file of a container (running or not) on stdout: `docker cp`
 * streams it as a tar archive, which tar unpacks to stdout. Unlike `docker
 * exec cat`, this also works on stopped containers and images without cat.
 * Container and path arrive as $1 and $2, never through shell parsing.
 */
export const READ_CONTAINER_FILE = 'docker cp -L "$1:$2" - | tar -xOf -';

/** One container and what was read from it. */
export interface ContainerCandidate {
  container: ContainerInspect;
  /** `docker logs`, fetched when the check asks about logs. */
  logs?: { stdout: string; stderr: string };
  /** Output of {@link READ_CONTAINER_FILE} per path, when the check asks about files. */
  files?: Record<string, CommandOutput>;
}

/** Everything {@link judgeContainer} looks at. */
export interface ContainerFacts {
  /** The named container, or the newest ones matching the filters; empty when there is none. */
  candidates: ContainerCandidate[];
  /** The image named by `image`, when the check has one (null when it does not exist). */
  image?: ImageInspect | null;
}

/** Ask the daemon (and, for files, the guest) for what a container check needs. */
export async function gatherContainerFacts(
  check: ContainerCheck,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<ContainerFacts> {
  const docker = need(ctx, "docker", "docker");
  const exec = check.files ? need(ctx, "exec", "command") : undefined;
  let containers: ContainerInspect[];
  if (check.name !== undefined) {
    const found = await ifExists(docker.inspectContainer(check.name, { signal }));
    // The daemon also resolves id prefixes; only an exact name counts here.
    containers = found && found.Name === `/${check.name}` ? [found] : [];
  } else {
    const list = await docker.listContainers({ all: true, filters: check.filters, signal });
    const inspected = await Promise.all(
      list
        .slice(0, MAX_CANDIDATES)
        .map((summary) => ifExists(docker.inspectContainer(summary.Id, { signal }))),
    );
    containers = inspected.filter((c): c is ContainerInspect => c !== null);
  }
  const candidates = await Promise.all(
    containers.map(async (container): Promise<ContainerCandidate> => {
      const candidate: ContainerCandidate = { container };
      if (check.exists && check.logs) {
        candidate.logs = await docker.containerLogs(container.Id, {
          tty: container.Config.Tty,
          signal,
        });
      }
      if (check.exists && exec && check.files) {
        candidate.files = {};
        for (const file of check.files) {
          const output = await exec(READ_CONTAINER_FILE, {
            args: [container.Id, file.path],
            timeoutMs: HELPER_TIMEOUT_MS,
            signal,
          });
          // Unknown is not "missing": a timed-out read must not tell the learner the file is not there.
          if (output.timedOut)
            throw new CheckTimeoutError(`Reading ${file.path} from the container`);
          candidate.files[file.path] = output;
        }
      }
      return candidate;
    }),
  );
  const facts: ContainerFacts = { candidates };
  if (check.image && candidates.length) {
    facts.image = await ifExists(docker.inspectImage(check.image, { signal }));
  }
  return facts;
}

import { DockerApiError } from "../../src/runtime/docker/DockerClient.ts";
import type { CheckDocker } from "../../src/checks/CheckContext.ts";
import type {
  ContainerInspect,
  ContainerSummary,
  ImageHistoryItem,
  ImageInspect,
  Network,
  Volume,
} from "../../src/runtime/docker/types.ts";

/** What the fake daemon knows; lookups by name, tag or id, like the real one. */
export interface FakeDockerState {
  images?: ImageInspect[];
  history?: Record<string, ImageHistoryItem[]>;
  containers?: ContainerInspect[];
  /** Answers to `GET /containers/json`, by the JSON of the filters asked for. */
  lists?: Record<string, ContainerSummary[]>;
  logs?: Record<string, { stdout: string; stderr: string }>;
  networks?: Network[];
  volumes?: Volume[];
}

function notFound(what: string): never {
  throw new DockerApiError(404, `No such ${what}`, "GET", `/v1.41/${what}`);
}

/** A fake of the Engine API calls checkers make, answering from recorded JSON; `calls` records them. */
export function fakeDocker(state: FakeDockerState): CheckDocker & { calls: string[] } {
  const calls: string[] = [];
  const image = (ref: string) =>
    state.images?.find(
      (i) => i.Id === ref || i.RepoTags.includes(ref) || i.RepoTags.includes(`${ref}:latest`),
    ) ?? notFound(`image: ${ref}`);
  const container = (ref: string) =>
    state.containers?.find((c) => c.Id === ref || c.Name === `/${ref}` || c.Id.startsWith(ref)) ??
    notFound(`container: ${ref}`);
  return {
    calls,
    async inspectImage(ref) {
      calls.push(`inspectImage ${ref}`);
      return image(ref);
    },
    async imageHistory(ref) {
      calls.push(`imageHistory ${ref}`);
      return state.history?.[image(ref).Id] ?? notFound(`image: ${ref}`);
    },
    async listContainers(options = {}) {
      calls.push(`listContainers ${JSON.stringify(options.filters ?? {})}`);
      return state.lists?.[JSON.stringify(options.filters ?? {})] ?? [];
    },
    async inspectContainer(ref) {
      calls.push(`inspectContainer ${ref}`);
      return container(ref);
    },
    async containerLogs(id) {
      calls.push(`containerLogs ${id}`);
      return state.logs?.[container(id).Id] ?? { stdout: "", stderr: "" };
    },
    async inspectNetwork(name) {
      calls.push(`inspectNetwork ${name}`);
      return (
        state.networks?.find((n) => n.Name === name || n.Id === name) ??
        notFound(`network: ${name}`)
      );
    },
    async inspectVolume(name) {
      calls.push(`inspectVolume ${name}`);
      return state.volumes?.find((v) => v.Name === name) ?? notFound(`volume: ${name}`);
    },
  };
}

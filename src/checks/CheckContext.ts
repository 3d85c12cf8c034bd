import type { DockerClient } from "../runtime/docker/DockerClient.ts";

/** The Engine API calls checkers make: a subset of {@link DockerClient}, so tests can fake it. */
export type CheckDocker = Pick<
  DockerClient,
  | "inspectImage"
  | "imageHistory"
  | "listContainers"
  | "inspectContainer"
  | "containerLogs"
  | "inspectNetwork"
  | "inspectVolume"
>;

/** What a command in the guest produced, decoded as UTF-8. */
export interface CommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The command ran past its time limit and was killed. */
  timedOut?: boolean;
}

/** An HTTP answer from a registry. */
export interface RegistryResponse {
  status: number;
  body: string;
}

/**
 * What checkers may use, injected so that judging stays testable on JSON
 * alone. Each capability is optional: a host offers what it has, and
 * {@link requiredCapabilities} tells which checks it can run.
 */
export interface CheckContext {
  /** The Engine API (capability "docker"). */
  docker?: CheckDocker;
  /** A workspace file's text, null when it does not exist (capability "workspace"). Paths are relative to /workspace. */
  readWorkspaceFile?(path: string, signal?: AbortSignal): Promise<string | null>;
  /**
   * Run `sh -c command` in the guest, with `args` as $1, $2, … (capability
   * "command"). Resolves for any exit code; rejects only when the command
   * could not be run at all or `signal` aborted it.
   */
  exec?(
    command: string,
    options: { args?: string[]; timeoutMs?: number; signal?: AbortSignal },
  ): Promise<CommandOutput>;
  /**
   * GET `path` (e.g. "/v2/hello/tags/list") from the registry at `registry`
   * ("localhost:5000") as seen from the guest (capability "registry").
   */
  registryGet?(registry: string, path: string, signal?: AbortSignal): Promise<RegistryResponse>;
}

/**
 * How long the checkers' own helper commands (reading a file out of a
 * container, a registry request) may take. Generous: under emulation on a
 * busy machine one docker CLI start can take tens of seconds.
 */
export const HELPER_TIMEOUT_MS = 60_000;

/** A helper command ran out of time: the facts are unknown, which is not a learner's mistake. */
export class CheckTimeoutError extends Error {
  override readonly name = "CheckTimeoutError";
  constructor(what: string) {
    super(
      `${what} did not finish within ${HELPER_TIMEOUT_MS / 1000} s; the sandbox may be busy: try Check again`,
    );
  }
}

/** The name of one optional member of {@link CheckContext}. */
export type Capability = "docker" | "workspace" | "command" | "registry";

/** A check needs a capability the context does not offer: a wiring mistake, not a learner's. */
export class MissingCapabilityError extends Error {
  override readonly name = "MissingCapabilityError";
  constructor(readonly capability: Capability) {
    super(
      `this check needs the "${capability}" capability, which the check context does not offer`,
    );
  }
}

/** The capability's implementation, or a {@link MissingCapabilityError}. */
export function need<K extends keyof CheckContext>(
  ctx: CheckContext,
  member: K,
  capability: Capability,
): NonNullable<CheckContext[K]> {
  const value = ctx[member];
  if (value === undefined) throw new MissingCapabilityError(capability);
  return value as NonNullable<CheckContext[K]>;
}

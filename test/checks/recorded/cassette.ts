import type { CheckContext, CheckDocker, CommandOutput } from "../../../src/checks/CheckContext.ts";
import { DockerApiError } from "../../../src/runtime/docker/DockerClient.ts";

/** One call a check made, and what came back (an answer or a Docker API error). */
export interface Recorded {
  call: string;
  result?: unknown;
  error?: { status: number; message: string };
}

const DOCKER_METHODS = [
  "inspectImage",
  "imageHistory",
  "listContainers",
  "inspectContainer",
  "containerLogs",
  "inspectNetwork",
  "inspectVolume",
] as const;

/** The key of a call: its method and arguments, without signals. */
function key(method: string, args: unknown[]): string {
  const plain = args.map((a) =>
    a && typeof a === "object" && !Array.isArray(a)
      ? Object.fromEntries(Object.entries(a).filter(([k]) => k !== "signal"))
      : a,
  );
  return `${method} ${JSON.stringify(plain)}`;
}

/** Wrap a real context so every answer is recorded (answers repeat per key). */
export function recordingContext(real: CheckContext, tape: Recorded[]): CheckContext {
  const record = async <T>(call: string, run: () => Promise<T>): Promise<T> => {
    try {
      const result = await run();
      if (!tape.some((r) => r.call === call)) tape.push({ call, result });
      return result;
    } catch (error) {
      if (error instanceof DockerApiError && !tape.some((r) => r.call === call)) {
        tape.push({ call, error: { status: error.status, message: error.daemonMessage } });
      }
      throw error;
    }
  };
  const docker = Object.fromEntries(
    DOCKER_METHODS.map((method) => [
      method,
      (...args: unknown[]) =>
        record(key(method, args), () =>
          (real.docker as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[
            method
          ]!(...args),
        ),
    ]),
  ) as unknown as CheckDocker;
  return {
    docker,
    readWorkspaceFile: (path) =>
      record(key("readWorkspaceFile", [path]), () => real.readWorkspaceFile!(path)),
    exec: (command, options) =>
      record(key("exec", [command, { args: options.args ?? [] }]), () =>
        real.exec!(command, options),
      ),
    registryGet: (registry, path) =>
      record(key("registryGet", [registry, path]), () => real.registryGet!(registry, path)),
  };
}

/** A context that answers only from a recording; an unrecorded call fails the test loudly. */
export function replayContext(tape: Recorded[]): CheckContext {
  const replay = async (call: string): Promise<unknown> => {
    const entry = tape.find((r) => r.call === call);
    if (!entry) throw new Error(`not in the recording: ${call} (run record.ts again)`);
    if (entry.error) {
      throw new DockerApiError(entry.error.status, entry.error.message, "GET", call);
    }
    return structuredClone(entry.result);
  };
  const docker = Object.fromEntries(
    DOCKER_METHODS.map((method) => [method, (...args: unknown[]) => replay(key(method, args))]),
  ) as unknown as CheckDocker;
  return {
    docker,
    readWorkspaceFile: (path) => replay(key("readWorkspaceFile", [path])) as Promise<string | null>,
    exec: (command, options) =>
      replay(key("exec", [command, { args: options.args ?? [] }])) as Promise<CommandOutput>,
    registryGet: (registry, path) =>
      replay(key("registryGet", [registry, path])) as Promise<{ status: number; body: string }>,
  };
}

import type { ContainerInspect } from "../../runtime/docker/types.ts";
import { fail, pass, type AssertionResult } from "../assertionResult.ts";
import type { ContainerCheck } from "./containerCheckSchema.ts";

type State = NonNullable<ContainerCheck["state"]>;

/** "exited with code 1", "running", "paused": a container's state as a learner reads `docker ps -a`. */
export function describeState(container: ContainerInspect): string {
  const { Status, ExitCode } = container.State;
  if (Status === "exited") return `exited with code ${ExitCode}`;
  if (Status === "created") return "created but never started";
  return Status;
}

/**
 * The expected state, with the command that gets there from the actual one
 * (and, for a container that died, where to look for the reason).
 */
export function judgeState(
  name: string,
  expected: State,
  container: ContainerInspect,
): AssertionResult {
  const actual = container.State.Status;
  if (actual === expected) return pass(`Container ${name} is ${describeState(container)}.`);
  const message = `Container ${name} is not ${expected}: it is ${describeState(container)}.`;
  if (expected === "running") {
    if (actual === "exited" || actual === "dead") {
      return fail(
        message,
        `See why with \`docker logs ${name}\`, then start it again with \`docker start ${name}\`.`,
      );
    }
    if (actual === "paused") return fail(message, `Resume it with \`docker unpause ${name}\`.`);
    if (actual === "created") return fail(message, `Start it with \`docker start ${name}\`.`);
  }
  if (expected === "paused" && actual === "running") {
    return fail(message, `Pause it with \`docker pause ${name}\`.`);
  }
  if (
    expected === "exited" &&
    (actual === "running" || actual === "paused" || actual === "restarting")
  ) {
    return fail(message, `Stop it with \`docker stop ${name}\` (or \`docker kill ${name}\`).`);
  }
  return fail(message, `\`docker ps -a\` shows its state; \`docker inspect ${name}\` shows why.`);
}

/** The main process's exit code, which only a stopped container has. */
export function judgeExitCode(
  name: string,
  expected: number,
  container: ContainerInspect,
): AssertionResult {
  const { Status, ExitCode } = container.State;
  if (Status !== "exited" && Status !== "dead") {
    return fail(
      `Container ${name} has not exited (it is ${describeState(container)}), so it has no exit code yet.`,
      `Wait for it with \`docker wait ${name}\`, or stop it with \`docker stop ${name}\`.`,
    );
  }
  if (ExitCode === expected) return pass(`Container ${name} exited with code ${ExitCode}.`);
  return fail(
    `Container ${name} exited with code ${ExitCode}, expected ${expected}.`,
    expected === 137
      ? "Exit code 137 means SIGKILL: end it with `docker kill`, or `docker stop` a process that ignores SIGTERM."
      : `\`docker logs ${name}\` shows what its process printed before it ended.`,
  );
}

type Health = NonNullable<ContainerCheck["health"]>;

/**
 * What the container's HEALTHCHECK says. A failing probe's own output is the
 * best hint there is (curl's "connection refused", a missing file), so an
 * unhealthy container's feedback quotes the last one.
 */
export function judgeHealth(
  name: string,
  expected: Health,
  container: ContainerInspect,
): AssertionResult {
  const health = container.State.Health;
  const actual = health?.Status ?? "none";
  if (actual === expected) {
    return pass(
      expected === "none"
        ? `Container ${name} has no health check.`
        : `Container ${name} is ${actual}.`,
    );
  }
  if (actual === "none") {
    return fail(
      `Container ${name} has no health check.`,
      "Add a HEALTHCHECK to the Dockerfile and rebuild (or run it with --health-cmd), then start a new container.",
    );
  }
  const last = health?.Log?.at(-1);
  const probe = last
    ? ` Its last probe exited with code ${last.ExitCode}${last.Output.trim() ? `: ${last.Output.trim().slice(-200)}` : "."}`
    : "";
  return fail(
    `Container ${name} is ${actual}, expected ${expected}.${probe}`,
    actual === "starting"
      ? "Its first probes have not run yet: wait for the health check's interval, then check again."
      : `\`docker inspect --format '{{json .State.Health}}' ${name}\` shows every recent probe and its output.`,
  );
}

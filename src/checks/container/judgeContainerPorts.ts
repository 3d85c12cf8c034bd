import type { ContainerInspect, PortBinding } from "../../runtime/docker/types.ts";
import { fail, pass, type AssertionResult } from "../assertionResult.ts";

/**
 * Host ports a container port is published on. A running container reports
 * the actual ports (random ones for -P and -p 80) in NetworkSettings; a
 * stopped one only keeps what -p asked for in HostConfig.
 */
export function hostPorts(container: ContainerInspect, port: string): string[] {
  const actual = container.NetworkSettings.Ports?.[port];
  const configured = container.HostConfig.PortBindings?.[port];
  const bindings: PortBinding[] = actual?.length ? actual : (configured ?? []);
  return [...new Set(bindings.map((b) => b.HostPort).filter((p) => p !== ""))];
}

/** A published port, and on which host port when the check fixes it. */
export function judgePort(
  name: string,
  expected: { container: string; host?: number | undefined },
  container: ContainerInspect,
): AssertionResult {
  const bare = expected.container.replace(/\/tcp$/, "");
  const flag = `-p ${expected.host ?? 8080}:${bare}`;
  const published = hostPorts(container, expected.container);
  const requested = (container.HostConfig.PortBindings?.[expected.container]?.length ?? 0) > 0;
  if (published.length === 0 && !requested) {
    return fail(
      `Port ${bare} of ${name} is not published.`,
      `Run it with ${flag}; ports are published when a container is created, so remove and recreate it.`,
    );
  }
  // Requested without a host port (-p 80) and not running: the daemon picks one at start.
  const where = published.length ? `host port ${published.join(", ")}` : "a random host port";
  if (expected.host !== undefined && !published.includes(String(expected.host))) {
    return fail(
      `Port ${bare} of ${name} is published on ${where}, not ${expected.host}.`,
      `Remove it and run it again with ${flag}.`,
    );
  }
  return pass(`Port ${bare} of ${name} is published on ${where}.`);
}

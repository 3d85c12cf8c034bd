import {
  CheckTimeoutError,
  HELPER_TIMEOUT_MS,
  type CheckContext,
  type RegistryResponse,
} from "../CheckContext.ts";

/**
 * GET a registry URL from inside the guest with busybox's wget (static, in
 * every guest). Registry and path arrive as $1 and $2, never through shell
 * parsing.
 */
export const REGISTRY_GET = 'busybox wget -q -O - "http://$1$2"';

/**
 * The "registry" capability on top of the "command" one. busybox wget
 * prints only the body and exits 0 on success; on an HTTP error it says
 * "server returned error: HTTP/1.1 404 Not Found" on stderr, and anything
 * else (refused, unknown host) means nothing answered: status 0.
 */
export function registryGetViaExec(
  exec: NonNullable<CheckContext["exec"]>,
): NonNullable<CheckContext["registryGet"]> {
  return async (registry, path, signal) => {
    // "localhost" means IPv4 here: the guest has no IPv6, and a resolver that
    // offers ::1 first made busybox wget report "connection refused".
    const host = registry.replace(/^localhost(?=:|$)/, "127.0.0.1");
    const output = await exec(REGISTRY_GET, {
      args: [host, path],
      timeoutMs: HELPER_TIMEOUT_MS,
      signal,
    });
    if (output.timedOut) throw new CheckTimeoutError(`Asking the registry at ${registry}`);
    return parseWgetResult(output.exitCode, output.stdout, output.stderr);
  };
}

/** busybox wget's exit code and output as an HTTP answer. */
export function parseWgetResult(
  exitCode: number,
  stdout: string,
  stderr: string,
): RegistryResponse {
  if (exitCode === 0) return { status: 200, body: stdout };
  const status = /HTTP\/\d(?:\.\d)? (\d{3})/.exec(stderr);
  return { status: status ? Number(status[1]) : 0, body: stdout };
}

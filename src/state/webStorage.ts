/**
 * The page's localStorage, or null where the browser refuses it. Reading the
 * property itself throws a SecurityError in an embedded frame when the reader
 * blocks third-party storage (a common privacy setting), and in some
 * sandboxed frames; the sandbox then works without remembering layout sizes
 * and consents, instead of failing to start.
 */
export function webStorage(): Storage | null {
  try {
    const storage = globalThis.localStorage ?? null;
    // Some browsers hand out the object and refuse on first use.
    storage?.getItem("docker-sandbox:probe");
    return storage;
  } catch {
    return null;
  }
}

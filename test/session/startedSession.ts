import type { Runtime } from "../../src/runtime/Runtime.ts";
import { SandboxSession, type SessionOptions } from "../../src/session/SandboxSession.ts";

/** A session whose run has begun on `runtime`, as the sandbox starts one after a restore. */
export async function startedSession(
  runtime: Runtime,
  options: SessionOptions = {},
): Promise<SandboxSession> {
  const session = new SandboxSession(options);
  await session.begin(runtime);
  return session;
}

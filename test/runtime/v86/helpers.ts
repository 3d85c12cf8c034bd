import type { Runtime } from "../../../src/runtime/Runtime.ts";

/** Retry `step` until it returns a value (not undefined, no throw) or time runs out. */
export async function poll<T>(step: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await step();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`gave up after ${timeoutMs} ms: ${String(last ?? "no result")}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A plain HTTP/1.0 GET into the guest through `connect(port)`; resolves with the whole response. */
export async function httpGet(runtime: Runtime, port: number, path: string): Promise<string> {
  const stream = await runtime.connect(port, { timeoutMs: 5000 });
  const chunks: Uint8Array[] = [];
  stream.onData((c) => chunks.push(c));
  const done = new Promise<void>((resolve) => stream.onEnd(resolve));
  stream.write(new TextEncoder().encode(`GET ${path} HTTP/1.0\r\nHost: sandbox\r\n\r\n`));
  await Promise.race([
    done,
    new Promise((_, reject) => setTimeout(() => reject(new Error("no response")), 10_000)),
  ]);
  stream.close();
  return chunks.map((c) => new TextDecoder().decode(c)).join("");
}

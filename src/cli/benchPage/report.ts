/**
 * The bench page's only way out: plain HTTP to the bench server
 * (src/cli/benchServer.ts). No DevTools protocol session is attached to the
 * browser, so this is how results and progress reach the CLI.
 */

/** Post one message to the bench server; `kind` is a route under /__bench/. */
export async function post(
  kind: "log" | "mark" | "result" | "error",
  value: unknown,
): Promise<void> {
  await fetch(`/__bench/${kind}`, { method: "POST", body: JSON.stringify(value) });
}

/** A progress line: shown on the page and printed by the CLI. */
export function log(message: string): void {
  const pre = document.getElementById("log");
  if (pre) pre.textContent += `${message}\n`;
  void post("log", message);
}

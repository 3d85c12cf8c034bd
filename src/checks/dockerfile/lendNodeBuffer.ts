/** The one piece of Node's Buffer dockerfile-ast uses: `Buffer.from(text, "UTF-8")`. */
const bufferShim = { from: (text: string) => new TextEncoder().encode(text) };

/**
 * Run `parse` with a global `Buffer` when there is none (browsers).
 * dockerfile-ast 0.7.1 checks every Dockerfile for a BOM with Node's
 * `Buffer`. Parsing is synchronous, so the shim is lent for exactly the
 * duration of the call: no other code ever sees it (some libraries take a
 * global Buffer as a sign of Node).
 */
export function lendNodeBuffer<T>(parse: () => T): T {
  const scope = globalThis as { Buffer?: unknown };
  if (scope.Buffer !== undefined) return parse();
  scope.Buffer = bufferShim;
  try {
    return parse();
  } finally {
    delete scope.Buffer;
  }
}

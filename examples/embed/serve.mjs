#!/usr/bin/env node
// Serve this folder as a host page on an origin of its own, to try the embed
// widgets against a running sandbox. No dependencies.
//
//   node examples/embed/serve.mjs [--port 8080] [--sandbox http://localhost:5173]
//
// --sandbox: where the sandbox runs; the page's loader URL
// (http://localhost:5173/embed.js) is rewritten to <sandbox>/embed.js.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    sandbox: { type: "string", default: "http://localhost:5173" },
  },
});
const sandbox = new URL(values.sandbox).origin;
const root = fileURLToPath(new URL(".", import.meta.url));
const TYPES = { ".html": "text/html; charset=utf-8", ".md": "text/markdown; charset=utf-8" };

const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
  // This folder's pages only (not the script itself, nor anything outside).
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep) || !(extname(file) in TYPES)) {
    res.writeHead(404).end("not found");
    return;
  }
  try {
    let body = await readFile(file, "utf8");
    if (file.endsWith(".html"))
      body = body.replaceAll("http://localhost:5173/embed.js", `${sandbox}/embed.js`);
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] }).end(body);
  } catch {
    res.writeHead(404).end("not found");
  }
});

// 127.0.0.1, not localhost: another site than the sandbox's localhost, as a real host page is.
server.listen(Number(values.port), "127.0.0.1", () => {
  console.log(`Host page: http://127.0.0.1:${values.port}/ (widgets from ${sandbox})`);
});

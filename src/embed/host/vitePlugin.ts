import { resolve } from "node:path";
import { build, type Plugin, type Rolldown } from "vite";
import { LOADER_HEADERS } from "../../preview/securityHeaders.ts";

/**
 * Bundle the embed loader (embed.ts) into one self-contained ES module, in
 * memory. It is built on its own, not as an entry of the app's build: host
 * pages load it from another origin, so it must not import the app's chunks
 * (their names change with every build, and each would need CORS).
 */
async function bundleLoader(root: string, dev: boolean): Promise<string> {
  const output = (await build({
    configFile: false,
    root,
    mode: dev ? "development" : "production",
    logLevel: "warn",
    publicDir: false,
    build: {
      write: false,
      target: "es2022",
      minify: !dev,
      sourcemap: dev ? "inline" : false,
      copyPublicDir: false,
      reportCompressedSize: false,
      // Lib mode keeps an ES module's whitespace; the loader's size budget wants it gone.
      rollupOptions: { output: { minify: !dev } },
      lib: {
        entry: resolve(root, "src/embed/host/embed.ts"),
        formats: ["es"],
        fileName: () => "embed.js",
      },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const files = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  const chunks = files.filter((file) => file.type === "chunk");
  if (chunks.length !== 1 || chunks[0]!.fileName !== "embed.js")
    throw new Error(
      `embed.js must be one module; the build made ${chunks.map((c) => c.fileName).join(", ")}`,
    );
  return chunks[0]!.code;
}

/**
 * `/embed.js`, the loader host pages load from the sandbox's site: a build
 * writes it to dist/embed.js; the dev server bundles it on request (again
 * after a change under src/embed/), so that dev serves what a build ships.
 */
export function embedLoader(): Plugin {
  let root = process.cwd();
  return {
    name: "embed-loader",
    configResolved(config) {
      root = config.root;
    },
    async generateBundle() {
      if (this.environment.name !== "client") return;
      this.emitFile({
        type: "asset",
        fileName: "embed.js",
        source: await bundleLoader(root, false),
      });
    },
    configureServer(server) {
      let cached: Promise<string> | null = null;
      const embedDir = resolve(root, "src/embed");
      server.watcher.on("all", (_event, file) => {
        if (resolve(file).startsWith(embedDir)) cached = null;
      });
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? "").split("?")[0] !== "/embed.js") return next();
        cached ??= bundleLoader(root, true);
        cached.then(
          (code) => {
            for (const [name, value] of Object.entries(LOADER_HEADERS)) res.setHeader(name, value);
            res.setHeader("Cache-Control", "no-cache"); // in dev, every reload gets the latest
            res.setHeader("Content-Type", "text/javascript; charset=utf-8");
            res.end(code);
          },
          (error: Error) => {
            cached = null;
            server.config.logger.error(`embed.js: ${error.message}`);
            res.statusCode = 500;
            res.end(`// embed.js failed to build: ${error.message}`);
          },
        );
      });
    },
  };
}

// The site as built and served. The production build as a static host
// receives it: each page carries its Content-Security-Policy in a <meta> tag,
// dist/_headers has the headers for hosts that read it, and the app is not
// exposed on globalThis unless a test build asks. Fast: only the pages, their
// entries (src/main.ts, src/embed/frame/main.ts) and the embed loader are
// bundled (the entries' imports stay external), and nothing is written to disk. And `npm start` keeps the dev server to this machine.
import { resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { build, type Rolldown } from "vite";
import { headersFor } from "../../src/preview/securityHeaders.ts";

const ROOT = resolve(import.meta.dirname, "../..");

async function buildPages(env: Record<string, string>): Promise<Map<string, string>> {
  vi.stubEnv("NODE_ENV", "production");
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const output = (await build({
    root: ROOT,
    logLevel: "silent",
    build: {
      write: false,
      sourcemap: false,
      rollupOptions: {
        // The pages' entries only: their imports (the app, the widget) stay external.
        external: (_id: string, importer: string | undefined) =>
          /\/src\/(embed\/frame\/|roster\/)?main\.ts$/.test(importer ?? ""),
      },
    },
  })) as Rolldown.RolldownOutput;
  return new Map(
    output.output.map((file) => [
      file.type === "chunk" && file.isEntry ? `entry:${file.name}` : file.fileName,
      file.type === "chunk" ? file.code : String(file.source),
    ]),
  );
}

afterEach(() => vi.unstubAllEnvs());

const ORIGINS = {
  VITE_APP_ORIGIN: "https://learn.example.org",
  VITE_PREVIEW_ORIGIN: "https://preview.example.net",
  VITE_VM_ORIGIN: "https://vm.example.org",
  VITE_LESSON_ORIGINS: "https://lessons.example.org",
};

/** The content of a page's CSP <meta> tag, or null. */
function metaPolicy(html: string): string | null {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  return m ? m[1]!.replaceAll("&#39;", "'") : null;
}

describe("the built site", () => {
  it("carries each page's policy in a <meta> tag before any script, and dist/_headers", async () => {
    const files = await buildPages(ORIGINS);
    const index = files.get("index.html")!;
    const app = metaPolicy(index);
    expect(app).toContain("connect-src 'self' https://vm.example.org https://lessons.example.org;");
    expect(app).toContain("frame-src https://preview.example.net;");
    expect(app).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(index.indexOf("Content-Security-Policy")).toBeLessThan(index.indexOf("<script"));
    const viewer = metaPolicy(files.get("preview.html")!);
    expect(viewer).toContain("script-src 'self';");
    expect(viewer).not.toContain("frame-ancestors"); // ignored in <meta>: _headers has it

    const headers = files.get("_headers")!;
    const at = (path: string) => Object.fromEntries(headersFor(headers, path));
    expect(at("/")).toEqual({
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": app,
    });
    expect(at("/assets/runtimeWorker-x1.js")["Content-Security-Policy"]).toBe(app);
    expect(at("/preview.html")["Content-Security-Policy"]).toBe(
      `${viewer}; frame-ancestors https://learn.example.org`,
    );
    expect(at("/preview-sw.js")["Content-Security-Policy"]).toBe(viewer);

    // The embed widget: the app's policy in its page, frame-ancestors in _headers; its
    // loader one module of its own, importing nothing, that any page may load.
    const embed = files.get("embed.html")!;
    expect(metaPolicy(embed)).toBe(app);
    expect(embed.indexOf("Content-Security-Policy")).toBeLessThan(embed.indexOf("<script"));
    expect(at("/embed.html")["Content-Security-Policy"]).toBe(`${app}; frame-ancestors *`);
    const loader = files.get("embed.js")!;
    expect(loader).toContain("docker-sandbox");
    expect(loader).not.toMatch(/\bimport\s*[\s{*"'(]|\bfrom\s*["']/);
    expect(at("/embed.js")["Access-Control-Allow-Origin"]).toBe("*");

    // The roster reads untrusted receipts: its own strict policy, framed by no one.
    const roster = files.get("roster.html")!;
    expect(metaPolicy(roster)).toContain("default-src 'none'");
    expect(roster.indexOf("Content-Security-Policy")).toBeLessThan(roster.indexOf("<script"));
    expect(at("/roster.html")["Content-Security-Policy"]).toBe(
      `${metaPolicy(roster)}; frame-ancestors 'none'`,
    );
  });

  it("exposes globalThis.app only in a build made with VITE_EXPOSE_APP=1", async () => {
    const exposes = (code: string) => /globalThis\.app\s*=/.test(code);
    expect(exposes((await buildPages(ORIGINS)).get("entry:main")!)).toBe(false);
    vi.unstubAllEnvs();
    expect(
      exposes((await buildPages({ ...ORIGINS, VITE_EXPOSE_APP: "1" })).get("entry:main")!),
    ).toBe(true);
  });
});

const setup = vi.hoisted(() => ({ run: vi.fn(() => 0), setup: vi.fn() }));
vi.mock("../../scripts/setup.mjs", () => setup);

/** A plain script, without types: imported by URL. */
const START = new URL("../../scripts/start.mjs", import.meta.url).href;

describe("npm start", () => {
  it("serves on localhost only, unless asked to with --host", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    const argv = process.argv;
    try {
      process.argv = [argv[0]!, "scripts/start.mjs"];
      await import(START);
      expect(setup.run).toHaveBeenCalledWith("npx", ["--no-install", "vite"]);
      vi.resetModules();
      process.argv = [argv[0]!, "scripts/start.mjs", "--host"];
      await import(START);
      expect(setup.run).toHaveBeenLastCalledWith("npx", ["--no-install", "vite", "--host"]);
    } finally {
      process.argv = argv;
      exit.mockRestore();
    }
  });
});

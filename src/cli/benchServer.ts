/**
 * Serves the production build plus the bench page, and takes the page's
 * reports. The bench page (src/cli/benchPage/) is built into a separate
 * folder, never into dist/: a page that runs commands in the sandbox by
 * itself has no place in the site learners open.
 *
 * Routes under /__bench/: GET plan (what the page must do), POST log
 * (progress), mark (the server notes how many bytes it has sent so far),
 * result and error (the end of the plan).
 */
import type { IncomingMessage } from "node:http";
import { join, resolve } from "node:path";
import { build, preview, type Plugin, type PreviewServer } from "vite";
import { ROOT, countBytesSent } from "./browser.ts";
import type { BenchPlan } from "./benchPage/plan.ts";
import { openPlainBrowser, type BrowserName } from "./plainBrowser.ts";

/** Where the bench build goes (git-ignored with node_modules). */
const OUT_DIR = join(ROOT, "node_modules/.cache/docker-sandbox-bench");
const PAGE = "src/cli/benchPage/bench.html";

export interface PlanOutcome<T> {
  result: T;
  /** Bytes the server had sent when the page posted each mark. */
  bytesAtMark: Record<string, number>;
}

export interface BenchSite {
  /** The folder the site was built into (e.g. to weigh embed.js). */
  outDir: string;
  /** Run one plan in a freshly started browser; rejects on the page's error, a crash or a timeout. */
  run<T>(browser: BrowserName, plan: BenchPlan, timeoutMs: number): Promise<PlanOutcome<T>>;
  close(): Promise<void>;
}

/** Build the site with the bench page and serve it on a free local port. */
export async function serveBenchSite(log: (msg: string) => void): Promise<BenchSite> {
  await build({
    root: ROOT,
    logLevel: "warn",
    build: {
      outDir: OUT_DIR,
      emptyOutDir: true,
      rollupOptions: { input: { bench: resolve(ROOT, PAGE) } },
    },
  });

  let current: {
    plan: BenchPlan;
    marks: Record<string, number>;
    settle: (err: Error | null, value?: unknown) => void;
  } | null = null;

  const routes: Plugin = {
    name: "bench-routes",
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith("/__bench/")) return next();
        const route = req.url.slice("/__bench/".length).split("?")[0];
        if (route === "plan") {
          res.setHeader("Content-Type", "application/json");
          res.setHeader("Cache-Control", "no-store");
          res.end(JSON.stringify(current?.plan ?? null));
          return;
        }
        void readBody(req).then((text) => {
          res.end("ok");
          let value: unknown;
          try {
            value = JSON.parse(text || "null");
          } catch {
            log(`bench page sent a malformed ${route} message: ${text.slice(0, 200)}`);
            return;
          }
          if (!current) return;
          if (route === "log") log(`page: ${String(value)}`);
          else if (route === "mark") current.marks[String(value)] = bytesSent();
          else if (route === "result") current.settle(null, value);
          else if (route === "error") {
            const e = value as { message: string; stack?: string };
            current.settle(new Error(`bench page: ${e.message}\n${e.stack ?? ""}`));
          }
        });
      });
    },
  };

  const server: PreviewServer = await preview({
    root: ROOT,
    logLevel: "warn",
    build: { outDir: OUT_DIR },
    preview: { port: 0, host: "127.0.0.1" },
    plugins: [routes],
  });
  const origin = server.resolvedUrls?.local[0];
  if (!origin) throw new Error("the bench server did not report a URL");

  const bytesSent = countBytesSent(server.httpServer);

  return {
    outDir: OUT_DIR,
    async run<T>(browserName: BrowserName, plan: BenchPlan, timeoutMs: number) {
      const marks: Record<string, number> = {};
      const done = new Promise<T>((resolvePlan, rejectPlan) => {
        current = {
          plan,
          marks,
          settle: (err, value) => (err ? rejectPlan(err) : resolvePlan(value as T)),
        };
      });
      const browser = openPlainBrowser(browserName, new URL(PAGE, origin).href);
      let timer: NodeJS.Timeout | undefined;
      try {
        const result = await Promise.race([
          done,
          browser.exited.then((code) => {
            throw new Error(`${browserName} exited (${code}) before the bench page reported`);
          }),
          new Promise<never>((_, rejectTimeout) => {
            timer = setTimeout(
              () =>
                rejectTimeout(new Error(`the bench page did not report within ${timeoutMs} ms`)),
              timeoutMs,
            );
          }),
        ]);
        return { result, bytesAtMark: marks };
      } finally {
        clearTimeout(timer);
        current = null;
        await browser.close();
      }
    },
    close: () => server.close(),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, rejectBody) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolveBody(text));
    req.on("error", rejectBody);
  });
}

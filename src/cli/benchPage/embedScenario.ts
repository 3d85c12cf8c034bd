/**
 * The embed widget as a reader of an author's page meets it, timed from
 * inside the browser. This page is the host: it loads the loader from the
 * sandbox's site under another origin (`localhost` against `127.0.0.1`, the
 * same server), so the widget is a cross-origin frame as on a real blog.
 *
 * Measured: the bytes the widget costs the host page before Start (click
 * mode), and Start → the shell prompt (`ready`), once with nothing cached and
 * once more on the same page with the HTTP cache warm, as the full app's
 * browserReadyMs is a cached load.
 */
import type { EmbedController } from "../../embed/host/embed.ts";
import type { EmbedReport } from "./plan.ts";
import { log, post } from "./report.ts";

/** What the loader module exports (typed here: it is imported from another origin at run time). */
interface Loader {
  embed(target: Element, options: Record<string, string>): Promise<EmbedController>;
}

export async function runEmbedScenario(lesson: string): Promise<EmbedReport> {
  const sandbox = new URL(location.href);
  sandbox.hostname = sandbox.hostname === "localhost" ? "127.0.0.1" : "localhost";
  await post("mark", "embed-start");
  const loader = (await import(/* @vite-ignore */ new URL("/embed.js", sandbox).href)) as Loader;

  const cold = await startOnce(loader, lesson, true);
  log(`embed cold: Start → prompt ${cold} ms`);
  const cached = await startOnce(loader, lesson, false);
  log(`embed cached: Start → prompt ${cached} ms`);
  return { coldClickToPromptMs: cold, clickToPromptMs: cached };
}

/** One widget in click mode: wait until it is idle, press Start, time until its prompt. */
async function startOnce(loader: Loader, lesson: string, first: boolean): Promise<number> {
  const box = document.createElement("div");
  box.style.width = "900px";
  document.body.append(box);
  const controller = await loader.embed(box, {
    lesson,
    layout: "terminal",
    loading: "click",
    height: "480px",
  });
  // Whatever the frame fetches by itself before Start (its page, its entry, fonts).
  await new Promise((resolve) => setTimeout(resolve, 2000));
  if (first) await post("mark", "embed-before-start");
  const ready = new Promise<void>((resolve, reject) => {
    controller.on("ready", () => resolve());
    controller.on("error", (e) => reject(new Error(`widget error: ${e.message}`)));
  });
  const start = performance.now();
  await controller.start();
  await ready;
  const ms = Math.round(performance.now() - start);
  controller.destroy();
  box.remove();
  return ms;
}

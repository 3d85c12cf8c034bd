/**
 * embed.html's entry: the widget frame. Kept small on purpose: until the
 * reader presses Start (`loading: "click"`, the default) the frame is a
 * button and the embed handshake, and a host page has downloaded only this
 * (docs/embed.md: the 200 KB budget). Start loads the widget (Svelte, the
 * course, xterm) and the VM.
 */
import { originList } from "../../content/originList.ts";
import { LAYOUT_HEIGHT } from "../../ui/embed/preferredHeight.ts";
import { EmbedError, type Theme } from "../protocol.ts";
import { FrameServer, type FrameHandler } from "./FrameServer.ts";
import { frameOptions } from "./frameOptions.ts";
import { PageCoordinator } from "./PageCoordinator.ts";
import type { WidgetApp } from "./WidgetApp.svelte.ts";

const NOT_STARTED =
  "The sandbox has not started: call start(), or wait until the reader presses Start.";

const options = frameOptions(location.search, location.href);
const root = document.getElementById("widget")!;
let widget: WidgetApp | null = null;
let starting: Promise<WidgetApp> | null = null;

function applyTheme(theme: Theme): void {
  const dark =
    theme === "dark" || (theme === "auto" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

const handler: FrameHandler = {
  lesson: () => widget?.lesson() ?? null,
  async handle(method, params) {
    if (method === "start") {
      await start();
      return null;
    }
    if (method === "setTheme") {
      const { theme } = params as { theme: Theme };
      applyTheme(theme);
      widget?.setTheme(theme);
      return null;
    }
    if (!widget) throw new EmbedError("not-ready", NOT_STARTED);
    return widget.handle(method, params);
  },
  askReader: (origin) =>
    widget ? widget.askReader(origin) : Promise.reject(new EmbedError("not-ready", NOT_STARTED)),
};

// Who may embed, and whose requests act without asking the reader: build-time settings.
const server = new FrameServer(
  window,
  options.widget,
  {
    embedders: import.meta.env.VITE_EMBED_ORIGINS
      ? originList(import.meta.env.VITE_EMBED_ORIGINS)
      : null,
    trusted: originList(import.meta.env.VITE_EMBED_TRUSTED_ORIGINS),
  },
  handler,
);
const coordinator = options.page
  ? new PageCoordinator(options.page, options.widget, () => void pause())
  : null;

/** Load the widget and start its VM (once; again after a pause). */
function start(): Promise<WidgetApp> {
  if (starting) return starting;
  coordinator?.starting();
  showMessage("Loading the sandbox…", null);
  starting = import("./WidgetApp.svelte.ts")
    .then(async ({ WidgetApp }) => {
      root.replaceChildren();
      widget = await WidgetApp.create(options, root, (name, data) => server.emit(name, data));
      return widget;
    })
    .catch((err: unknown) => {
      starting = null;
      const message = `The sandbox could not load: ${(err as Error).message}`;
      console.error("[embed]", err);
      server.emit("error", { kind: "start", message, hint: "Reload the page." });
      showMessage(message, "Try again");
      throw err;
    });
  return starting;
}

/** Another widget of this page started: stop this one's VM; its files are kept. */
async function pause(): Promise<void> {
  if (!starting) return;
  const running = await starting.catch(() => null);
  starting = null;
  widget = null;
  await running?.dispose();
  showMessage(
    "Paused: another sandbox on this page started. One runs at a time; your files are kept.",
    "Resume here",
  );
}

/** The frame before (or instead of) the widget: a line of text and maybe a button. */
function showMessage(text: string, button: string | null): void {
  const box = document.createElement("div");
  box.className = "placeholder";
  const title = document.createElement("p");
  title.className = "title";
  title.textContent = "Docker sandbox";
  const line = document.createElement("p");
  line.textContent = text;
  box.append(title, line);
  if (button) {
    const action = document.createElement("button");
    action.type = "button";
    action.textContent = button;
    action.onclick = () => void start().catch(() => {});
    box.append(action);
  }
  root.replaceChildren(box);
}

applyTheme(options.theme);
for (const problem of options.problems) console.warn(`[embed] ${problem}`);
server.listen();
// The layout's height until the widget reports its own, so the host page does not jump.
server.emit("resize", { height: LAYOUT_HEIGHT[options.layout] });
if (options.loading === "eager") {
  void start().catch(() => {});
} else {
  showMessage(
    "A real Docker engine in your browser. The first start downloads about 35 MB.",
    "▶ Start",
  );
  if (options.loading === "lazy") {
    // Starts when scrolled into view: observing the frame's own content
    // works inside a cross-origin iframe too.
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      void start().catch(() => {});
    });
    seen.observe(root);
  }
}
addEventListener("pagehide", () => {
  coordinator?.dispose();
  server.dispose();
});

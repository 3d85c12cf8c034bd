import type { EmbedError, EventName, Events } from "../protocol.ts";
import { connectFrame } from "./connectFrame.ts";
import type { EmbedController } from "./EmbedController.ts";
import { frameUrl, randomId } from "./frameUrl.ts";
import { heightOption, themeOption, widgetOptions } from "./widgetOptions.ts";

// In a variable, so that no bundler takes `new URL("…", import.meta.url)` for
// an asset of its own: the page is resolved against the loader's URL at run time.
const EMBED_PAGE = "embed.html";
const DEFAULT_HEIGHT = 480;
const STYLE = ":host{display:block}iframe{display:block;width:100%;border:0}";

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
  settled: boolean;
}

function deferred<T>(): Deferred<T> {
  const d = { settled: false } as Deferred<T>;
  d.promise = new Promise<T>((resolve, reject) => {
    d.resolve = (v) => ((d.settled = true), resolve(v));
    d.reject = (e) => ((d.settled = true), reject(e));
  });
  d.promise.catch(() => {}); // no "unhandled rejection" for pages that never ask for the controller
  return d;
}

/** Build `element` (on the next microtask) if it is in the page without a widget, e.g. after destroy(). */
export let ensureWidget: (element: DockerSandboxElement) => void;

/** One frame and its connection; aborting ends both. */
interface Build {
  abort: AbortController;
  frame: HTMLIFrameElement;
  controller: EmbedController | null;
}

/**
 * `<docker-sandbox>`: a live Docker lesson in a cross-origin frame of the
 * sandbox's `embed.html`. Attributes: `lesson` or `lesson-url`, `layout`,
 * `height`, `theme`, `loading` (widgetOptions.ts has their defaults). The
 * widget's events (`ready`, `progress`, `step`, `complete`, `error`,
 * `resize`) come out as CustomEvents on the element, with the event's data
 * as `detail`.
 */
export class DockerSandboxElement extends HTMLElement {
  static readonly observedAttributes = [
    "lesson",
    "lesson-url",
    "layout",
    "height",
    "theme",
    "loading",
  ];

  /**
   * The sandbox's `embed.html`: next to the loader script on the sandbox's
   * site. Set it before creating elements only when this module is served
   * from elsewhere (tests).
   */
  static sandboxPage = new URL(EMBED_PAGE, import.meta.url);

  static {
    ensureWidget = (element) => {
      // #build in: an element of another copy of the loader is left to that copy.
      if (#build in element && element.isConnected && !element.#build) element.#schedule();
    };
  }

  readonly #root = this.attachShadow({ mode: "open" });
  #build: Build | null = null;
  #next = deferred<EmbedController>();
  #scheduled = false;
  #autoHeight = DEFAULT_HEIGHT;
  /** The height attribute as a CSS length, read when it changes (so a bad one warns once). */
  #height: string | null = null;

  /**
   * The widget's controller, once its frame has welcomed the page. Rejects
   * with an EmbedError when the frame refuses or never answers. A rebuild
   * (lesson, layout or loading changed) makes a new one.
   */
  get controller(): Promise<EmbedController> {
    return this.#next.promise;
  }

  connectedCallback(): void {
    this.#schedule();
  }

  disconnectedCallback(): void {
    this.#teardown();
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.#build) return; // before the first build, it reads every attribute
    if (name === "height") {
      this.#height = heightOption(value);
      return this.#applyHeight();
    }
    const live = this.#build.controller;
    if (name === "theme" && live && !live.destroyed) {
      live.setTheme(themeOption(value)).catch((error: EmbedError) => {
        console.warn(`<docker-sandbox>: could not change the theme: ${error.message}`);
      });
      return;
    }
    this.#teardown();
    this.#schedule();
  }

  /** Build on the next microtask, so that setting several attributes builds once. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected && !this.#build) this.#start();
    });
  }

  #teardown(): void {
    const build = this.#build;
    if (!build) return;
    this.#build = null;
    build.abort.abort();
    build.frame.remove();
    // A settled promise belongs to the frame that is gone; callers still
    // waiting get the next frame's controller instead.
    if (this.#next.settled) this.#next = deferred();
  }

  #start(): void {
    const options = widgetOptions(this);
    const widget = randomId();
    const frame = document.createElement("iframe");
    frame.src = frameUrl(DockerSandboxElement.sandboxPage, options, widget);
    frame.title = `Docker sandbox${options.lesson ? `: lesson ${options.lesson}` : ""}`;
    frame.setAttribute("allow", "clipboard-read; clipboard-write");
    const style = document.createElement("style");
    style.textContent = STYLE;
    this.#root.replaceChildren(style, frame);
    this.#height = options.height;
    const build: Build = { abort: new AbortController(), frame, controller: null };
    this.#build = build;
    this.#applyHeight();

    const next = this.#next;
    connectFrame({
      frame,
      widget,
      origin: DockerSandboxElement.sandboxPage.origin,
      signal: build.abort.signal,
      onEvent: (name, data) => this.#onEvent(frame, name, data),
      // destroy(): the widget is gone; embed() or a new attribute builds another.
      onDestroy: () => {
        if (this.#build === build) this.#teardown();
      },
    }).then(
      (controller) => {
        build.controller = controller;
        if (controller.lesson) frame.title = `Docker sandbox: ${controller.lesson.title}`;
        next.resolve(controller);
      },
      (error: EmbedError) => {
        if (build.abort.signal.aborted) return; // torn down: the next build settles `next`
        next.reject(error);
        const detail: Events["error"] = { kind: error.code, message: error.message, hint: "" };
        this.dispatchEvent(new CustomEvent("error", { detail }));
      },
    );
  }

  #onEvent<E extends EventName>(frame: HTMLIFrameElement, name: E, data: Events[E]): void {
    if (name === "resize") {
      this.#autoHeight = Math.ceil((data as Events["resize"]).height);
      this.#applyHeight();
    } else if (name === "ready") {
      const lesson = (data as Events["ready"]).lesson;
      if (lesson) frame.title = `Docker sandbox: ${lesson.title}`;
    }
    this.dispatchEvent(new CustomEvent(name, { detail: data }));
  }

  #applyHeight(): void {
    const frame = this.#build?.frame;
    if (frame) frame.style.height = this.#height ?? `${this.#autoHeight}px`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "docker-sandbox": DockerSandboxElement;
  }
}

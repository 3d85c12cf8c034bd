/**
 * The embed loader, `embed.js` on the sandbox's site: the one script a host
 * page loads (as `<script type="module">`) to get `<docker-sandbox>` widgets
 * and the `embed()` API. Built on its own into one self-contained module
 * (src/embed/host/vitePlugin.ts), with no dependencies: it must stay under
 * 10 KB gzipped.
 */
import type { Layout, Loading, Theme } from "../protocol.ts";
import { DockerSandboxElement, ensureWidget } from "./DockerSandboxElement.ts";
import type { EmbedController } from "./EmbedController.ts";

export { DockerSandboxElement } from "./DockerSandboxElement.ts";
export type { EmbedController, EmbedListener } from "./EmbedController.ts";
export { EmbedError, PROTOCOL_VERSION } from "../protocol.ts";
export type {
  ErrorCode,
  EventName,
  Events,
  Layout,
  LessonInfo,
  Loading,
  StepInfo,
  StepStatus,
  Theme,
} from "../protocol.ts";

// A page may load two copies (two URLs of the loader): the first one wins.
if (!customElements.get("docker-sandbox"))
  customElements.define("docker-sandbox", DockerSandboxElement);

/** Options of `embed()`: the element's attributes, in camelCase. Absent: the attribute is left as it is. */
export interface EmbedOptions {
  lesson?: string;
  lessonUrl?: string;
  layout?: Layout;
  /** A CSS length, or a number of pixels. */
  height?: string | number;
  theme?: Theme;
  loading?: Loading;
}

const ATTRIBUTES: [keyof EmbedOptions, string][] = [
  ["lesson", "lesson"],
  ["lessonUrl", "lesson-url"],
  ["layout", "layout"],
  ["height", "height"],
  ["theme", "theme"],
  ["loading", "loading"],
];

/**
 * A widget in `target` and its controller: `target` itself when it is a
 * `<docker-sandbox>` (the options are applied to it), else a new one
 * appended to it. Resolves once the frame has welcomed the page; rejects
 * with an EmbedError when it refuses ("denied"), or says nothing within 30 s
 * ("timeout").
 */
export function embed(target: Element, options: EmbedOptions = {}): Promise<EmbedController> {
  // By name, not class: with two copies of the loader on a page, the element may be the other's.
  const element = (
    target.localName === "docker-sandbox" ? target : document.createElement("docker-sandbox")
  ) as DockerSandboxElement;
  for (const [option, attribute] of ATTRIBUTES) {
    const value = options[option];
    if (value !== undefined) element.setAttribute(attribute, String(value));
  }
  if (element !== target) target.append(element);
  else ensureWidget(element); // one whose controller was destroyed
  return element.controller;
}

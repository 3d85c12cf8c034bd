import { LAYOUTS, LOADINGS, THEMES, type Layout, type Loading, type Theme } from "../protocol.ts";

/** What a `<docker-sandbox>` element shows, read from its attributes. */
export interface WidgetOptions {
  /** A course lesson's id. */
  lesson: string | null;
  /** An author's own lesson, absolute (resolved against the host page). Untrusted: the widget says so and asks before running its commands. */
  lessonUrl: string | null;
  /** Default "lesson-editor-terminal". */
  layout: Layout;
  /** Default "auto": the reader's system setting. */
  theme: Theme;
  /** Default "click": nothing heavy is downloaded until the reader presses Start. */
  loading: Loading;
  /** A CSS length; null: the widget's `resize` events set the height. */
  height: string | null;
}

/** A course lesson id: the course uses kebab-case; anything else cannot name one. */
const LESSON_ID = /^[\w.-]{1,128}$/;
const NUMBER = /^\d+(\.\d+)?$/;
const LENGTH = /^\d+(\.\d+)?(px|em|rem|vh|svh|lvh|dvh|%)$/;

function warn(message: string): void {
  console.warn(`<docker-sandbox>: ${message}`);
}

function oneOf<T extends string>(
  name: string,
  value: string | null,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === null || value === "") return fallback;
  if (allowed.includes(value as T)) return value as T;
  warn(`${name}="${value}" is not one of ${allowed.join(", ")}; using "${fallback}".`);
  return fallback;
}

/** A CSS length for the height; a bare number means pixels, as for an iframe's own height. */
export function heightOption(value: string | null): string | null {
  if (value === null || value.trim() === "") return null;
  const v = value.trim();
  if (NUMBER.test(v)) return `${v}px`;
  // CSS.supports is missing in some environments (jsdom); the regex covers the usual units.
  const valid =
    typeof CSS !== "undefined" && typeof CSS.supports === "function"
      ? CSS.supports("height", v)
      : LENGTH.test(v);
  if (valid) return v;
  warn(`height="${value}" is not a CSS length; the widget sets its own height.`);
  return null;
}

/** An author's lesson URL, resolved against the host page (a relative URL means the author's site, not the sandbox's); http(s) only. */
function lessonUrl(value: string | null, base: string): string | null {
  if (value === null || value.trim() === "") return null;
  try {
    const url = new URL(value.trim(), base);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {
    // reported below
  }
  warn(`lesson-url="${value}" is not an http(s) URL; it is ignored.`);
  return null;
}

/**
 * The options an element's attributes ask for. An invalid value falls back
 * to the default, with a console warning that says which and why.
 */
export function widgetOptions(element: Element): WidgetOptions {
  const attr = (name: string) => element.getAttribute(name);
  let lesson = attr("lesson")?.trim() || null;
  if (lesson !== null && !LESSON_ID.test(lesson)) {
    warn(`lesson="${lesson}" is not a lesson id; showing the course's first lesson.`);
    lesson = null;
  }
  let url = lessonUrl(attr("lesson-url"), element.ownerDocument.baseURI);
  if (lesson && url) {
    warn(`set lesson or lesson-url, not both; showing lesson "${lesson}".`);
    url = null;
  }
  return {
    lesson,
    lessonUrl: url,
    layout: oneOf("layout", attr("layout"), LAYOUTS, "lesson-editor-terminal"),
    theme: oneOf("theme", attr("theme"), THEMES, "auto"),
    loading: oneOf("loading", attr("loading"), LOADINGS, "click"),
    height: heightOption(attr("height")),
  };
}

/** Check one value of the theme attribute or of `setTheme`, warning when invalid. */
export function themeOption(value: string | null): Theme {
  return oneOf("theme", value, THEMES, "auto");
}

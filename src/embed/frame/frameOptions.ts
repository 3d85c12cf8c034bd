import { LAYOUTS, LOADINGS, THEMES, type Layout, type Loading, type Theme } from "../protocol.ts";

/** What a widget frame was asked to show, from embed.html's URL parameters. */
export interface FrameOptions {
  /** A course lesson id. */
  lesson: string | null;
  /** An author's own lesson (untrusted: consent rules apply). */
  lessonUrl: URL | null;
  layout: Layout;
  theme: Theme;
  loading: Loading;
  /** Set by the loader: names this frame in the handshake. */
  widget: string;
  /** Set by the loader: the widgets of one host page share it (one VM at a time). */
  page: string | null;
  /** Parameters that were not understood, for the reader and the author. */
  problems: string[];
}

function pick<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  const value = params.get(name);
  if (value === null || value === "") return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`Ignored ${name}="${value}": use one of ${allowed.join(", ")}. Using ${fallback}.`);
  return fallback;
}

/**
 * The frame's options: the same names the `<docker-sandbox>` element takes,
 * so a host that can only paste an iframe writes
 * `embed.html?lesson=first-dockerfile&layout=terminal`. Bad values fall
 * back to the defaults and are reported, never thrown.
 */
export function frameOptions(search: string, base: string): FrameOptions {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const lessonUrlText = params.get("lessonUrl") ?? params.get("lesson-url");
  let lessonUrl: URL | null = null;
  if (lessonUrlText) {
    try {
      lessonUrl = new URL(lessonUrlText, base);
    } catch {
      problems.push(`Ignored lesson-url="${lessonUrlText}": it is not a URL.`);
    }
  }
  return {
    lesson: params.get("lesson") || null,
    lessonUrl,
    layout: pick(params, "layout", LAYOUTS, "lesson-editor-terminal", problems),
    theme: pick(params, "theme", THEMES, "auto", problems),
    loading: pick(params, "loading", LOADINGS, "click", problems),
    widget: (params.get("widget") ?? "").slice(0, 64),
    page: params.get("page")?.slice(0, 64) || null,
    problems,
  };
}

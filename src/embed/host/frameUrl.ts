import type { WidgetOptions } from "./widgetOptions.ts";

/** A random id of 16 hex digits (crypto.getRandomValues works on plain-http pages too, unlike randomUUID). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * One id per host page load, shared by every widget on the page: the frames
 * use it to agree that only one of them runs a VM at a time.
 */
export const PAGE_ID = randomId();

/** The frame's address: `embed.html` on the sandbox's site, with the widget's options as parameters. */
export function frameUrl(embedPage: URL, options: WidgetOptions, widget: string): string {
  const url = new URL(embedPage);
  const params: [string, string | null][] = [
    ["lesson", options.lesson],
    ["lessonUrl", options.lessonUrl],
    ["layout", options.layout],
    ["theme", options.theme],
    ["loading", options.loading],
    ["widget", widget],
    ["page", PAGE_ID],
  ];
  for (const [name, value] of params) if (value !== null) url.searchParams.set(name, value);
  return url.href;
}

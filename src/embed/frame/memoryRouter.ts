import type { RouterWindow } from "../../state/LessonState.svelte.ts";

/**
 * A router that keeps the lesson in memory. A widget must not push history
 * entries: an iframe's navigations join the host page's session history, so
 * the reader's Back button would step through lessons instead of leaving
 * the page.
 */
export function memoryRouter(href: string): RouterWindow {
  let current = href;
  const move = (_data: unknown, _unused: string, url: string) => {
    current = new URL(url, current).href;
  };
  return {
    location: {
      get href() {
        return current;
      },
    },
    history: { pushState: move, replaceState: move },
    addEventListener: () => {},
    removeEventListener: () => {},
  };
}

/** The router's first URL: the frame's own, naming `lesson` (else the first lesson opens). */
export function startRoute(frameHref: string, lesson: string | null): string {
  const url = new URL(frameHref);
  url.search = "";
  if (lesson) url.searchParams.set("lesson", lesson);
  return url.href;
}

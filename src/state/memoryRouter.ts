import type { RouterWindow } from "./LessonState.svelte.ts";

/**
 * A router that keeps the lesson in memory instead of the page's URL: for
 * the embed widget, which must not push history entries (an iframe's
 * navigations join the host page's session history, so the reader's Back
 * button would step through lessons instead of leaving the page), and for
 * unit tests.
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

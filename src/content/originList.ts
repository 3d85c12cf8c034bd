/**
 * Origins from a build-time setting such as VITE_LESSON_ORIGINS or
 * VITE_EMBED_ORIGINS: separated by commas or spaces, each reduced to its
 * origin. An invalid entry is left out rather than thrown: a typo in a
 * setting must not stop the page from loading. Empty means the setting is
 * unset. No dependencies: the widget frame's small entry uses it too.
 */
export function originList(value: string | undefined): string[] {
  return (value ?? "").split(/[\s,]+/).flatMap((entry) => {
    try {
      return entry ? [new URL(entry).origin] : [];
    } catch {
      return [];
    }
  });
}

/** The router's first URL: the frame's own, naming `lesson` (else the first lesson opens). */
export function startRoute(frameHref: string, lesson: string | null): string {
  const url = new URL(frameHref);
  url.search = "";
  if (lesson) url.searchParams.set("lesson", lesson);
  return url.href;
}

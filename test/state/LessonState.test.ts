import { describe, expect, it } from "vitest";
import type { Lesson } from "../../src/content/lesson.ts";
import { LessonState, type RouterWindow } from "../../src/state/LessonState.svelte.ts";

/** A history stack with the parts of window the router uses. */
function fakeWindow(href: string) {
  const entries = [href];
  let index = 0;
  const listeners = new Set<() => void>();
  const win: RouterWindow & { back(): void; forward(): void; entries: string[] } = {
    location: {
      get href() {
        return entries[index]!;
      },
    },
    history: {
      pushState: (_d, _u, url) => {
        entries.splice(index + 1, Infinity, new URL(url, entries[index]).href);
        index++;
      },
      replaceState: (_d, _u, url) => {
        entries[index] = new URL(url, entries[index]).href;
      },
    },
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
    back() {
      index--;
      for (const l of listeners) l();
    },
    forward() {
      index++;
      for (const l of listeners) l();
    },
    entries,
  };
  return win;
}

const lesson = (id: string, order: number) =>
  ({ id, title: id, order, markdown: `# ${id}`, startFiles: {} }) as unknown as Lesson;
const LESSONS = [lesson("welcome", 1), lesson("layers", 2), lesson("volumes", 3)];

describe("LessonState", () => {
  it("opens the first lesson and names it in the URL, keeping other parameters", () => {
    const win = fakeWindow("http://x/?vm=/vm/");
    const state = new LessonState(LESSONS, win);
    expect(state.current?.id).toBe("welcome");
    expect(win.location.href).toBe("http://x/?vm=%2Fvm%2F&lesson=welcome");
    expect(state.previous).toBeNull();
    expect(state.next?.id).toBe("layers");
  });

  it("deep-links with ?lesson=, and back/forward move between lessons", () => {
    const win = fakeWindow("http://x/?lesson=layers");
    const state = new LessonState(LESSONS, win);
    const changes: string[] = [];
    state.onChange = (l) => changes.push(l.id);
    expect(state.current?.id).toBe("layers");
    state.goNext();
    expect(state.current?.id).toBe("volumes");
    expect(win.location.href).toBe("http://x/?lesson=volumes");
    win.back();
    expect(state.current?.id).toBe("layers");
    win.forward();
    expect(state.current?.id).toBe("volumes");
    expect(changes).toEqual(["volumes", "layers", "volumes"]);
    state.goNext(); // already last: nothing happens
    expect(win.entries).toHaveLength(2);
  });

  it("says so when the URL names a lesson that does not exist", () => {
    const state = new LessonState(LESSONS, fakeWindow("http://x/?lesson=nope"));
    expect(state.notFound).toBe("nope");
    expect(state.current?.id).toBe("welcome");
    state.go("layers");
    expect(state.notFound).toBeNull();
  });

  it("ignores unknown ids in go()", () => {
    const win = fakeWindow("http://x/");
    const state = new LessonState(LESSONS, win);
    state.go("missing");
    expect(state.current?.id).toBe("welcome");
    expect(win.entries).toHaveLength(1);
  });
});

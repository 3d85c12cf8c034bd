import { describe, expect, it } from "vitest";
import { treeRows } from "../../src/state/fileTree.ts";
import {
  DEFAULT_SIZES,
  LayoutState,
  MAX_PERCENT,
  MIN_PERCENT,
} from "../../src/state/LayoutState.svelte.ts";
import { matchShortcut } from "../../src/state/shortcuts.ts";
import type { WorkspaceEntry } from "../../src/runtime/Runtime.ts";

function memoryStorage(init: Record<string, string> = {}): Storage {
  const m = new Map(Object.entries(init));
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

describe("LayoutState", () => {
  it("keeps pane sizes across visits, clamped so no pane vanishes", () => {
    const storage = memoryStorage();
    const a = new LayoutState(storage);
    expect(a.sizes).toEqual(DEFAULT_SIZES);
    a.set("lesson", 50);
    a.set("editor", 99);
    a.set("tree", -5);
    const b = new LayoutState(storage);
    expect(b.sizes).toEqual({ lesson: 50, editor: MAX_PERCENT, tree: MIN_PERCENT });
  });

  it("starts from the defaults when the stored value is corrupt", () => {
    const s = new LayoutState(memoryStorage({ "docker-sandbox:layout": "{not json" }));
    expect(s.sizes).toEqual(DEFAULT_SIZES);
  });
});

describe("treeRows", () => {
  const e = (path: string, type: WorkspaceEntry["type"] = "file"): WorkspaceEntry => ({
    path,
    type,
    size: 0,
    mtimeMs: 0,
  });
  const entries = [
    e("b.txt"),
    e("src", "dir"),
    e("src/z.py"),
    e("src/lib", "dir"),
    e("src/lib/x.py"),
    e("A.md"),
  ];

  it("lists folders first, then files, nested by depth", () => {
    expect(treeRows(entries, new Set()).map((r) => `${r.depth}:${r.name}`)).toEqual([
      "0:src",
      "1:lib",
      "2:x.py",
      "1:z.py",
      "0:A.md",
      "0:b.txt",
    ]);
  });

  it("hides the children of collapsed folders", () => {
    const rows = treeRows(entries, new Set(["src"]));
    expect(rows.map((r) => r.path)).toEqual(["src", "A.md", "b.txt"]);
    expect(rows[0]).toMatchObject({ isDir: true, expanded: false });
  });
});

describe("matchShortcut", () => {
  const key = (
    k: string,
    mods: Partial<Record<"ctrlKey" | "metaKey" | "altKey" | "shiftKey", boolean>> = {},
  ) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });
  it("maps keys to actions, with Ctrl or ⌘", () => {
    expect(matchShortcut(key("s", { ctrlKey: true }))).toBe("save");
    expect(matchShortcut(key("S", { metaKey: true }))).toBe("save");
    expect(matchShortcut(key("Enter", { ctrlKey: true }))).toBe("build");
    expect(matchShortcut(key("PageDown", { altKey: true }))).toBe("next");
    expect(matchShortcut(key("PageUp", { altKey: true }))).toBe("previous");
  });
  it("leaves the terminal's own keys alone", () => {
    expect(matchShortcut(key("c", { ctrlKey: true }))).toBeNull();
    expect(matchShortcut(key("s"))).toBeNull();
    expect(matchShortcut(key("Enter"))).toBeNull();
    expect(matchShortcut(key("s", { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(matchShortcut(key("PageDown"))).toBeNull();
  });
});

/** The app's keyboard shortcuts. One table, used by the page, the terminal and the help. */
export type ShortcutAction = "save" | "build" | "next" | "previous";

/** The part of a KeyboardEvent the matcher needs (testable without a DOM). */
export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface Shortcut {
  action: ShortcutAction;
  /** As shown to the learner. "Mod" is Ctrl, or ⌘ on a Mac. */
  keys: string;
  description: string;
  matches(e: KeyLike): boolean;
}

const mod = (e: KeyLike) => e.ctrlKey || e.metaKey;

export const SHORTCUTS: readonly Shortcut[] = [
  {
    action: "save",
    keys: "Mod+S",
    description: "Save all files to the sandbox",
    matches: (e) => mod(e) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "s",
  },
  {
    action: "build",
    keys: "Mod+Enter",
    description: "Save, then run docker build in the terminal",
    matches: (e) => mod(e) && !e.altKey && e.key === "Enter",
  },
  {
    action: "next",
    keys: "Alt+PageDown",
    description: "Next lesson",
    matches: (e) => e.altKey && !mod(e) && e.key === "PageDown",
  },
  {
    action: "previous",
    keys: "Alt+PageUp",
    description: "Previous lesson",
    matches: (e) => e.altKey && !mod(e) && e.key === "PageUp",
  },
];

export function matchShortcut(e: KeyLike): ShortcutAction | null {
  return SHORTCUTS.find((s) => s.matches(e))?.action ?? null;
}

/** Show "Mod" as the platform's modifier. */
export function displayKeys(keys: string, mac: boolean): string {
  return keys.replace("Mod", mac ? "⌘" : "Ctrl");
}

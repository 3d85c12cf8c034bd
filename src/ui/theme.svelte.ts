import { MediaQuery } from "svelte/reactivity";

/** A page's theme as asked for: `auto` follows the system's light or dark setting. */
export type ThemeChoice = "light" | "dark" | "auto";

/**
 * A theme choice resolved to light or dark. theme.css reads the result from
 * `data-theme` on the root element; Monaco and xterm, which have their own
 * themes, read `dark`.
 */
export class Theme {
  /** Created on first use: only `auto` needs it. */
  #system: MediaQuery | null = null;

  /** @param choice read each time (a prop, say); default: always `auto`. */
  constructor(private readonly choice: () => ThemeChoice = () => "auto") {}

  get dark(): boolean {
    const choice = this.choice();
    if (choice !== "auto") return choice === "dark";
    this.#system ??= new MediaQuery("(prefers-color-scheme: dark)");
    return this.#system.current;
  }

  get name(): "light" | "dark" {
    return this.dark ? "dark" : "light";
  }

  /**
   * Put the theme on `root` as `data-theme`, for an `$effect` (which calls it
   * again when the theme changes). Left in place when the component goes:
   * what the page shows next (the embed frame's messages) keeps the theme.
   */
  applyTo(root: HTMLElement): void {
    root.dataset.theme = this.name;
  }
}

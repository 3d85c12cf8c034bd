import { describe, expect, it } from "vitest";
import { Theme, type ThemeChoice } from "../../src/ui/theme.svelte.ts";

describe("Theme", () => {
  it("resolves an explicit choice and follows it when it changes", () => {
    let choice: ThemeChoice = "dark";
    const theme = new Theme(() => choice);
    expect(theme.dark).toBe(true);
    expect(theme.name).toBe("dark");
    choice = "light";
    expect(theme.dark).toBe(false);
    expect(theme.name).toBe("light");
  });

  it("puts the resolved theme on the root element as data-theme", () => {
    const root = { dataset: {} as Record<string, string> } as HTMLElement;
    new Theme(() => "dark").applyTo(root);
    expect(root.dataset.theme).toBe("dark");
  });
});

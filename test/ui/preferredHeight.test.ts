import { describe, expect, it } from "vitest";
import { LAYOUT_HEIGHT, preferredHeight } from "../../src/ui/embed/preferredHeight.ts";

describe("preferredHeight", () => {
  it("asks for each layout's own height side by side", () => {
    expect(preferredHeight("terminal", null)).toBe(360);
    expect(preferredHeight("editor-terminal", null)).toBe(560);
    expect(preferredHeight("lesson-editor-terminal", null)).toBe(640);
  });

  it("stacked, asks for the whole lesson above the editor and the terminal", () => {
    expect(preferredHeight("lesson-editor-terminal", 1200.4)).toBe(
      LAYOUT_HEIGHT["editor-terminal"] + 1201,
    );
  });
});

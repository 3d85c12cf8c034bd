import { describe, expect, it } from "vitest";
import { frameOptions } from "../../../src/embed/frame/frameOptions.ts";

const BASE = "https://sandbox.example/embed.html";

describe("frameOptions: embed.html's URL parameters", () => {
  it("reads the element's options, with the loader's ids", () => {
    const o = frameOptions(
      "?lesson=first-dockerfile&layout=terminal&theme=dark&loading=eager&widget=w1&page=p1",
      BASE,
    );
    expect(o).toMatchObject({
      lesson: "first-dockerfile",
      lessonUrl: null,
      layout: "terminal",
      theme: "dark",
      loading: "eager",
      widget: "w1",
      page: "p1",
      problems: [],
    });
  });

  it("defaults to the full lesson layout, the system theme and click-to-load", () => {
    const o = frameOptions("", BASE);
    expect(o).toMatchObject({
      layout: "lesson-editor-terminal",
      theme: "auto",
      loading: "click",
      page: null,
    });
  });

  it("falls back on bad values and says so, never throws", () => {
    const o = frameOptions("?layout=huge&theme=pink&loading=now&lessonUrl=http://[", BASE);
    expect(o.layout).toBe("lesson-editor-terminal");
    expect(o.theme).toBe("auto");
    expect(o.loading).toBe("click");
    expect(o.lessonUrl).toBeNull();
    expect(o.problems).toHaveLength(4);
    expect(o.problems.find((p) => p.includes("layout"))).toMatch(
      /layout="huge".*terminal, editor-terminal, lesson-editor-terminal/,
    );
  });

  it("takes lesson-url as well as lessonUrl, relative to the frame", () => {
    expect(frameOptions("?lesson-url=/mine.md", BASE).lessonUrl?.href).toBe(
      "https://sandbox.example/mine.md",
    );
  });
});

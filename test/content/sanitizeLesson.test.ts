import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/content/render.ts";

const purify = createDOMPurify(new JSDOM("").window);
const page = new URL("https://sandbox.example/app/");
const render = (markdown: string) => renderMarkdown(markdown, purify, page).html;
const dom = (html: string) => JSDOM.fragment(html);

/** [href, target, rel] of every link in the output. */
function links(html: string): (string | null)[][] {
  return [...dom(html).querySelectorAll("a")].map((a) =>
    ["href", "target", "rel"].map((name) => a.getAttribute(name)),
  );
}

/** Every attribute name and URL in the output, for blanket assertions. */
function attributes(html: string): { names: string[]; urls: string[] } {
  const elements = [...dom(html).querySelectorAll("*")];
  const all = elements.flatMap((e) => [...e.attributes]);
  return {
    names: all.map((a) => a.name.toLowerCase()),
    urls: all.filter((a) => /^(href|src|xlink:href|action)$/i.test(a.name)).map((a) => a.value),
  };
}

describe("lesson HTML sanitization", () => {
  it("removes script elements, inline and inside SVG", () => {
    const html = render(
      "<script>alert(1)</script>\n\nText <svg><script>alert(2)</script></svg>\n\n" +
        '<svg onload="alert(3)"><a href="javascript:alert(4)">x</a></svg>\n',
    );
    expect(dom(html).querySelector("script, svg")).toBeNull();
    expect(html).not.toMatch(/alert|onload/);
  });

  it("drops event handler attributes but keeps harmless content", () => {
    const html = render('<img src=x onerror=alert(1)>\n\n<p onclick="alert(2)">hi</p>\n');
    const fragment = dom(html);
    expect(fragment.querySelector("img")?.getAttribute("src")).toBe("x");
    expect(fragment.querySelector("p")?.textContent).toBe("hi");
    expect(attributes(html).names.filter((n) => n.startsWith("on"))).toEqual([]);
  });

  it("never emits javascript:, vbscript: or data: URLs", () => {
    const html = render(
      [
        "[md](javascript:alert(1))",
        "![img](javascript:alert(2))",
        '<a href="JaVaScRiPt:alert(3)">mixed case</a>',
        '<a href="&#106;avascript:alert(4)">entity</a>',
        '<a href=" java\tscript:alert(5)">whitespace</a>',
        '<a href="vbscript:msgbox(6)">vb</a>',
        '<a href="data:text/html,<script>alert(7)</script>">data</a>',
        "![png](data:image/png;base64,iVBORw0KGgo=)",
        '<img src="data:image/svg+xml,<svg onload=alert(8)>">',
      ].join("\n\n"),
    );
    expect(attributes(html).urls.filter((u) => /script|data:/i.test(u))).toEqual([]);
    // markdown-it leaves a Markdown link to javascript: as text; raw links
    // and images survive without their URL.
    const fragment = dom(html);
    expect(fragment.querySelector("p")?.textContent).toBe("[md](javascript:alert(1))");
    const hrefs = [...fragment.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual([null, null, null, null, null]);
    const srcs = [...fragment.querySelectorAll("img")].map((img) => img.getAttribute("src"));
    expect(srcs).toEqual([null, null]);
  });

  it("removes iframes, objects, embeds, forms, inputs, base, meta and link", () => {
    const html = render(
      [
        '<iframe src="https://example.com"></iframe>',
        '<object data="x.swf"></object><embed src="x.swf">',
        '<form action="https://evil.example"><input name="password"><button>Send</button></form>',
        "<textarea>t</textarea><select><option>o</option></select>",
        '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=x">',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<dialog open>d</dialog><video src="v.mp4" autoplay></video>',
      ].join("\n\n"),
    );
    const banned =
      "iframe, object, embed, form, input, textarea, select, base, meta, link, dialog, video";
    expect(dom(html).querySelector(banned)).toBeNull();
    expect(html).not.toContain("evil.example");
  });

  it("strips style elements and attributes (no UI redressing)", () => {
    const html = render(
      "<style>body { display: none }</style>\n\n" +
        '<div style="position:fixed;inset:0;z-index:9999">overlay</div>\n',
    );
    expect(dom(html).querySelector("style, [style]")).toBeNull();
    expect(html).not.toContain("display: none");
    expect(dom(html).querySelector("div")?.textContent).toBe("overlay");
  });

  it("removes popover and invoker attributes that would put content in the top layer", () => {
    const html = render(
      '<button popovertarget="p" command="show-modal" commandfor="p">x</button>' +
        '<div popover id="p">covering the app</div>\n',
    );
    const names = attributes(html).names;
    for (const name of ["popover", "popovertarget", "command", "commandfor"]) {
      expect(names).not.toContain(name);
    }
  });

  it("prefixes raw ids and names so they cannot clobber window or document", () => {
    const html = render('<div id="MonacoEnvironment">a</div>\n\n<a name="cookie">b</a>\n');
    const fragment = dom(html);
    expect(fragment.querySelector("div")?.id).toBe("user-content-MonacoEnvironment");
    expect(fragment.querySelector("a")?.getAttribute("name")).toBe("user-content-cookie");
  });

  it("keeps only the renderer's class names on lesson HTML", () => {
    const html = render('<div class="overlay hljs-string code-block modal">x</div>\n');
    expect(dom(html).querySelector("div")?.className).toBe("hljs-string code-block");
  });

  it("turns forged Run buttons and data-* attributes from lesson HTML into inert markup", () => {
    const html = render(
      '<div class="code-block" data-command="rm -rf /workspace">\n' +
        '<button data-action="run" data-command="rm -rf /" onclick="alert(1)">Next lesson</button>\n' +
        '<span data-trust="guess" data-action="copy">x</span>\n</div>\n\n' +
        "```sh run\necho visible\n```\n",
    );
    const fragment = dom(html);
    const forged = fragment.querySelector("button:not([aria-label])");
    expect(forged?.textContent).toBe("Next lesson");
    expect([...(forged?.attributes ?? [])].map((a) => a.name)).toEqual([]);
    // Only the real code block remains actionable, and it shows its command.
    expect([...fragment.querySelectorAll("[data-command]")].map((e) => e.textContent)).toEqual([
      "echo visibleCopyRun",
    ]);
    expect(fragment.querySelectorAll("[data-action]")).toHaveLength(2);
    expect(attributes(html).names).not.toContain("data-trust");
  });

  it("treats links by where they lead, so backslashed hosts open in a new tab", () => {
    const html = render(
      [
        '<a href="/\\evil.example">a</a>',
        '<a href="\\\\evil.example/x">b</a>',
        '<a href=" /\t/evil.example">c</a>',
        '<a href="https://sandbox.example/app/?lesson=two">d</a>',
        '<a href="../docs/">e</a>',
        '<a href="http://sandbox.example/app/">f</a>',
      ].join(" "),
    );
    const external = ["_blank", "noopener noreferrer"];
    expect(links(html)).toEqual([
      ["/\\evil.example", ...external],
      ["\\\\evil.example/x", ...external],
      ["/\t/evil.example", ...external],
      ["https://sandbox.example/app/?lesson=two", null, null],
      ["../docs/", null, null],
      ["http://sandbox.example/app/", ...external],
    ]);
  });

  it("drops a link whose URL does not resolve", () => {
    expect(links(render('<a href="http://[::1">x</a>'))).toEqual([[null, null, null]]);
  });

  it("strips fresh, vm, lessonUrl and course from links to the app, however they are written", () => {
    const html = render(
      [
        "[a](?fresh&lesson=two)",
        "[b](?lesson=two&fresh=1#user-content-top)",
        '<a href="?fre\tsh&amp;lesson=two">c</a>',
        "[d](/app/?lesson=two&vm=https://evil.example/vm/)",
        "[e](https://sandbox.example/app/?lessonUrl=https://evil.example/l.md)",
        "[f](../?%66resh)",
        "[g](https://elsewhere.example/?fresh)",
        "[h](?course=https://evil.example/course.json&lesson=two)",
      ].join(" "),
    );
    expect(links(html).map(([href]) => href)).toEqual([
      "?lesson=two",
      "?lesson=two#user-content-top",
      "?lesson=two",
      "?lesson=two",
      "/app/",
      "/",
      "https://elsewhere.example/?fresh",
      "?lesson=two",
    ]);
  });

  it("removes download and background, and loads images without a referrer", () => {
    const html = render(
      '<a href="/x.sh" download="x.sh">x</a>\n\n<table background="https://t.example/a.png">' +
        '<tr><td background="https://t.example/b.png">c</td></tr></table>\n\n' +
        '![i](https://t.example/i.png) <img src="https://t.example/j.png" referrerpolicy="unsafe-url">\n',
    );
    const names = attributes(html).names;
    expect(names).not.toContain("download");
    expect(names).not.toContain("background");
    const policies = [...dom(html).querySelectorAll("img")].map((img) =>
      img.getAttribute("referrerpolicy"),
    );
    expect(policies).toEqual(["no-referrer", "no-referrer"]);
  });
});

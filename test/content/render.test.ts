import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../src/content/render.ts";

const purify = createDOMPurify(new JSDOM("").window);
const render = (markdown: string) => renderMarkdown(markdown, purify);
const dom = (html: string) => JSDOM.fragment(html);

describe("renderMarkdown", () => {
  it("gives headings unique slug ids and lists h2/h3 for the table of contents", () => {
    const { html, headings } = render(
      "# Title\n\n## Images & `docker history`\n\n### Images & docker history\n\n" +
        "## Images\n\n## Images\n\n#### Deep\n\n## !!!\n",
    );
    expect(headings).toEqual([
      { id: "user-content-images-docker-history", text: "Images & docker history", level: 2 },
      { id: "user-content-images-docker-history-1", text: "Images & docker history", level: 3 },
      { id: "user-content-images", text: "Images", level: 2 },
      { id: "user-content-images-1", text: "Images", level: 2 },
      { id: "user-content-section", text: "!!!", level: 2 },
    ]);
    const ids = [...dom(html).querySelectorAll("h1, h2, h3, h4")].map((h) => h.id);
    expect(ids).toEqual([
      "user-content-title",
      ...headings.slice(0, 4).map((h) => h.id),
      "user-content-deep",
      "user-content-section",
    ]);
  });

  it("keeps heading ids whose slug is a document property (no clobbering filter loss)", () => {
    // "images", "forms" and "body" are properties of `document`: unprefixed,
    // DOMPurify's SANITIZE_DOM would drop them.
    const { html } = render("## Forms\n\n## Body\n");
    expect([...dom(html).querySelectorAll("h2")].map((h) => h.id)).toEqual([
      "user-content-forms",
      "user-content-body",
    ]);
  });

  it("highlights fenced code with highlight.js classes", () => {
    const { html } = render("```dockerfile\nFROM busybox\nRUN echo hi\n```\n");
    const code = dom(html).querySelector(".code-block > pre > code");
    expect(code?.className).toBe("hljs language-dockerfile");
    expect(code?.querySelector(".hljs-keyword")?.textContent).toBe("FROM");
    expect(code?.textContent).toBe("FROM busybox\nRUN echo hi");
  });

  it("renders unknown languages and plain blocks as escaped text", () => {
    const { html } = render("```ini\n<b>x</b>\n```\n\n```\nplain\n```\n\n    indented\n");
    const codes = [...dom(html).querySelectorAll("code")];
    expect(codes.map((c) => c.className)).toEqual([
      "hljs language-ini",
      "hljs language-plaintext",
      "hljs language-plaintext",
    ]);
    expect(codes[0]?.textContent).toBe("<b>x</b>");
    expect(codes[0]?.children).toHaveLength(0);
  });

  it("gives every code block a Copy button and only `run` blocks a Run button", () => {
    const { html, commands } = render(
      "```dockerfile\nFROM busybox\n```\n\n```sh\nls\n```\n\n```sh run\ndocker ps\n```\n",
    );
    const blocks = [...dom(html).querySelectorAll("div.code-block")];
    expect(blocks).toHaveLength(3);
    const actions = blocks.map((b) =>
      [...b.querySelectorAll(".code-actions > button")].map((button) => [
        button.getAttribute("type"),
        button.getAttribute("data-action"),
        button.getAttribute("aria-label"),
        button.textContent,
      ]),
    );
    const copy = ["button", "copy", "Copy code", "Copy"];
    expect(actions).toEqual([[copy], [copy], [copy, ["button", "run", "Run in terminal", "Run"]]]);
    expect(blocks.map((b) => b.getAttribute("data-command"))).toEqual([null, null, "docker ps"]);
    expect(commands).toEqual(["docker ps"]);
  });

  it("carries the exact command text, multi-line and with shell syntax, in data-command", () => {
    const command = `docker run --rm busybox sh -c 'echo "a & b" > /tmp/x && cat < /tmp/x'\necho $((1+2)) \`id\``;
    const { html, commands } = render(
      `\`\`\`bash run\n${command}\n\n\`\`\`\n\n\`\`\`console run\ndocker version\n\`\`\`\n`,
    );
    const blocks = [...dom(html).querySelectorAll<HTMLElement>("[data-command]")];
    expect(blocks.map((b) => b.dataset.command)).toEqual([command, "docker version"]);
    expect(commands).toEqual([command, "docker version"]);
    expect(blocks[0]?.querySelector("code")?.textContent).toBe(`${command}\n`);
  });

  it("only treats shell languages with `run` as their second word as runnable", () => {
    const { html, commands } = render(
      "```python run\nprint(1)\n```\n\n```sh runnable\nls\n```\n\n```sh\nrun\n```\n\n```sh run\n\n```\n",
    );
    expect(commands).toEqual([]);
    expect(dom(html).querySelector('[data-action="run"], [data-command]')).toBeNull();
  });

  it("opens external links in a new tab and points #fragments at the prefixed ids", () => {
    const { html } = render(
      "## Layers\n\n[docs](https://docs.docker.com/) [up](#layers) [next](?lesson=two) " +
        "[mail](mailto:a@example.com)\n",
    );
    const links = [...dom(html).querySelectorAll("a")].map((a) => [
      a.getAttribute("href"),
      a.getAttribute("target"),
      a.getAttribute("rel"),
    ]);
    expect(links).toEqual([
      ["https://docs.docker.com/", "_blank", "noopener noreferrer"],
      ["#user-content-layers", null, null],
      ["?lesson=two", null, null],
      ["mailto:a@example.com", "_blank", "noopener noreferrer"],
    ]);
  });

  it("gives no Run button to a block holding a control character", () => {
    const { html, commands } = render(
      "```sh run\necho safe\x7f\x7f\x7f\x7frm -rf /workspace\n```\n\n" +
        "```sh run\necho \x1b[2Khidden\n```\n\n```sh run\nprintf 'a\tb'\n```\n",
    );
    expect(commands).toEqual(["printf 'a\tb'"]);
    expect(dom(html).querySelectorAll('[data-action="run"]')).toHaveLength(1);
    expect(dom(html).querySelectorAll('[data-action="copy"]')).toHaveLength(3);
  });

  it("leaves the DOMPurify instance without the renderer's hooks afterwards", () => {
    render("```sh run\nls\n```\n");
    // With the renderer's hooks gone, plain DOMPurify keeps lesson data-* attributes.
    expect(purify.sanitize('<p data-x="1">a</p>')).toBe('<p data-x="1">a</p>');
  });
});

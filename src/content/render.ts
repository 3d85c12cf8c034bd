/**
 * Lesson Markdown → safe HTML, with a table of contents and click-to-run
 * commands.
 *
 * Sanitization (lesson content is untrusted; details in sanitizeLesson.ts):
 * - Raw HTML is allowed in Markdown, but all output goes through DOMPurify
 *   (HTML profile only: no SVG/MathML). Scripts, `on*` handlers, `style`
 *   elements and attributes, iframes/objects/embeds, forms and form controls,
 *   dialogs, popovers, media elements, base/meta/link are removed.
 * - URLs: only http(s), mailto and relative; no javascript:, vbscript: or
 *   data: (not even data:image). Links that resolve to another origin get
 *   target=_blank and rel="noopener noreferrer"; links to the app lose the
 *   `fresh`, `vm` and `lessonUrl` parameters; `#fragment` links follow the id
 *   prefix. No `download`; images load without a referrer.
 * - `id`/`name` are prefixed with `user-content-` (no DOM clobbering).
 * - Only the renderer's own code blocks carry `data-action`/`data-command`:
 *   a lesson cannot forge a button that runs a command it does not show.
 *   Forged buttons survive as inert elements (no data-*, no handlers).
 */
import MarkdownIt, { type Env, type Token } from "markdown-it";
import type { DOMPurify } from "dompurify";
import { escapeHtml, highlightCode } from "./highlight.ts";
import { codeLanguage, MARKDOWN_OPTIONS, runCommand } from "./runBlocks.ts";
import {
  createTrustToken,
  NAMED_PROPS_PREFIX,
  sanitizeLessonHtml,
  TRUST_ATTRIBUTE,
} from "./sanitizeLesson.ts";

/** A heading for the table of contents. */
export interface LessonHeading {
  /** The element id (already prefixed), for `#id` links and scrolling. */
  id: string;
  /** Plain text (not HTML). */
  text: string;
  /** 2 or 3. */
  level: number;
}

/** What {@link renderMarkdown} produces. */
export interface RenderedLesson {
  /** Sanitized HTML, safe for `innerHTML`. */
  html: string;
  /** The h2 and h3 headings, in document order. */
  headings: LessonHeading[];
  /** The commands of click-to-run blocks, in document order. */
  commands: string[];
}

interface RenderEnv extends Env {
  token: string;
  commands: string[];
}

const md = new MarkdownIt(MARKDOWN_OPTIONS);
md.renderer.rules.fence = (tokens, idx, _options, env) => {
  const token = tokens[idx] as Token;
  return renderCodeBlock(token.content, token.info, env as RenderEnv);
};
md.renderer.rules.code_block = (tokens, idx, _options, env) =>
  renderCodeBlock((tokens[idx] as Token).content, "", env as RenderEnv);

/**
 * Render lesson Markdown. `purify` is a DOMPurify instance: in the browser the
 * default export of "dompurify"; elsewhere `createDOMPurify(new JSDOM("").window)`.
 *
 * Every code block becomes `div.code-block > pre > code.hljs.language-x` plus
 * `div.code-actions` with a Copy button (`data-action="copy"`). A block whose
 * info string is `sh run`, `bash run`, `shell run` or `console run` also gets
 * `data-command` on the wrapper (the block's text, surrounding whitespace
 * trimmed, lines joined with "\n") and a Run button (`data-action="run"`),
 * unless it holds a control character (see typedCommand.ts).
 * Caveat: DOMPurify drops an attribute containing `-->` or `]>`, so such a
 * command keeps its Run button but loses `data-command`.
 *
 * `page` is the URL the lesson is shown at, which decides where links lead;
 * default: this page without its query, or https://app.invalid/ outside a browser.
 */
export function renderMarkdown(
  markdown: string,
  purify: DOMPurify,
  page: URL = lessonPage(),
): RenderedLesson {
  const env: RenderEnv = { token: createTrustToken(), commands: [] };
  const tokens = md.parse(markdown, env);
  const headings = addHeadingIds(tokens);
  const html = md.renderer.render(tokens, md.options, env);
  return {
    html: sanitizeLessonHtml(html, purify, env.token, page),
    headings,
    commands: env.commands,
  };
}

/**
 * Render one line of lesson Markdown (a quiz's choice or feedback) as inline
 * HTML: `code`, emphasis and links, no paragraphs or blocks. Sanitized like
 * {@link renderMarkdown}; a lesson cannot put a block or a button into it.
 */
export function renderInlineMarkdown(
  markdown: string,
  purify: DOMPurify,
  page: URL = lessonPage(),
): string {
  const env: RenderEnv = { token: createTrustToken(), commands: [] };
  return sanitizeLessonHtml(md.renderInline(markdown, env), purify, env.token, page);
}

function lessonPage(): URL {
  const here = globalThis.location as Location | undefined;
  return here ? new URL(here.pathname, here.origin) : new URL("https://app.invalid/");
}

function renderCodeBlock(code: string, info: string, env: RenderEnv): string {
  const language = codeLanguage(info);
  const command = runCommand(info, code);
  const trust = `${TRUST_ATTRIBUTE}="${env.token}"`;
  let wrapper = `<div class="code-block"`;
  let run = "";
  if (command !== null) {
    env.commands.push(command);
    wrapper += ` ${trust} data-command="${escapeHtml(command)}"`;
    run = `<button type="button" ${trust} data-action="run" aria-label="Run in terminal">Run</button>`;
  }
  // The shell grammar expects "$ " prompts; a runnable block holds bare commands.
  const grammar = command !== null ? "bash" : language;
  return (
    `${wrapper}><pre><code class="hljs language-${language}">` +
    `${highlightCode(code.replace(/\n$/, ""), grammar)}</code></pre>` +
    `<div class="code-actions"><button type="button" ${trust} data-action="copy" ` +
    `aria-label="Copy code">Copy</button>${run}</div></div>\n`
  );
}

/** Give every heading a unique slug id; return the h2/h3 ones for the table of contents. */
function addHeadingIds(tokens: Token[]): LessonHeading[] {
  const used = new Set<string>();
  const headings: LessonHeading[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open") return;
    const text = (tokens[i + 1]?.children ?? [])
      .filter((child) => child.type === "text" || child.type === "code_inline")
      .map((child) => child.content)
      .join("")
      .trim();
    const base = NAMED_PROPS_PREFIX + (slug(text) || "section");
    let id = base;
    for (let n = 1; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    token.attrSet("id", id);
    const level = Number(token.tag.slice(1));
    if (level === 2 || level === 3) headings.push({ id, text, level });
  });
  return headings;
}

/** GitHub-style slug: lowercase, punctuation dropped, spaces to hyphens. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .trim()
    .replace(/\s+/g, "-");
}

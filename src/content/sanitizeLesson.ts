/**
 * The sanitizer policy for rendered lessons. Lesson content is untrusted: it
 * may come from a contributor or an embedder. Everything the renderer outputs
 * passes through DOMPurify with this policy; see `renderMarkdown` for the
 * summary of what survives.
 */
import type {
  Config,
  DOMPurify,
  NodeHook,
  UponSanitizeAttributeHook,
  UponSanitizeElementHook,
} from "dompurify";

/**
 * Prefix DOMPurify's SANITIZE_NAMED_PROPS puts on every `id` and `name`, so
 * lesson markup can never clobber `window.x` / `document.x`. Heading ids are
 * generated with it already in place.
 */
export const NAMED_PROPS_PREFIX = "user-content-";

/** Attribute the renderer puts on elements it generated, with a per-render token. */
export const TRUST_ATTRIBUTE = "data-trust";

// The only data-* attributes that survive, and only on trusted elements: the
// UI delegates clicks on them. A lesson's own HTML cannot forge a Run button
// whose command is hidden from the learner.
const TRUSTED_DATA = new Set(["data-action", "data-command"]);

// Classes are the app's styling hooks; lesson HTML keeps only the ones the
// renderer itself emits, so it cannot borrow app classes to overlay the UI.
const ALLOWED_CLASS = /^(?:hljs(?:-[\w-]+)?|[a-z]+_+|language-[\w+#.-]+|code-block|code-actions)$/i;

// Same set as DOMPurify's ATTR_WHITESPACE: browsers ignore these in URLs.
// eslint-disable-next-line no-control-regex
const URL_WHITESPACE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;

// The app's own query parameters that do more than pick a lesson: `fresh`
// throws the saved workspace away, `vm`, `lessonUrl` and `course` load code
// from elsewhere. A lesson link never needs them, and must not be able to use them.
const APP_PARAMS = ["fresh", "vm", "lessonUrl", "course"];

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    ...["style", "base", "meta", "link", "iframe", "frame", "frameset", "object", "embed"],
    ...["form", "input", "textarea", "select", "option", "optgroup", "datalist", "dialog"],
    ...["audio", "video", "source", "track", "picture", "map", "area"],
  ],
  FORBID_ATTR: [
    // `background` loads a remote image like <img>, without its referrer policy.
    ...["style", "srcset", "action", "formaction", "download", "background"],
    ...["popover", "popovertarget", "popovertargetaction", "command", "commandfor"],
  ],
  // http(s), mailto and relative URLs only: no javascript:, vbscript:, data: …
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  SANITIZE_NAMED_PROPS: true,
};

/** A fresh unguessable token for {@link TRUST_ATTRIBUTE}; one per render. */
export function createTrustToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Sanitize rendered lesson HTML. Elements carrying `data-trust="<token>"`
 * keep `data-action` / `data-command`; every other data-* attribute goes.
 * Links are judged by where they lead from `page`, the URL the lesson is
 * shown at (see {@link fixLink}). The hooks are added to `purify` for this
 * call only.
 */
export function sanitizeLessonHtml(
  html: string,
  purify: DOMPurify,
  token: string,
  page: URL,
): string {
  const trusted = new WeakSet<Node>();
  const onElement: UponSanitizeElementHook = (node) => {
    if (isElement(node) && node.getAttribute(TRUST_ATTRIBUTE) === token) trusted.add(node);
  };
  const onAttribute: UponSanitizeAttributeHook = (node, event) => {
    const name = event.attrName;
    if (name.startsWith("data-")) {
      event.keepAttr = trusted.has(node) && TRUSTED_DATA.has(name);
    } else if (name === "class") {
      event.attrValue = event.attrValue
        .split(/\s+/)
        .filter((c) => ALLOWED_CLASS.test(c))
        .join(" ");
      event.keepAttr = event.attrValue !== "";
    } else if (name === "src" || name === "href" || name === "xlink:href") {
      // DOMPurify lets data: URIs through on img and a few media tags.
      const url = event.attrValue.replace(URL_WHITESPACE, "").toLowerCase();
      if (url.startsWith("data:")) event.keepAttr = false;
    }
  };
  const afterAttributes: NodeHook = (node) => {
    if (!isElement(node)) return;
    const tag = node.nodeName.toLowerCase();
    if (tag === "a") fixLink(node, page);
    // A remote image learns which lesson is open and when; not from where.
    // (No loading="lazy": it would also tell how far the learner has read.)
    if (tag === "img") node.setAttribute("referrerpolicy", "no-referrer");
  };

  purify.addHook("uponSanitizeElement", onElement);
  purify.addHook("uponSanitizeAttribute", onAttribute);
  purify.addHook("afterSanitizeAttributes", afterAttributes);
  try {
    return purify.sanitize(html, CONFIG);
  } finally {
    purify.removeHook("uponSanitizeElement", onElement);
    purify.removeHook("uponSanitizeAttribute", onAttribute);
    purify.removeHook("afterSanitizeAttributes", afterAttributes);
  }
}

/**
 * #fragments follow the id prefix. Other links are judged by the URL the
 * browser will resolve them to, not by how they are spelt (`/\evil.example`
 * and `\\evil.example` lead to another site): one to another origin opens in
 * a new tab without access to the app; one to the app loses
 * {@link APP_PARAMS}; one that does not resolve is dropped.
 */
function fixLink(link: Element, page: URL): void {
  const href = link.getAttribute("href");
  if (href === null) return;
  if (href.startsWith("#")) {
    if (href.length > 1 && !href.startsWith(`#${NAMED_PROPS_PREFIX}`)) {
      link.setAttribute("href", `#${NAMED_PROPS_PREFIX}${href.slice(1)}`);
    }
    return;
  }
  const url = resolve(href, page);
  if (!url) {
    link.removeAttribute("href");
  } else if (url.origin !== page.origin) {
    link.setAttribute("target", "_blank");
    link.setAttribute("rel", "noopener noreferrer");
  } else if (APP_PARAMS.some((name) => url.searchParams.has(name))) {
    for (const name of APP_PARAMS) url.searchParams.delete(name);
    link.setAttribute("href", sameOriginHref(url, page));
  }
}

// URL.parse would do, but is missing from Node 20 and Safari before 18.
function resolve(href: string, page: URL): URL | null {
  try {
    return new URL(href, page);
  } catch {
    return null;
  }
}

/**
 * `url` written relative to `page`: "?lesson=x" when only the query differs,
 * as lessons write links to other lessons (LessonPane routes those in place).
 */
function sameOriginHref(url: URL, page: URL): string {
  const query = url.pathname === page.pathname && url.search !== "";
  return query ? `${url.search}${url.hash}` : `${url.pathname}${url.search}${url.hash}`;
}

// Elements come from DOMPurify's own document (jsdom in tests), so
// `instanceof Element` would compare against the wrong realm.
function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

/**
 * Syntax highlighting for lesson code blocks. Only the languages lessons use
 * are registered (highlight.js core plus a handful of grammars keeps the
 * bundle small); anything else is shown as escaped plain text.
 */
import core from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import dockerfile from "highlight.js/lib/languages/dockerfile";
import json from "highlight.js/lib/languages/json";
import plaintext from "highlight.js/lib/languages/plaintext";
import python from "highlight.js/lib/languages/python";
import shell from "highlight.js/lib/languages/shell";
import yaml from "highlight.js/lib/languages/yaml";

// A private instance: registering grammars on the shared default would leak
// into (and depend on) whatever else in the app uses highlight.js.
const hljs = core.newInstance();
hljs.registerLanguage("bash", bash); // also sh, zsh
hljs.registerLanguage("shell", shell); // also console: a session with prompts
hljs.registerLanguage("dockerfile", dockerfile); // also docker
hljs.registerLanguage("json", json);
hljs.registerLanguage("plaintext", plaintext); // also text, txt
hljs.registerLanguage("python", python); // also py
hljs.registerLanguage("yaml", yaml); // also yml

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escape text for use in HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * Highlight `code` as `language` (a name or alias, case-insensitive).
 * Returns HTML: highlight.js `<span class="hljs-…">` markup for known
 * languages, escaped text otherwise.
 */
export function highlightCode(code: string, language: string): string {
  if (!hljs.getLanguage(language)) return escapeHtml(code);
  return hljs.highlight(code, { language, ignoreIllegals: true }).value;
}

import type * as Monaco from "monaco-editor/editor";
import { IGNORE_LANGUAGE } from "./languages.ts";

/**
 * A small language for .dockerignore files: `#` comments (so Ctrl+/ toggles
 * them), `!` exceptions and glob characters. Monaco ships none, and plaintext
 * would hide that a line is commented out.
 */
export function registerIgnoreLanguage(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === IGNORE_LANGUAGE)) return;
  monaco.languages.register({
    id: IGNORE_LANGUAGE,
    aliases: ["Ignore file"],
    filenames: [".dockerignore", ".gitignore"],
  });
  monaco.languages.setLanguageConfiguration(IGNORE_LANGUAGE, { comments: { lineComment: "#" } });
  monaco.languages.setMonarchTokensProvider(IGNORE_LANGUAGE, {
    tokenizer: {
      root: [
        [/^\s*#.*$/, "comment"],
        [/^\s*!/, "keyword"],
        [/\*\*|[*?]/, "operator"],
        [/\[[^\]]*\]/, "regexp"],
      ],
    },
  });
}

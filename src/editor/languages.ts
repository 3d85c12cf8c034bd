/**
 * Which Monaco language a workspace file is edited in, decided by its name.
 *
 * Kept free of Monaco imports so the rest of the app (and unit tests) can use
 * it without loading the editor.
 */

/** Language id of ignore files (.dockerignore): registered in ignoreLanguage.ts. */
export const IGNORE_LANGUAGE = "ignore";

/** Language ids the editor bundle ships a tokenizer for; anything else is plaintext. */
export const EDITOR_LANGUAGES = [
  "dockerfile",
  "shell",
  "yaml",
  "python",
  "json",
  "markdown",
  "ini",
  IGNORE_LANGUAGE,
  "plaintext",
] as const;

export type EditorLanguage = (typeof EDITOR_LANGUAGES)[number];

const BY_EXTENSION: Record<string, EditorLanguage> = {
  dockerfile: "dockerfile",
  containerfile: "dockerfile",
  sh: "shell",
  bash: "shell",
  yml: "yaml",
  yaml: "yaml",
  py: "python",
  json: "json",
  md: "markdown",
  markdown: "markdown",
  ini: "ini",
  cfg: "ini",
  conf: "ini",
  env: "ini",
  // .toml has no Monaco tokenizer; its [sections] and key = value read well as ini.
  toml: "ini",
};

/**
 * The Monaco language id for a workspace path (`app/Dockerfile.dev`,
 * `compose.yaml`, …). Matches on the file name only, case-insensitively:
 * `Dockerfile`, `Dockerfile.<anything>`, `<anything>.dockerfile` and
 * `Containerfile` are Dockerfiles; `.dockerignore`/`.gitignore` get the small
 * ignore-file language (comments and `!` negations); `.env` files are ini;
 * everything unknown (including `requirements.txt`) is `plaintext`.
 */
export function languageForPath(path: string): EditorLanguage {
  const name = (path.split("/").pop() ?? "").toLowerCase();
  // Before the Dockerfile prefixes: BuildKit reads `Dockerfile.dockerignore` beside `Dockerfile`.
  if (name.endsWith(".dockerignore") || name === ".gitignore") return IGNORE_LANGUAGE;
  if (name === "dockerfile" || name === "containerfile") return "dockerfile";
  if (name.startsWith("dockerfile.") || name.startsWith("containerfile.")) return "dockerfile";
  if (name === ".env" || name.startsWith(".env.")) return "ini";
  const dot = name.lastIndexOf(".");
  if (dot < 0) return "plaintext";
  return BY_EXTENSION[name.slice(dot + 1)] ?? "plaintext";
}

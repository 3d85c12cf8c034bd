/**
 * Which workspace files are Compose files: the editor validates them against
 * the Compose specification's schema (composeSchema.ts); other YAML files
 * get highlighting and YAML syntax checks only.
 *
 * Kept free of Monaco imports, like languages.ts, so unit tests can use it.
 */

/**
 * The file names `docker compose` looks for (`compose.yaml`,
 * `docker-compose.yml`, …) and the override files passed with `-f`
 * (`compose.<anything>.yaml`, `docker-compose.<anything>.yml`), as monaco-yaml
 * `fileMatch` globs. monaco-yaml matches each in any folder of the model URI
 * (`file:///workspace/<path>`); its `*` does not cross a `/`. Case-sensitive,
 * as Compose's own lookup is.
 */
export const COMPOSE_FILE_GLOBS: readonly string[] = [
  "compose.yaml",
  "compose.yml",
  "docker-compose.yaml",
  "docker-compose.yml",
  "compose.*.yaml",
  "compose.*.yml",
  "docker-compose.*.yaml",
  "docker-compose.*.yml",
];

// The globs as the worker reads them, for file names: `*` is any run of non-`/` characters.
const COMPOSE_NAMES = COMPOSE_FILE_GLOBS.map(
  (glob) => new RegExp(`^${glob.split("*").map(escapeRegExp).join("[^/]*")}$`),
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether the workspace path (`compose.yaml`, `app/docker-compose.override.yml`,
 * …) is validated as a Compose file: its name matches one of
 * {@link COMPOSE_FILE_GLOBS}, in whatever folder.
 */
export function isComposeFile(path: string): boolean {
  const name = path.split("/").pop() ?? "";
  return COMPOSE_NAMES.some((pattern) => pattern.test(name));
}

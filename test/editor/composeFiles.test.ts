import { describe, expect, it } from "vitest";
import { COMPOSE_FILE_GLOBS, isComposeFile } from "../../src/editor/composeFiles.ts";
import { languageForPath } from "../../src/editor/languages.ts";

describe("isComposeFile", () => {
  it.each([
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "compose.prod.yml",
    "docker-compose.ci.yaml",
    "app/compose.yaml",
    "deploy/staging/docker-compose.yml",
  ])("validates %s as a Compose file", (path) => {
    expect(isComposeFile(path)).toBe(true);
    expect(languageForPath(path)).toBe("yaml");
  });

  it.each([
    "config.yaml",
    "k8s/deployment.yml",
    ".github/workflows/ci.yml",
    "mycompose.yaml",
    "compose-dev.yaml",
    "docker-compose.json",
    "compose.yaml.bak",
    "compose.yaml/notes.txt",
    "Compose.yaml",
    "DOCKER-COMPOSE.YML",
  ])("leaves %s alone", (path) => {
    expect(isComposeFile(path)).toBe(false);
  });

  it("names only YAML files, so every Compose file gets the yaml language", () => {
    for (const glob of COMPOSE_FILE_GLOBS) expect(glob).toMatch(/\.ya?ml$/);
  });
});

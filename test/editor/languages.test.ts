import { describe, expect, it } from "vitest";
import { languageForPath } from "../../src/editor/languages.ts";

describe("languageForPath", () => {
  it.each([
    ["Dockerfile", "dockerfile"],
    ["app/Dockerfile", "dockerfile"],
    ["dockerfile", "dockerfile"],
    ["Dockerfile.dev", "dockerfile"],
    ["build/Dockerfile.multi-stage", "dockerfile"],
    ["web.dockerfile", "dockerfile"],
    ["Containerfile", "dockerfile"],
    ["entrypoint.sh", "shell"],
    ["scripts/setup.bash", "shell"],
    [".dockerignore", "ignore"],
    ["Dockerfile.dockerignore", "ignore"],
    [".gitignore", "ignore"],
    ["compose.yaml", "yaml"],
    ["docker-compose.yml", "yaml"],
    ["app/main.py", "python"],
    ["package.json", "json"],
    ["README.md", "markdown"],
    ["config.ini", "ini"],
    ["setup.cfg", "ini"],
    ["nginx/default.conf", "ini"],
    [".env", "ini"],
    [".env.local", "ini"],
    ["app.env", "ini"],
    ["requirements.txt", "plaintext"],
    ["Makefile", "plaintext"],
    ["data.bin", "plaintext"],
  ])("%s is edited as %s", (path, language) => {
    expect(languageForPath(path)).toBe(language);
  });

  it("matches file names case-insensitively and ignores folder names", () => {
    expect(languageForPath("APP.PY")).toBe("python");
    expect(languageForPath("Dockerfile.d/notes.txt")).toBe("plaintext");
    expect(languageForPath("compose.yaml.d/x")).toBe("plaintext");
  });
});

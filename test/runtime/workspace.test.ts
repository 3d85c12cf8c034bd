import { describe, expect, it } from "vitest";
import { parseFindOutput, workspacePath } from "../../src/runtime/workspace.ts";

describe("workspace paths", () => {
  it("maps relative paths into /workspace and normalises . and empty segments", () => {
    expect(workspacePath("Dockerfile")).toBe("/workspace/Dockerfile");
    expect(workspacePath("./app//main.py")).toBe("/workspace/app/main.py");
    expect(workspacePath("")).toBe("/workspace");
  });

  it("rejects absolute paths and .. with an actionable message", () => {
    expect(() => workspacePath("/etc/passwd")).toThrow(/relative to \/workspace/);
    expect(() => workspacePath("app/../../etc")).toThrow(/without "\.\."/);
  });

  it("parses find -printf records, including names with tabs and spaces", () => {
    const out =
      "d\t4096\t1700000000.5\tapp\0f\t12\t1700000001.25\tapp/my file\twith tab.txt\0l\t7\t1.0\tlink\0";
    expect(parseFindOutput(out)).toEqual([
      { path: "app", type: "dir", size: 4096, mtimeMs: 1700000000500 },
      { path: "app/my file\twith tab.txt", type: "file", size: 12, mtimeMs: 1700000001250 },
      { path: "link", type: "symlink", size: 7, mtimeMs: 1000 },
    ]);
  });
});

import type * as Monaco from "monaco-editor/editor";
import { beforeEach, describe, expect, it } from "vitest";
import {
  bindMonaco,
  disposeModel,
  getOrCreateModel,
  pathOfModel,
  renameModel,
  saveViewState,
  viewStateOf,
} from "../../src/editor/models.ts";
import { FakeMonaco } from "./fakeMonaco.ts";

const viewState = (line: number) =>
  ({
    cursorState: [{ position: { lineNumber: line } }],
  }) as unknown as Monaco.editor.ICodeEditorViewState;

describe("workspace models", () => {
  let fake: FakeMonaco;
  const paths = () => fake.models.map((m) => pathOfModel(m as never)).sort();

  beforeEach(() => {
    for (const path of ["", "app", "Dockerfile", "web", "api", "notes.md"]) disposeModel(path);
    fake = new FakeMonaco();
    bindMonaco(fake.api);
  });

  it("keeps one model per path, under file:///workspace/, in the path's language", () => {
    const model = getOrCreateModel("app/Dockerfile", "FROM alpine\n");
    expect(model.uri.toString()).toBe("file:///workspace/app/Dockerfile");
    expect(model.getLanguageId()).toBe("dockerfile");
    expect(getOrCreateModel("app/Dockerfile", "ignored")).toBe(model);
    expect(model.getValue()).toBe("FROM alpine\n");
    expect(getOrCreateModel("app/main.py", "").getLanguageId()).toBe("python");
  });

  it("disposes a file's model and view state, or a whole folder's", () => {
    getOrCreateModel("Dockerfile", "");
    getOrCreateModel("app/a.py", "");
    getOrCreateModel("app/b/c.py", "");
    getOrCreateModel("application.py", "");
    saveViewState("app/a.py", viewState(3));
    disposeModel("app");
    expect(paths()).toEqual(["Dockerfile", "application.py"]);
    expect(viewStateOf("app/a.py")).toBeNull();
    disposeModel("Dockerfile");
    expect(paths()).toEqual(["application.py"]);
  });

  it("renames a file: text, language and view state follow the new path", () => {
    getOrCreateModel("notes.md", "FROM alpine\n");
    saveViewState("notes.md", viewState(7));
    renameModel("notes.md", "Dockerfile");
    expect(paths()).toEqual(["Dockerfile"]);
    const model = getOrCreateModel("Dockerfile", "");
    expect(model.getValue()).toBe("FROM alpine\n");
    expect(model.getLanguageId()).toBe("dockerfile");
    expect(viewStateOf("Dockerfile")).toEqual(viewState(7));
    expect(viewStateOf("notes.md")).toBeNull();
  });

  it("renames every file in a folder", () => {
    getOrCreateModel("web/Dockerfile", "A");
    getOrCreateModel("web/src/app.py", "B");
    getOrCreateModel("webapp.py", "C");
    renameModel("web", "api");
    expect(paths()).toEqual(["api/Dockerfile", "api/src/app.py", "webapp.py"]);
    expect(getOrCreateModel("api/src/app.py", "").getValue()).toBe("B");
  });

  it("ignores models that are not workspace files", () => {
    const uri = fake.Uri.from({ scheme: "inmemory", path: "/workspace/x" });
    const model = fake.editor.createModel("x", "plaintext", uri);
    expect(pathOfModel(model as never)).toBeUndefined();
    disposeModel("x");
    expect(fake.models).toHaveLength(1);
  });
});

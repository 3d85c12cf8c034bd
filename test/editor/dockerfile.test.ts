import type * as Monaco from "monaco-editor/editor";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { registerDockerfileIntelligence } from "../../src/editor/dockerfile.ts";
import { createDockerfileService } from "../../src/editor/dockerfileService.ts";
import { toMarkerData } from "../../src/editor/lsp.ts";
import { VALIDATE_DELAY_MS } from "../../src/editor/watchMarkers.ts";
import { FakeMonaco, type FakeModel } from "./fakeMonaco.ts";

const ERROR = 8; // MarkerSeverity.Error

describe("dockerfile-language-service through the LSP conversion", () => {
  const service = createDockerfileService();

  it("marks an unknown instruction with a 1-based range", () => {
    const markers = service.validate("FROM alpine\nRUNN x\n").map(toMarkerData);
    expect(markers).toEqual([
      expect.objectContaining({
        startLineNumber: 2,
        startColumn: 1,
        endLineNumber: 2,
        endColumn: 5,
        severity: ERROR,
        message: "Unknown instruction: RUNN",
        source: "dockerfile-utils",
      }),
    ]);
  });

  it("runs without Node's Buffer, as in a browser, and leaves none behind", () => {
    const scope = globalThis as { Buffer?: unknown };
    const nodeBuffer = scope.Buffer;
    delete scope.Buffer;
    try {
      const browserService = createDockerfileService();
      const [marker] = browserService.validate("FROM alpine\nRUNN x\n").map(toMarkerData);
      expect(marker?.message).toBe("Unknown instruction: RUNN");
      expect(
        browserService.computeHover("FROM alpine\n", { line: 0, character: 1 }),
      ).not.toBeNull();
      expect(scope.Buffer).toBeUndefined();
    } finally {
      scope.Buffer = nodeBuffer;
    }
  });

  it("marks FROM without an image", () => {
    const [marker] = service.validate("FROM\n").map(toMarkerData);
    expect(marker).toMatchObject({
      startLineNumber: 1,
      startColumn: 1,
      endLineNumber: 1,
      endColumn: 5,
      message: "Instruction has no arguments",
    });
  });
});

describe("registerDockerfileIntelligence", () => {
  let fake: FakeMonaco;
  let registration: Monaco.IDisposable;

  beforeEach(() => {
    vi.useFakeTimers();
    fake = new FakeMonaco();
  });
  afterEach(() => {
    registration?.dispose();
    vi.useRealTimers();
  });

  const createModel = (text: string, language = "dockerfile", path = "Dockerfile") =>
    fake.editor.createModel(
      text,
      language,
      fake.Uri.from({ scheme: "file", path: `/workspace/${path}` }),
    );

  it("validates Dockerfile models that exist already and those created later", () => {
    const before = createModel("FROM\n");
    registration = registerDockerfileIntelligence(fake.api);
    const after = createModel("RUNN x\n", "dockerfile", "Dockerfile.dev");
    const other = createModel("RUNN x\n", "plaintext", "notes.txt");
    expect(fake.markersOf(before)?.map((m) => m.message)).toContain("Instruction has no arguments");
    expect(fake.markersOf(after)?.map((m) => m.message)).toContain("Unknown instruction: RUNN");
    expect(fake.markersOf(other)).toBeUndefined();
  });

  it("re-validates 300 ms after the last change", () => {
    registration = registerDockerfileIntelligence(fake.api);
    const model = createModel("FROM alpine\n");
    expect(fake.markersOf(model)).toEqual([]);
    model.type("FROM alpine\nRUNN x\n");
    vi.advanceTimersByTime(VALIDATE_DELAY_MS - 1);
    model.type("FROM alpine\nRUNN xy\n");
    vi.advanceTimersByTime(VALIDATE_DELAY_MS - 1);
    expect(fake.markersOf(model)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fake.markersOf(model)).toEqual([
      expect.objectContaining({ startLineNumber: 2, startColumn: 1, endColumn: 5 }),
    ]);
  });

  it("clears a model's markers when it is disposed", () => {
    registration = registerDockerfileIntelligence(fake.api);
    const model = createModel("FROM\n");
    model.type("FROM\nRUNN\n");
    model.dispose();
    expect(fake.markersOf(model)).toEqual([]);
    vi.runAllTimers(); // the pending validation must not resurrect them
    expect(fake.markersOf(model)).toEqual([]);
  });

  it("registers each provider once however often it is called, and unregisters on dispose", () => {
    registration = registerDockerfileIntelligence(fake.api);
    const kinds = fake.providers.map((p) => p.kind).sort();
    expect(kinds).toEqual([
      "CompletionItem",
      "DocumentFormattingEdit",
      "DocumentHighlight",
      "DocumentRangeFormattingEdit",
      "DocumentSymbol",
      "FoldingRange",
      "Hover",
      "SignatureHelp",
    ]);
    expect(registerDockerfileIntelligence(fake.api)).toBe(registration);
    expect(fake.providers).toHaveLength(kinds.length);
    registration.dispose();
    expect(fake.providers).toHaveLength(0);
    registration = registerDockerfileIntelligence(fake.api);
    expect(fake.providers).toHaveLength(kinds.length);
  });

  it("completes instructions as snippets and documents them on resolve", async () => {
    registration = registerDockerfileIntelligence(fake.api);
    const model = createModel("FROM alpine\n\n");
    const completion = fake.provider<Monaco.languages.CompletionItemProvider>("CompletionItem");
    const list = await completion.provideCompletionItems(
      model as never,
      { lineNumber: 2, column: 1 } as never,
      {} as never,
      {} as never,
    );
    const run = list?.suggestions.find((s) => s.label === "RUN command");
    expect(run).toMatchObject({
      insertText: "RUN ${1:command}",
      insertTextRules: 4, // InsertAsSnippet
      kind: 17, // Keyword
      range: { startLineNumber: 2, startColumn: 1, endLineNumber: 2, endColumn: 1 },
    });
    expect(list?.suggestions.map((s) => s.label)).toContain("FROM baseImage");
    const resolved = await completion.resolveCompletionItem!(run!, {} as never);
    expect((resolved?.documentation as Monaco.IMarkdownString).value).toContain(
      "Execute any commands",
    );
  });

  it("hovers instructions with their Markdown documentation", async () => {
    registration = registerDockerfileIntelligence(fake.api);
    const model: FakeModel = createModel("FROM alpine\n");
    const hover = fake.provider<Monaco.languages.HoverProvider>("Hover");
    const result = await hover.provideHover(
      model as never,
      { lineNumber: 1, column: 2 } as never,
      {} as never,
    );
    expect(result?.contents[0]?.value).toContain("Set the `baseImage`");
  });
});

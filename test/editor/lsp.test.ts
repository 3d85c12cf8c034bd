import { describe, expect, it } from "vitest";
import {
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  DocumentHighlightKind,
  InsertTextFormat,
  SymbolKind,
} from "vscode-languageserver-types";
import {
  escapeMarkdown,
  fromMonacoPosition,
  fromMonacoRange,
  toCompletionItem,
  toCompletionItemKind,
  toDocumentHighlight,
  toDocumentSymbol,
  toFoldingRange,
  toHover,
  toMarkerData,
  toMarkerSeverity,
  toMonacoPosition,
  toMonacoRange,
  toSignatureHelp,
  toTextEdit,
} from "../../src/editor/lsp.ts";

// Monaco's documented enum values (monaco-editor/editor), so the test needs no DOM.
const MarkerSeverity = { Hint: 1, Info: 2, Warning: 4, Error: 8 };
const MonacoKind = { Method: 0, Function: 1, Field: 3, Keyword: 17, Text: 18, Snippet: 28 };
const INSERT_AS_SNIPPET = 4;

const lspRange = (sl: number, sc: number, el: number, ec: number) => ({
  start: { line: sl, character: sc },
  end: { line: el, character: ec },
});
const wordRange = { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 };

describe("positions and ranges", () => {
  it("turn 0-based LSP positions into 1-based Monaco ones and back", () => {
    expect(toMonacoPosition({ line: 0, character: 0 })).toEqual({ lineNumber: 1, column: 1 });
    expect(toMonacoPosition({ line: 4, character: 7 })).toEqual({ lineNumber: 5, column: 8 });
    expect(fromMonacoPosition({ lineNumber: 5, column: 8 })).toEqual({ line: 4, character: 7 });
  });

  it("keep ranges end-exclusive on both sides", () => {
    const monaco = toMonacoRange(lspRange(1, 0, 1, 4));
    expect(monaco).toEqual({ startLineNumber: 2, startColumn: 1, endLineNumber: 2, endColumn: 5 });
    expect(fromMonacoRange(monaco)).toEqual(lspRange(1, 0, 1, 4));
  });
});

describe("diagnostics", () => {
  it("map every LSP severity onto Monaco's MarkerSeverity", () => {
    expect(toMarkerSeverity(DiagnosticSeverity.Error)).toBe(MarkerSeverity.Error);
    expect(toMarkerSeverity(DiagnosticSeverity.Warning)).toBe(MarkerSeverity.Warning);
    expect(toMarkerSeverity(DiagnosticSeverity.Information)).toBe(MarkerSeverity.Info);
    expect(toMarkerSeverity(DiagnosticSeverity.Hint)).toBe(MarkerSeverity.Hint);
    expect(toMarkerSeverity(undefined)).toBe(MarkerSeverity.Error);
  });

  it("become markers with a 1-based range, message, source, code and tags", () => {
    const marker = toMarkerData({
      range: lspRange(2, 4, 2, 9),
      severity: DiagnosticSeverity.Warning,
      message: "Deprecated: MAINTAINER",
      source: "dockerfile-utils",
      code: 17,
      tags: [DiagnosticTag.Deprecated],
    });
    expect(marker).toEqual({
      startLineNumber: 3,
      startColumn: 5,
      endLineNumber: 3,
      endColumn: 10,
      severity: MarkerSeverity.Warning,
      message: "Deprecated: MAINTAINER",
      source: "dockerfile-utils",
      code: "17",
      tags: [2],
    });
  });

  it("show a Markdown message (LSP 3.18) as its text", () => {
    const marker = toMarkerData({
      range: lspRange(0, 0, 0, 1),
      message: { kind: "markdown", value: "Use `COPY`" },
    });
    expect(marker.message).toBe("Use `COPY`");
  });
});

describe("completion", () => {
  it("maps LSP completion kinds onto Monaco's different numbering", () => {
    expect(toCompletionItemKind(CompletionItemKind.Keyword)).toBe(MonacoKind.Keyword);
    expect(toCompletionItemKind(CompletionItemKind.Method)).toBe(MonacoKind.Method);
    expect(toCompletionItemKind(CompletionItemKind.Function)).toBe(MonacoKind.Function);
    expect(toCompletionItemKind(CompletionItemKind.Field)).toBe(MonacoKind.Field);
    expect(toCompletionItemKind(CompletionItemKind.Snippet)).toBe(MonacoKind.Snippet);
    expect(toCompletionItemKind(CompletionItemKind.Text)).toBe(MonacoKind.Text);
    expect(toCompletionItemKind(undefined)).toBe(MonacoKind.Text);
    expect(toCompletionItemKind(99)).toBe(MonacoKind.Text);
  });

  it("marks snippet-format items as snippets and uses the text edit's range", () => {
    const item = toCompletionItem(
      {
        label: "RUN command",
        kind: CompletionItemKind.Keyword,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: lspRange(1, 0, 1, 2), newText: "RUN ${1:command}" },
      },
      wordRange,
    );
    expect(item).toMatchObject({
      label: "RUN command",
      kind: MonacoKind.Keyword,
      insertText: "RUN ${1:command}",
      insertTextRules: INSERT_AS_SNIPPET,
      range: { startLineNumber: 2, startColumn: 1, endLineNumber: 2, endColumn: 3 },
    });
  });

  it("inserts plain text over the word at the cursor when the item has no edit", () => {
    const item = toCompletionItem({ label: "alpine", insertText: "alpine:3.20" }, wordRange);
    expect(item.insertText).toBe("alpine:3.20");
    expect(item.insertTextRules).toBeUndefined();
    expect(item.range).toBe(wordRange);
    expect(toCompletionItem({ label: "FROM" }, wordRange).insertText).toBe("FROM");
  });

  it("keeps insert/replace ranges, documentation, sort order and deprecation", () => {
    const item = toCompletionItem(
      {
        label: "--chown",
        textEdit: {
          newText: "--chown=",
          insert: lspRange(0, 5, 0, 7),
          replace: lspRange(0, 5, 0, 12),
        },
        documentation: { kind: "markdown", value: "**owner**" },
        sortText: "b",
        deprecated: true,
        additionalTextEdits: [{ range: lspRange(0, 0, 0, 0), newText: "# x\n" }],
        command: { title: "Suggest", command: "editor.action.triggerSuggest" },
      },
      wordRange,
    );
    expect(item.range).toEqual({
      insert: { startLineNumber: 1, startColumn: 6, endLineNumber: 1, endColumn: 8 },
      replace: { startLineNumber: 1, startColumn: 6, endLineNumber: 1, endColumn: 13 },
    });
    expect(item.documentation).toEqual({ value: "**owner**" });
    expect(item.sortText).toBe("b");
    expect(item.tags).toEqual([1]);
    expect(item.additionalTextEdits).toEqual([
      {
        range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 },
        text: "# x\n",
      },
    ]);
    expect(item.command).toEqual({ id: "editor.action.triggerSuggest", title: "Suggest" });
  });
});

describe("hover", () => {
  it("passes Markdown through and keeps the range", () => {
    const hover = toHover({
      contents: { kind: "markdown", value: "Set the `baseImage`." },
      range: lspRange(0, 0, 0, 4),
    });
    expect(hover).toEqual({
      contents: [{ value: "Set the `baseImage`." }],
      range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 5 },
    });
  });

  it("escapes plain text and fences language-tagged strings", () => {
    const hover = toHover({
      contents: [
        { kind: "plaintext", value: "a*b_c" } as never,
        { language: "dockerfile", value: "FROM alpine" },
        "plain **md**",
      ],
    });
    expect(hover.contents).toEqual([
      { value: "a\\*b\\_c" },
      { value: "```dockerfile\nFROM alpine\n```" },
      { value: "plain **md**" },
    ]);
    expect(escapeMarkdown("line 1\n# not a heading")).toBe("line 1  \n\\# not a heading");
  });
});

describe("other results", () => {
  it("converts text edits, folding ranges and highlights", () => {
    expect(toTextEdit({ range: lspRange(1, 0, 1, 2), newText: "" })).toEqual({
      range: { startLineNumber: 2, startColumn: 1, endLineNumber: 2, endColumn: 3 },
      text: "",
    });
    expect(toFoldingRange({ startLine: 1, endLine: 3 })).toEqual({ start: 2, end: 4 });
    expect(
      toFoldingRange({ startLine: 0, endLine: 2, kind: "comment" }, (k) => `kind:${k}`),
    ).toEqual({ start: 1, end: 3, kind: "kind:comment" });
    expect(
      toDocumentHighlight({ range: lspRange(0, 15, 0, 20), kind: DocumentHighlightKind.Write }),
    ).toEqual({
      range: { startLineNumber: 1, startColumn: 16, endLineNumber: 1, endColumn: 21 },
      kind: 2,
    });
    expect(toDocumentHighlight({ range: lspRange(0, 0, 0, 1) }).kind).toBe(0);
  });

  it("turns flat symbols into outline entries (SymbolKind is 1-based in LSP)", () => {
    const symbol = toDocumentSymbol({
      name: "FROM",
      kind: SymbolKind.Function,
      location: { uri: "file:///workspace/Dockerfile", range: lspRange(0, 0, 0, 4) },
    });
    expect(symbol).toEqual({
      name: "FROM",
      detail: "",
      kind: 11, // Monaco's SymbolKind.Function
      tags: [],
      range: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 5 },
      selectionRange: { startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 5 },
    });
  });

  it("fills in signature help's active indices and documentation", () => {
    const help = toSignatureHelp({
      signatures: [
        {
          label: "COPY [flags] source ... dest",
          documentation: "Copy new files.",
          parameters: [{ label: "[flags]", documentation: { kind: "markdown", value: "*opt*" } }],
        },
      ],
    });
    expect(help).toEqual({
      activeSignature: 0,
      activeParameter: 0,
      signatures: [
        {
          label: "COPY [flags] source ... dest",
          documentation: "Copy new files.",
          parameters: [{ label: "[flags]", documentation: { value: "*opt*" } }],
        },
      ],
    });
  });
});

/**
 * Pure conversions from Language Server Protocol types to Monaco's.
 *
 * LSP positions are 0-based (line, character); Monaco's are 1-based
 * (lineNumber, column). Monaco's enums are written here as the numbers its
 * API documents, so this module only imports Monaco's *types* and runs in
 * Node unit tests without loading the editor.
 */
import type {
  IMarkdownString,
  IPosition,
  IRange,
  MarkerSeverity,
  MarkerTag,
  editor,
  languages,
} from "monaco-editor/editor";
import type {
  Command as LspCommand,
  CompletionItem as LspCompletionItem,
  Diagnostic,
  DocumentHighlight as LspDocumentHighlight,
  DocumentSymbol as LspDocumentSymbol,
  FoldingRange as LspFoldingRange,
  Hover as LspHover,
  MarkedString,
  MarkupContent,
  Position as LspPosition,
  Range as LspRange,
  SignatureHelp as LspSignatureHelp,
  SymbolInformation,
  TextEdit as LspTextEdit,
} from "vscode-languageserver-types";

// LSP enum values (vscode-languageserver-types), spelled out to keep this module type-only.
const LSP_SEVERITY_ERROR = 1;
const LSP_INSERT_TEXT_FORMAT_SNIPPET = 2;
const LSP_INSERT_TEXT_MODE_ADJUST_INDENTATION = 2;
const LSP_COMPLETION_TAG_DEPRECATED = 1;
const LSP_SYMBOL_TAG_DEPRECATED = 1;

/** Monaco's MarkerSeverity by LSP DiagnosticSeverity (Error 1 … Hint 4). */
const MARKER_SEVERITY: Record<number, MarkerSeverity> = {
  1: 8 satisfies MarkerSeverity.Error,
  2: 4 satisfies MarkerSeverity.Warning,
  3: 2 satisfies MarkerSeverity.Info,
  4: 1 satisfies MarkerSeverity.Hint,
};

/** Monaco's MarkerTag by LSP DiagnosticTag: both number Unnecessary 1, Deprecated 2. */
const MARKER_TAGS = new Set<number>([1, 2]);

/**
 * Monaco's CompletionItemKind (Method 0 … Snippet 28) by LSP's (Text 1 …
 * TypeParameter 25): the two enums list the same kinds in different orders.
 */
const COMPLETION_KIND: Record<number, languages.CompletionItemKind> = {
  1: 18, // Text
  2: 0, // Method
  3: 1, // Function
  4: 2, // Constructor
  5: 3, // Field
  6: 4, // Variable
  7: 5, // Class
  8: 7, // Interface
  9: 8, // Module
  10: 9, // Property
  11: 12, // Unit
  12: 13, // Value
  13: 15, // Enum
  14: 17, // Keyword
  15: 28, // Snippet
  16: 19, // Color
  17: 20, // File
  18: 21, // Reference
  19: 23, // Folder
  20: 16, // EnumMember
  21: 14, // Constant
  22: 6, // Struct
  23: 10, // Event
  24: 11, // Operator
  25: 24, // TypeParameter
};
const COMPLETION_KIND_TEXT = 18 satisfies languages.CompletionItemKind.Text;
const INSERT_AS_SNIPPET = 4 satisfies languages.CompletionItemInsertTextRule.InsertAsSnippet;
const KEEP_WHITESPACE = 1 satisfies languages.CompletionItemInsertTextRule.KeepWhitespace;

/** A 0-based LSP position as a 1-based Monaco position. */
export function toMonacoPosition(position: LspPosition): IPosition {
  return { lineNumber: position.line + 1, column: position.character + 1 };
}

/** A 1-based Monaco position as a 0-based LSP position. */
export function fromMonacoPosition(position: IPosition): LspPosition {
  return { line: position.lineNumber - 1, character: position.column - 1 };
}

/** A 0-based, end-exclusive LSP range as a 1-based, end-exclusive Monaco range. */
export function toMonacoRange(range: LspRange): IRange {
  return {
    startLineNumber: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLineNumber: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A Monaco range as an LSP range. */
export function fromMonacoRange(range: IRange): LspRange {
  return {
    start: { line: range.startLineNumber - 1, character: range.startColumn - 1 },
    end: { line: range.endLineNumber - 1, character: range.endColumn - 1 },
  };
}

/** Monaco's MarkerSeverity for an LSP severity; a missing severity counts as an error. */
export function toMarkerSeverity(severity: number | undefined): MarkerSeverity {
  return MARKER_SEVERITY[severity ?? LSP_SEVERITY_ERROR] ?? MARKER_SEVERITY[LSP_SEVERITY_ERROR]!;
}

/** An LSP diagnostic as a Monaco marker (for `editor.setModelMarkers`). */
export function toMarkerData(diagnostic: Diagnostic): editor.IMarkerData {
  const tags = (diagnostic.tags ?? []).filter((tag) => MARKER_TAGS.has(tag)) as number[];
  return {
    ...toMonacoRange(diagnostic.range),
    severity: toMarkerSeverity(diagnostic.severity),
    // LSP 3.18 allows Markdown messages; markers show plain text.
    message: typeof diagnostic.message === "string" ? diagnostic.message : diagnostic.message.value,
    ...(diagnostic.source !== undefined && { source: diagnostic.source }),
    ...(diagnostic.code !== undefined && { code: String(diagnostic.code) }),
    ...(tags.length > 0 && { tags: tags as MarkerTag[] }),
  };
}

/** Escapes text so Markdown renders it literally (line breaks kept). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, "\\$&").replace(/\n/g, "  \n");
}

/**
 * LSP documentation (a string is plain text) as Monaco documentation: plain
 * text stays a string, Markdown becomes an untrusted IMarkdownString.
 */
export function toDocumentation(
  doc: string | MarkupContent | undefined,
): string | IMarkdownString | undefined {
  if (doc === undefined || typeof doc === "string") return doc;
  return doc.kind === "markdown" ? { value: doc.value } : doc.value;
}

/** One piece of LSP hover content as Markdown. */
export function toMarkdownString(content: MarkedString | MarkupContent): IMarkdownString {
  if (typeof content === "string") return { value: content };
  if ("kind" in content) {
    return { value: content.kind === "markdown" ? content.value : escapeMarkdown(content.value) };
  }
  return { value: "```" + content.language + "\n" + content.value + "\n```" };
}

/** An LSP hover as a Monaco hover. */
export function toHover(hover: LspHover): languages.Hover {
  const contents = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return {
    contents: contents.map(toMarkdownString),
    ...(hover.range && { range: toMonacoRange(hover.range) }),
  };
}

/** Monaco's CompletionItemKind for an LSP one; unknown or missing kinds are Text. */
export function toCompletionItemKind(kind: number | undefined): languages.CompletionItemKind {
  return (kind === undefined ? undefined : COMPLETION_KIND[kind]) ?? COMPLETION_KIND_TEXT;
}

/** An LSP command as a Monaco command. */
export function toCommand(command: LspCommand): languages.Command {
  return {
    id: command.command,
    title: command.title,
    ...(command.arguments && { arguments: command.arguments }),
  };
}

/** An LSP text edit as a Monaco text edit. */
export function toTextEdit(edit: LspTextEdit): languages.TextEdit {
  return { range: toMonacoRange(edit.range), text: edit.newText };
}

/**
 * An LSP completion item as a Monaco one. `defaultRange` is what the item
 * replaces when it carries no text edit of its own (Monaco's convention: the
 * word before the cursor). Snippet-format items get Monaco's InsertAsSnippet
 * rule so `${1:placeholder}` tab stops work.
 */
export function toCompletionItem(
  item: LspCompletionItem,
  defaultRange: IRange,
): languages.CompletionItem {
  const edit = item.textEdit;
  let range: IRange | languages.CompletionItemRanges = defaultRange;
  if (edit && "range" in edit) range = toMonacoRange(edit.range);
  else if (edit)
    range = { insert: toMonacoRange(edit.insert), replace: toMonacoRange(edit.replace) };
  let rules = 0;
  if (item.insertTextFormat === LSP_INSERT_TEXT_FORMAT_SNIPPET) rules |= INSERT_AS_SNIPPET;
  if (item.insertTextMode === LSP_INSERT_TEXT_MODE_ADJUST_INDENTATION) rules |= KEEP_WHITESPACE;
  const deprecated = item.deprecated || item.tags?.includes(LSP_COMPLETION_TAG_DEPRECATED);
  const documentation = toDocumentation(item.documentation);
  return {
    label: item.labelDetails ? { label: item.label, ...item.labelDetails } : item.label,
    kind: toCompletionItemKind(item.kind),
    insertText: edit?.newText ?? item.insertText ?? item.label,
    range,
    ...(rules !== 0 && { insertTextRules: rules }),
    ...(deprecated && { tags: [LSP_COMPLETION_TAG_DEPRECATED] }),
    ...(item.detail !== undefined && { detail: item.detail }),
    ...(documentation !== undefined && { documentation }),
    ...(item.sortText !== undefined && { sortText: item.sortText }),
    ...(item.filterText !== undefined && { filterText: item.filterText }),
    ...(item.preselect !== undefined && { preselect: item.preselect }),
    ...(item.commitCharacters && { commitCharacters: item.commitCharacters }),
    ...(item.additionalTextEdits && {
      additionalTextEdits: item.additionalTextEdits.map(toTextEdit),
    }),
    ...(item.command && { command: toCommand(item.command) }),
  };
}

/** LSP signature help as Monaco's (which requires the active indices). */
export function toSignatureHelp(help: LspSignatureHelp): languages.SignatureHelp {
  return {
    activeSignature: help.activeSignature ?? 0,
    activeParameter: help.activeParameter ?? 0,
    signatures: help.signatures.map((signature) => {
      const documentation = toDocumentation(signature.documentation);
      return {
        label: signature.label,
        ...(documentation !== undefined && { documentation }),
        ...(typeof signature.activeParameter === "number" && {
          activeParameter: signature.activeParameter,
        }),
        parameters: (signature.parameters ?? []).map((parameter) => {
          const doc = toDocumentation(parameter.documentation);
          return { label: parameter.label, ...(doc !== undefined && { documentation: doc }) };
        }),
      };
    }),
  };
}

/**
 * An LSP folding range as Monaco's (both end-inclusive lines). `kindOf` makes
 * Monaco's FoldingRangeKind (a runtime class) from LSP's kind string.
 */
export function toFoldingRange<Kind>(
  range: LspFoldingRange,
  kindOf?: (kind: string) => Kind,
): { start: number; end: number; kind?: Kind } {
  return {
    start: range.startLine + 1,
    end: range.endLine + 1,
    ...(range.kind !== undefined && kindOf && { kind: kindOf(range.kind) }),
  };
}

/** An LSP document highlight as Monaco's (kinds Text/Read/Write are 1-based in LSP). */
export function toDocumentHighlight(highlight: LspDocumentHighlight): languages.DocumentHighlight {
  return {
    range: toMonacoRange(highlight.range),
    kind: ((highlight.kind ?? 1) - 1) as languages.DocumentHighlightKind,
  };
}

/** A flat or hierarchical LSP symbol as a Monaco outline symbol (SymbolKind is 1-based in LSP). */
export function toDocumentSymbol(
  symbol: SymbolInformation | LspDocumentSymbol,
): languages.DocumentSymbol {
  const deprecated = symbol.deprecated || symbol.tags?.includes(LSP_SYMBOL_TAG_DEPRECATED);
  const common = {
    name: symbol.name,
    kind: (symbol.kind - 1) as languages.SymbolKind,
    tags: deprecated ? [LSP_SYMBOL_TAG_DEPRECATED] : [],
  };
  if ("location" in symbol) {
    const range = toMonacoRange(symbol.location.range);
    return {
      ...common,
      detail: "",
      range,
      selectionRange: range,
      ...(symbol.containerName !== undefined && { containerName: symbol.containerName }),
    };
  }
  return {
    ...common,
    detail: symbol.detail ?? "",
    range: toMonacoRange(symbol.range),
    selectionRange: toMonacoRange(symbol.selectionRange),
    ...(symbol.children && { children: symbol.children.map(toDocumentSymbol) }),
  };
}

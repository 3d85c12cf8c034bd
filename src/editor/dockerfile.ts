/**
 * Dockerfile intelligence in Monaco from dockerfile-language-service (the
 * library behind the Dockerfile language server), run on the main thread: it
 * is pure parsing, and Dockerfiles are small.
 */
import type * as Monaco from "monaco-editor/editor";
import type { DockerfileLanguageService } from "dockerfile-language-service";
import type { CompletionItem as LspCompletionItem } from "vscode-languageserver-types";
import {
  fromMonacoPosition,
  fromMonacoRange,
  toCompletionItem,
  toDocumentation,
  toDocumentHighlight,
  toDocumentSymbol,
  toFoldingRange,
  toHover,
  toSignatureHelp,
  toTextEdit,
} from "./lsp.ts";
import { createDockerfileService } from "./dockerfileService.ts";
import { VALIDATE_DELAY_MS, watchMarkers } from "./watchMarkers.ts";

type MonacoApi = typeof Monaco;

const LANGUAGE = "dockerfile";
const registrations = new WeakMap<MonacoApi, Monaco.IDisposable>();

/**
 * Registers diagnostics (markers, re-validated `VALIDATE_DELAY_MS` after the
 * last change), completion, hover, signature help, folding, highlights,
 * outline and formatting for the `dockerfile` language. Idempotent per Monaco
 * instance: a second call returns the first registration; disposing it
 * removes every provider and marker so a later call registers afresh.
 */
export function registerDockerfileIntelligence(monaco: MonacoApi): Monaco.IDisposable {
  const existing = registrations.get(monaco);
  if (existing) return existing;
  const service = createDockerfileService();
  const disposables = [
    watchMarkers(monaco, LANGUAGE, (text) => service.validate(text), VALIDATE_DELAY_MS),
    ...registerProviders(monaco, service),
  ];
  const registration = {
    dispose() {
      if (registrations.get(monaco) !== registration) return;
      registrations.delete(monaco);
      for (const disposable of disposables) disposable.dispose();
    },
  };
  registrations.set(monaco, registration);
  return registration;
}

function registerProviders(
  monaco: MonacoApi,
  service: DockerfileLanguageService,
): Monaco.IDisposable[] {
  const { languages } = monaco;
  // The service documents a completion item lazily, from the LSP item it made.
  const origins = new WeakMap<Monaco.languages.CompletionItem, LspCompletionItem>();
  const text = (model: Monaco.editor.ITextModel) => model.getValue();
  const formatting = (options: Monaco.languages.FormattingOptions) => ({
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
  });

  return [
    languages.registerCompletionItemProvider(LANGUAGE, {
      triggerCharacters: ["=", " ", "$", "-"],
      async provideCompletionItems(model, position) {
        const word = model.getWordUntilPosition(position);
        const range = {
          startLineNumber: position.lineNumber,
          endLineNumber: position.lineNumber,
          startColumn: word.startColumn,
          endColumn: word.endColumn,
        };
        const items = await service.computeCompletionItems(
          text(model),
          fromMonacoPosition(position),
        );
        const suggestions = items.map((item) => {
          const suggestion = toCompletionItem(item, range);
          origins.set(suggestion, item);
          return suggestion;
        });
        return { suggestions };
      },
      resolveCompletionItem(suggestion) {
        const item = origins.get(suggestion);
        if (!item || suggestion.documentation !== undefined) return suggestion;
        const documentation = toDocumentation(service.resolveCompletionItem(item).documentation);
        return documentation === undefined ? suggestion : { ...suggestion, documentation };
      },
    }),
    languages.registerHoverProvider(LANGUAGE, {
      provideHover(model, position) {
        const hover = service.computeHover(text(model), fromMonacoPosition(position));
        return hover ? toHover(hover) : null;
      },
    }),
    languages.registerSignatureHelpProvider(LANGUAGE, {
      signatureHelpTriggerCharacters: [" ", "-", "=", "[", ","],
      provideSignatureHelp(model, position) {
        const help = service.computeSignatureHelp(text(model), fromMonacoPosition(position));
        if (!help || help.signatures.length === 0) return null;
        return { value: toSignatureHelp(help), dispose() {} };
      },
    }),
    languages.registerFoldingRangeProvider(LANGUAGE, {
      provideFoldingRanges(model) {
        return service
          .computeFoldingRanges(text(model))
          .map((range) => toFoldingRange(range, languages.FoldingRangeKind.fromValue));
      },
    }),
    languages.registerDocumentHighlightProvider(LANGUAGE, {
      provideDocumentHighlights(model, position) {
        return service
          .computeHighlightRanges(text(model), fromMonacoPosition(position))
          .map(toDocumentHighlight);
      },
    }),
    languages.registerDocumentSymbolProvider(LANGUAGE, {
      displayName: "Dockerfile",
      provideDocumentSymbols(model) {
        return service
          .computeSymbols({ uri: model.uri.toString() }, text(model))
          .map(toDocumentSymbol);
      },
    }),
    languages.registerDocumentFormattingEditProvider(LANGUAGE, {
      displayName: "Dockerfile",
      provideDocumentFormattingEdits(model, options) {
        return service.format(text(model), formatting(options)).map(toTextEdit);
      },
    }),
    languages.registerDocumentRangeFormattingEditProvider(LANGUAGE, {
      displayName: "Dockerfile",
      provideDocumentRangeFormattingEdits(model, range, options) {
        return service
          .formatRange(text(model), fromMonacoRange(range), formatting(options))
          .map(toTextEdit);
      },
    }),
  ];
}

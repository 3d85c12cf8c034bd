/**
 * Monaco, assembled for this app: the bare editor API (monaco-editor ≥ 0.56's
 * tree-shakeable `monaco-editor/editor` entry), the editor features, and only
 * the languages workspace files need (not the ~80 of `monaco-editor`). Importing this module is
 * what costs the megabytes: load it with loadEditor() so the page paints
 * first.
 */
import * as monaco from "monaco-editor/editor";

// Every editor feature. A curated list would not stay lean: JSON's language
// service (languages/features/json → internal/common/workers.js) imports all
// of them anyway, and when that lazy chunk arrives after an editor exists,
// features whose services register late (code lens, drag and drop) break
// every editor created afterwards ("depends on UNKNOWN service").
import "monaco-editor/features/register.all";

// Tokenizers (each loads its grammar lazily) and JSON's language service.
import "monaco-editor/languages/definitions/dockerfile/register";
import "monaco-editor/languages/definitions/shell/register";
import "monaco-editor/languages/definitions/yaml/register";
import "monaco-editor/languages/definitions/python/register";
import "monaco-editor/languages/definitions/markdown/register";
import "monaco-editor/languages/definitions/ini/register";
import "monaco-editor/languages/features/json/register";

import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import JsonWorker from "monaco-editor/language/json/json.worker?worker";
import YamlWorker from "./yaml.worker.ts?worker";

import { registerDockerfileIntelligence } from "./dockerfile.ts";
import { registerIgnoreLanguage } from "./ignoreLanguage.ts";
import { bindMonaco } from "./models.ts";
import { registerYamlIntelligence, YAML_WORKER_LABEL } from "./yaml.ts";

// Monaco asks for a worker by label: "json" for the JSON language service,
// "yaml" for monaco-yaml's (yaml.ts), "editorWorkerService" (diffs, word
// suggestions, links) for everything else. Vite bundles each `?worker` import
// as its own module worker; each starts when its language is first used.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === "json") return new JsonWorker({ name: "monaco-json" });
    if (label === YAML_WORKER_LABEL) return new YamlWorker({ name: "monaco-yaml" });
    return new EditorWorker({ name: `monaco-${label}` });
  },
};

registerIgnoreLanguage(monaco);
registerDockerfileIntelligence(monaco);
registerYamlIntelligence(monaco);
bindMonaco(monaco);

/**
 * Switches every editor between the built-in light (`vs`) and dark
 * (`vs-dark`) themes; the app follows `prefers-color-scheme`.
 */
export function setEditorTheme(dark: boolean): void {
  monaco.editor.setTheme(dark ? "vs-dark" : "vs");
}

export { monaco };

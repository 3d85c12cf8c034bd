/**
 * YAML intelligence in Monaco from monaco-yaml (yaml-language-server in a
 * worker): syntax errors as markers in every YAML file and, in Compose files,
 * validation, completion and hover docs from the Compose specification's
 * schema.
 */
import type * as Monaco from "monaco-editor/editor";
import { configureMonacoYaml, type MonacoYaml } from "monaco-yaml";
import { COMPOSE_FILE_GLOBS } from "./composeFiles.ts";
import { COMPOSE_SCHEMA, COMPOSE_SCHEMA_URI } from "./composeSchema.ts";
import { withLegacyWebWorker } from "./legacyWebWorker.ts";

type MonacoApi = typeof Monaco;

/** The worker label monaco-yaml asks MonacoEnvironment.getWorker for. */
export const YAML_WORKER_LABEL = "yaml";

const registrations = new WeakMap<MonacoApi, Monaco.IDisposable>();

/**
 * Registers monaco-yaml for the `yaml` language, with the bundled Compose
 * schema for the files of COMPOSE_FILE_GLOBS. Its worker comes from
 * `MonacoEnvironment.getWorker(…, "yaml")`, started on first use. Idempotent
 * per Monaco instance (monaco-yaml allows one configuration at a time):
 * a second call returns the first registration; disposing it removes the
 * providers, the markers and the worker.
 */
export function registerYamlIntelligence(monaco: MonacoApi): Monaco.IDisposable {
  const existing = registrations.get(monaco);
  if (existing) return existing;
  // monaco-types, behind monaco-yaml's types, looks for Monaco's types at a
  // path monaco-editor >= 0.55 no longer exports: the types lose `dispose`.
  const yaml = configureMonacoYaml(withLegacyWebWorker(monaco), {
    // The schema is bundled: never look for one over the network (the guest has none).
    enableSchemaRequest: false,
    // Its source is no page a learner can open; the hover's description is what helps.
    hoverSchemaSource: false,
    schemas: [
      { uri: COMPOSE_SCHEMA_URI, fileMatch: [...COMPOSE_FILE_GLOBS], schema: COMPOSE_SCHEMA },
    ],
  }) as MonacoYaml & Monaco.IDisposable;
  const registration = {
    dispose() {
      if (registrations.get(monaco) !== registration) return;
      registrations.delete(monaco);
      yaml.dispose();
    },
  };
  registrations.set(monaco, registration);
  return registration;
}

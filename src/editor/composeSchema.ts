/**
 * The Compose specification's JSON schema (compose-spec/compose-spec,
 * `schema/compose-spec.json`), bundled with the editor: the learner's guest
 * has no network and the browser is often offline, so it is never fetched.
 *
 * It comes from the `dclint` package (Docker Compose linter), which keeps an
 * unmodified copy of the upstream schema in `schemas/compose.schema.json`
 * (in dclint 3.1.0: the specification as of July 2025, with `models`,
 * `develop`, `include`, `provider`). The package's `exports` map names no
 * schema, so the file is imported by path, as dclint's README points to it.
 *
 * Kept free of Monaco imports so unit tests can read it.
 */
import type { JSONSchema } from "monaco-yaml";
import schema from "../../node_modules/dclint/schemas/compose.schema.json";

/**
 * The name monaco-yaml files the schema under. Never fetched: the schema is
 * handed over whole, and the YAML worker's schema requests are off (yaml.ts).
 */
export const COMPOSE_SCHEMA_URI = "file:///schemas/compose-spec.json";

/** The Compose specification's JSON schema (draft-07), as published upstream. */
export const COMPOSE_SCHEMA: JSONSchema = schema;

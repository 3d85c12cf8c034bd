import type { z } from "zod";
import { checkKinds } from "./checkKinds.ts";
import { checkSchema, type Check } from "./checkSchema.ts";

/** A validated check, or every problem found, each starting with the path of its field. */
export type ParseCheckResult = { ok: true; check: Check } | { ok: false; problems: string[] };

/**
 * Validate one check definition (e.g. from a lesson's frontmatter). Each
 * problem names the field by its path under `at`, e.g. `steps[1].checks[0].
 * ports[0].container: expected number or string, got boolean`, so an author
 * can fix them all in one go.
 */
export function parseCheck(input: unknown, at = "check"): ParseCheckResult {
  const result = checkSchema.safeParse(input);
  if (result.success) return { ok: true, check: result.data };
  return { ok: false, problems: zodProblems(result.error.issues, at, input) };
}

/**
 * One actionable line per zod issue, each starting with the field's path
 * under `at`. Shared with the lesson schema (src/content), whose steps hold
 * checks, so an author reads the same kind of message everywhere.
 */
export function zodProblems(
  issues: readonly z.core.$ZodIssue[],
  at: string,
  input: unknown,
): string[] {
  return issues.flatMap((issue) => describeIssue(issue, at, input));
}

type Path = readonly PropertyKey[];

function joinPath(at: string, path: Path): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    at,
  );
}

function describeIssue(issue: z.core.$ZodIssue, at: string, input: unknown): string[] {
  const where = joinPath(at, issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map(
        (key) => `${joinPath(where, [key])}: unknown field${knownFields(input, issue.path)}`,
      );
    case "invalid_key":
    case "invalid_element":
      return issue.issues.flatMap((inner) =>
        describeIssue(inner, where, valueAt(input, issue.path)),
      );
    case "invalid_union": {
      if (issue.errors.length === 0) return [`${where}: ${issue.message}`];
      // Report the branch that got furthest; if none did, say which types fit.
      const deeper = issue.errors.find((branch) =>
        branch.some((i) => i.path.length > 0 || i.code !== "invalid_type"),
      );
      if (deeper)
        return deeper.flatMap((inner) => describeIssue(inner, where, valueAt(input, issue.path)));
      const expected = issue.errors.flatMap((branch) =>
        branch.flatMap((i) => (i.code === "invalid_type" ? [String(i.expected)] : [])),
      );
      return [
        `${where}: expected ${[...new Set(expected)].join(" or ")}, got ${typeName(valueAt(input, issue.path))}`,
      ];
    }
    case "invalid_type": {
      const value = valueAt(input, issue.path);
      // YAML reads `hint: use -p host: container` as a mapping: say how to write text.
      const quote =
        issue.expected === "string" &&
        value !== null &&
        typeof value === "object" &&
        !Array.isArray(value)
          ? ' (text containing ": " must be quoted, e.g. "Use -p 8080:80")'
          : "";
      return [
        value === undefined && input !== undefined
          ? `${where}: missing (expected ${issue.expected})`
          : `${where}: expected ${issue.expected}, got ${typeName(value)}${quote}`,
      ];
    }
    case "too_small":
      if (issue.origin === "string" && issue.minimum === 1) return [`${where}: must not be empty`];
      return [`${where}: ${issue.message}`];
    default:
      return [`${where}: ${issue.message.replace(/^Invalid input: /, "")}`];
  }
}

/** " (image checks have: kind, title, …)" when the path is a check's top level. */
function knownFields(input: unknown, path: Path): string {
  if (path.length > 0) return "";
  const kind = valueAt(input, ["kind"]);
  const schema =
    typeof kind === "string" ? checkKinds[kind as keyof typeof checkKinds]?.schema : undefined;
  return schema ? ` (${kind} checks have: ${Object.keys(schema.shape).join(", ")})` : "";
}

function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : `${typeof value} ${JSON.stringify(value)}`;
}

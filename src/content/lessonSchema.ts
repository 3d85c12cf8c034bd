/**
 * The lesson frontmatter schema: every field is declared once, here, with the
 * description authors read. A new field starts in this file (type, schema
 * entry, test), and the compiler keeps the two in step.
 */

/** What a lesson's frontmatter holds once validated. */
export interface LessonFrontmatter {
  title: string;
  order: number;
  summary?: string;
  image?: string;
}

/** How one field is declared: its JS type, whether it is required, and what it means. */
export interface FieldSpec<T> {
  type: NonNullable<T> extends number ? "number" : "string";
  required: undefined extends T ? false : true;
  description: string;
  /** A rule beyond the type. Returns what is wrong (completing "field X …"), or undefined. */
  check?: (value: NonNullable<T>) => string | undefined;
}

/** A field spec with its value type erased, for code that walks all fields. */
interface AnyFieldSpec {
  type: "string" | "number";
  required: boolean;
  description: string;
  check?: (value: never) => string | undefined;
}

/** One entry per frontmatter field, no more, no less (checked by the compiler). */
export type FrontmatterSchema = {
  [K in keyof LessonFrontmatter]-?: FieldSpec<LessonFrontmatter[K]>;
};

// A Docker reference without registry or digest: it is pasted into
// `docker build -t <image> .` in the learner's terminal, so it must never
// carry shell syntax.
const NAME_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const IMAGE_REFERENCE = new RegExp(
  `^${NAME_COMPONENT}(?:/${NAME_COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$`,
);

/** The frontmatter fields a lesson may declare. */
export const frontmatterSchema: FrontmatterSchema = {
  title: {
    type: "string",
    required: true,
    description: "Lesson title, shown in the lesson list and above the lesson.",
    check: (value) => (value.trim() === "" ? "must not be empty" : undefined),
  },
  order: {
    type: "number",
    required: true,
    description: "Position in the course: lessons are sorted by it, ascending. Unique.",
    check: (value) => (Number.isFinite(value) ? undefined : "must be a finite number"),
  },
  summary: {
    type: "string",
    required: false,
    description: "One sentence shown in the lesson list under the title.",
  },
  image: {
    type: "string",
    required: false,
    description:
      'The image tag the lesson builds (e.g. "hello"): Ctrl/Cmd+Enter runs ' +
      "`docker build -t <image> .` in the terminal.",
    check: (value) =>
      IMAGE_REFERENCE.test(value)
        ? undefined
        : 'must be a lowercase image name with an optional tag, e.g. "hello" or "web:v2"',
  },
};

/**
 * Check parsed YAML against {@link frontmatterSchema}. Returns the validated
 * frontmatter, or every problem found (each naming its field) so an author
 * can fix them in one go.
 */
export function validateFrontmatter(
  data: unknown,
): { ok: true; frontmatter: LessonFrontmatter } | { ok: false; problems: string[] } {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { ok: false, problems: ["frontmatter must be a YAML mapping of field: value lines"] };
  }
  const record = data as Record<string, unknown>;
  const fields = Object.keys(frontmatterSchema);
  const problems: string[] = [];
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(frontmatterSchema, key)) {
      problems.push(`unknown frontmatter field "${key}" (known fields: ${fields.join(", ")})`);
    }
  }
  const frontmatter: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(frontmatterSchema) as [string, AnyFieldSpec][]) {
    const value = record[key];
    if (value === undefined || value === null) {
      if (spec.required) problems.push(`missing required frontmatter field "${key}"`);
      continue;
    }
    if (typeof value !== spec.type) {
      problems.push(`frontmatter field "${key}" must be a ${spec.type}, not ${describe(value)}`);
      continue;
    }
    const problem = spec.check?.(value as never);
    if (problem) problems.push(`frontmatter field "${key}" ${problem}`);
    frontmatter[key] = value;
  }
  return problems.length
    ? { ok: false, problems }
    : { ok: true, frontmatter: frontmatter as unknown as LessonFrontmatter };
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return typeof value === "object" ? "a mapping" : `${typeof value} ${String(value)}`;
}

import { z } from "zod";
import { checkKinds } from "./checkKinds.ts";

type KindSchema = (typeof checkKinds)[keyof typeof checkKinds]["schema"];
const schemas = Object.values(checkKinds).map((kind) => kind.schema) as [
  KindSchema,
  ...KindSchema[],
];
const kindNames = Object.keys(checkKinds).join(", ");

/** One check of a lesson step, as data: `kind` picks the schema the other fields follow (checkKinds.ts). */
export const checkSchema = z.discriminatedUnion("kind", schemas, {
  error: (issue) =>
    issue.code === "invalid_union" && "note" in issue && issue.note === "No matching discriminator"
      ? `unknown check kind ${JSON.stringify(kindOf(issue.input))}; expected one of ${kindNames}`
      : undefined,
});

function kindOf(input: unknown): unknown {
  return input && typeof input === "object" && "kind" in input ? input.kind : undefined;
}

/** A validated check, with defaults filled in and matchers normalized. */
export type Check = z.output<typeof checkSchema>;
/** A check as authors write it (before defaults and normalization). */
export type CheckDefinition = z.input<typeof checkSchema>;

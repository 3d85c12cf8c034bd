import { z } from "zod";
import { commandCheckSchema } from "./command/commandCheckSchema.ts";
import { containerCheckSchema } from "./container/containerCheckSchema.ts";
import { fileCheckSchema } from "./file/fileCheckSchema.ts";
import { imageCheckSchema } from "./image/imageCheckSchema.ts";
import { networkCheckSchema } from "./network/networkCheckSchema.ts";
import { registryCheckSchema } from "./registry/registryCheckSchema.ts";
import { volumeCheckSchema } from "./volume/volumeCheckSchema.ts";

/**
 * Every check kind, by its `kind`. A new kind starts here: its schema (each
 * field with a description), then its gather and judge functions, then a
 * case in evaluateCheck (the compiler points at each place).
 */
export const checkKinds = {
  image: imageCheckSchema,
  container: containerCheckSchema,
  network: networkCheckSchema,
  volume: volumeCheckSchema,
  file: fileCheckSchema,
  command: commandCheckSchema,
  registry: registryCheckSchema,
} as const;

/** A check kind's name, e.g. "image". */
export type CheckKind = keyof typeof checkKinds;

const kindNames = Object.keys(checkKinds).join(", ");

/** One check of a lesson step, as data: `kind` picks the schema the other fields follow. */
export const checkSchema = z.discriminatedUnion(
  "kind",
  [
    imageCheckSchema,
    containerCheckSchema,
    networkCheckSchema,
    volumeCheckSchema,
    fileCheckSchema,
    commandCheckSchema,
    registryCheckSchema,
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union" &&
      "note" in issue &&
      issue.note === "No matching discriminator"
        ? `unknown check kind ${JSON.stringify(kindOf(issue.input))}; expected one of ${kindNames}`
        : undefined,
  },
);

function kindOf(input: unknown): unknown {
  return input && typeof input === "object" && "kind" in input ? input.kind : undefined;
}

/** A validated check, with defaults filled in and matchers normalized. */
export type Check = z.output<typeof checkSchema>;
/** A check as authors write it (before defaults and normalization). */
export type CheckDefinition = z.input<typeof checkSchema>;

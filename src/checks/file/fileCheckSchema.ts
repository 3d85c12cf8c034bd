import { z } from "zod";
import { countBoundsSchema } from "../bounds.ts";
import { commonFields, refuseAssertionsWhenAbsent } from "../commonFields.ts";
import { dockerfileKeywordSchema } from "../dockerfile/dockerfileKeyword.ts";
import { textMatchSchema } from "../textMatch.ts";

/** One step of an expected order: a keyword, or a keyword whose arguments match. */
const orderStepSchema = z
  .union([
    dockerfileKeywordSchema,
    z.strictObject({
      instruction: dockerfileKeywordSchema.describe('The instruction, e.g. "COPY".'),
      args: textMatchSchema("contains")
        .optional()
        .describe(
          'Text its arguments must contain, e.g. "requirements.txt", or { equals | matches }.',
        ),
    }),
  ])
  .transform((step) => (typeof step === "string" ? { instruction: step } : step));

const dockerfileAssertionsSchema = z.strictObject({
  order: z
    .array(orderStepSchema)
    .min(2)
    .optional()
    .describe(
      'Instructions that must appear in this order (others may come between), e.g. [FROM, { instruction: COPY, args: requirements.txt }, RUN, { instruction: COPY, args: "." }].',
    ),
  count: z
    .record(dockerfileKeywordSchema, countBoundsSchema)
    .optional()
    .describe("How many times instructions appear, e.g. { RUN: { max: 1 }, FROM: 2 }."),
  form: z
    .record(dockerfileKeywordSchema, z.enum(["exec", "shell"]))
    .optional()
    .describe(
      'The form every such instruction must use, e.g. { CMD: exec, ENTRYPOINT: exec }: exec is ["cmd", "arg"], shell is cmd arg.',
    ),
});

/** A file in the learner's workspace (/workspace), e.g. their Dockerfile. */
export const fileCheckSchema = z
  .strictObject({
    kind: z.literal("file").describe("Checks a file in the learner's workspace."),
    ...commonFields,
    path: z
      .string()
      .min(1)
      .refine(
        (p) => !p.startsWith("/") && !p.split("/").includes(".."),
        "a workspace path is relative and has no ..",
      )
      .describe('Path relative to /workspace, e.g. "Dockerfile" or "app/.dockerignore".'),
    exists: z
      .boolean()
      .default(true)
      .describe("false: the file must not exist; then nothing else may be checked."),
    contains: z
      .union([textMatchSchema("contains"), z.array(textMatchSchema("contains")).min(1)])
      .transform((value) => (Array.isArray(value) ? value : [value]))
      .optional()
      .describe(
        'Text the file must contain, or a list of them, e.g. ["node_modules", { matches: "^\\\\.git$", flags: m }].',
      ),
    dockerfile: dockerfileAssertionsSchema
      .optional()
      .describe(
        "Assertions on the file parsed as a Dockerfile (comments, continuations and heredocs are understood).",
      ),
  })
  .superRefine((check, ctx) => {
    refuseAssertionsWhenAbsent(check, ctx, "a file", ["path"]);
  });

/** A validated workspace file check. */
export type FileCheck = z.output<typeof fileCheckSchema>;

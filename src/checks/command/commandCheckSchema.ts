import { z } from "zod";
import { commonFields } from "../commonFields.ts";
import { textMatchSchema } from "../textMatch.ts";

/** A shell command run in the guest (not in a container), judged on its exit code and output. */
export const commandCheckSchema = z.strictObject({
  kind: z.literal("command").describe("Runs a command in the sandbox and checks what it does."),
  ...commonFields,
  run: z
    .string()
    .min(1)
    .describe(
      'Shell command run as root with sh -c in /workspace, e.g. "wget -qO- http://localhost:8080". It must not wait for input.',
    ),
  exitCode: z
    .number()
    .int()
    .min(0)
    .max(255)
    .default(0)
    .describe("The exit code it must end with. Default 0."),
  stdout: textMatchSchema("contains")
    .optional()
    .describe(
      "Text its standard output must contain (a plain string is searched for), or { equals | matches }.",
    ),
  stderr: textMatchSchema("contains")
    .optional()
    .describe("Text its standard error must contain, or { equals | matches }."),
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(300_000)
    .default(60_000)
    .describe(
      "How long it may run, in milliseconds, before it counts as failed. Default 60000: the " +
        "guest is emulated, and a docker CLI call alone can take seconds on a slow machine.",
    ),
});

/** A validated command check. */
export type CommandCheck = z.output<typeof commandCheckSchema>;

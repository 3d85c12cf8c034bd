import { z } from "zod";
import { commonFields, refuseAssertionsWhenAbsent } from "../commonFields.ts";

/** A network, looked up with `docker network inspect`. */
export const networkCheckSchema = z
  .strictObject({
    kind: z.literal("network").describe("Checks a Docker network."),
    ...commonFields,
    name: z
      .string()
      .min(1)
      .describe('The network\'s name, e.g. "appnet" (or "bridge", "host", "none").'),
    exists: z
      .boolean()
      .default(true)
      .describe(
        "false: the network must be gone (e.g. after `docker network rm`); then nothing else may be checked.",
      ),
    driver: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Its driver: "bridge" (the default for `docker network create`), "host", "null" (the none network), "overlay".',
      ),
    internal: z
      .boolean()
      .optional()
      .describe("true: created with --internal (no route to the outside); false: not."),
    containers: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Names of running containers that must be attached to it, e.g. ["web", "redis"].'),
  })
  .superRefine((check, ctx) => {
    refuseAssertionsWhenAbsent(check, ctx, "a network", ["name"]);
  });

/** A validated network check. */
export type NetworkCheck = z.output<typeof networkCheckSchema>;

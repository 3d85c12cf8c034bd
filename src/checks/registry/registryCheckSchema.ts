import { z } from "zod";
import { commonFields } from "../commonFields.ts";

const NAME_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";

/** A repository (and tags) in a registry, read with the registry HTTP API v2. */
export const registryCheckSchema = z.strictObject({
  kind: z
    .literal("registry")
    .describe("Checks that a registry holds a repository and tags, as after `docker push`."),
  ...commonFields,
  registry: z
    .string()
    .regex(/^[a-zA-Z0-9.-]+(:\d{1,5})?$/, 'write the registry as host:port, e.g. "localhost:5000"')
    .default("localhost:5000")
    .describe('The registry as host:port, as seen from the sandbox. Default "localhost:5000".'),
  repository: z
    .string()
    .regex(
      new RegExp(`^${NAME_COMPONENT}(?:/${NAME_COMPONENT})*$`),
      'a repository is a lowercase path such as "hello" or "team/hello"',
    )
    .describe('The repository without registry or tag, e.g. "hello" for localhost:5000/hello:v1.'),
  tags: z
    .array(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, "not a valid tag"))
    .min(1)
    .optional()
    .describe('Tags the repository must have, e.g. ["v1"]. Default: any tag.'),
});

/** A validated registry check. */
export type RegistryCheck = z.output<typeof registryCheckSchema>;

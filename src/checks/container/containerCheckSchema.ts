import { z } from "zod";
import { countBoundsSchema } from "../bounds.ts";
import {
  commonFields,
  keyValueMatchSchema,
  portSchema,
  refuseAssertionsWhenAbsent,
} from "../commonFields.ts";
import { imageRefSchema } from "../imageRef.ts";
import { textMatchSchema } from "../textMatch.ts";

const STATES = ["created", "running", "paused", "restarting", "exited", "dead"] as const;

/** A container's health as `docker ps` shows it, plus "none" for one without a HEALTHCHECK. */
const HEALTH = ["starting", "healthy", "unhealthy", "none"] as const;
/** A published port: the container side, and the host side when the lesson fixes it. */
const publishedPortSchema = z.strictObject({
  container: portSchema.describe('The port inside the container, e.g. 80 or "53/udp".'),
  host: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .describe("The host port it must be published on (the 8080 in -p 8080:80). Default: any."),
});

const mountSchema = z.strictObject({
  type: z
    .enum(["volume", "bind", "tmpfs"])
    .optional()
    .describe(
      "volume (-v name:/path), bind (-v /host/path:/path) or tmpfs (--tmpfs /path). Default: any.",
    ),
  source: z
    .string()
    .min(1)
    .optional()
    .describe("For a volume its name, for a bind mount the host path. Default: any."),
  destination: z
    .string()
    .startsWith("/", "the destination is an absolute path in the container")
    .describe('Where it is mounted in the container, e.g. "/data".'),
  readOnly: z
    .boolean()
    .optional()
    .describe("true: mounted read-only (:ro); false: writable. Default: either."),
});

const containerFileSchema = z.strictObject({
  path: z
    .string()
    .startsWith("/", "a path in the container is absolute")
    .describe('Absolute path inside the container, e.g. "/usr/share/nginx/html/index.html".'),
  exists: z.boolean().default(true).describe("false: the file must not exist. Default true."),
  contains: textMatchSchema("contains")
    .optional()
    .describe(
      "Text the file must contain (a plain string is searched for), or { equals | matches }.",
    ),
});

/**
 * A container, found by name or by Engine API filters. With filters, the
 * check passes when any matching container passes; feedback is about the
 * one that came closest.
 */
export const containerCheckSchema = z
  .strictObject({
    kind: z
      .literal("container")
      .describe("Checks a container (running or not), as `docker ps -a` lists them."),
    ...commonFields,
    name: z
      .string()
      .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, "a container name is letters, digits, _ . and -")
      .transform((name) => name.replace(/^\//, ""))
      .optional()
      .describe('The container\'s name (--name), e.g. "web". Give name or filters.'),
    filters: z
      .record(z.string().min(1), z.union([z.string(), z.array(z.string()).min(1)]))
      .optional()
      .describe(
        'Filters as `docker ps -a --filter` takes them, e.g. { ancestor: "hello:v1" } or { label: "app=web" }. Give name or filters.',
      ),
    exists: z
      .boolean()
      .default(true)
      .describe(
        "false: no such container may exist (e.g. after `docker rm` or --rm); then nothing else may be checked.",
      ),
    state: z
      .enum(STATES)
      .optional()
      .describe(`Its state: ${STATES.join(", ")}.`),
    exitCode: z
      .number()
      .int()
      .optional()
      .describe(
        "Exit code of its main process (for an exited container), e.g. 0, or 137 after `docker kill`.",
      ),
    health: z
      .enum(HEALTH)
      .optional()
      .describe(
        `What its HEALTHCHECK says: ${HEALTH.join(", ")} ("none": it has no health check).`,
      ),
    restartCount: countBoundsSchema
      .optional()
      .describe("How often the restart policy restarted it: a number or { min, max }."),
    ports: z
      .array(publishedPortSchema)
      .min(1)
      .optional()
      .describe("Ports it publishes on the host (-p), e.g. [{ container: 80, host: 8080 }]."),
    mounts: z
      .array(mountSchema)
      .min(1)
      .optional()
      .describe(
        "Volumes, bind mounts and tmpfs it has, e.g. [{ type: volume, source: data, destination: /data }].",
      ),
    networks: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Networks it is connected to, by name, e.g. ["appnet"].'),
    dnsNames: z
      .record(z.string().min(1), z.array(z.string().min(1)).min(1))
      .optional()
      .describe(
        "Names other containers on a network reach it by (its name or a --network-alias), by " +
          "network, e.g. { appnet: [db] }: either spelling of a name passes.",
      ),
    env: keyValueMatchSchema
      .optional()
      .describe('Environment variables of its process (image ENV and -e), e.g. { MODE: "dev" }.'),
    logs: textMatchSchema("contains")
      .optional()
      .describe(
        'Text its logs (stdout and stderr, as `docker logs` shows) must contain, e.g. "Listening on".',
      ),
    image: imageRefSchema
      .optional()
      .describe(
        'The image it was created from, e.g. "hello:v1" (compared by image id, so any tag of it counts).',
      ),
    files: z
      .array(containerFileSchema)
      .min(1)
      .optional()
      .describe(
        "Files inside the container, read with `docker cp` (works on stopped containers too). Needs the command capability.",
      ),
  })
  .superRefine((check, ctx) => {
    if ((check.name === undefined) === (check.filters === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: "give either name or filters (exactly one)",
      });
    }
    refuseAssertionsWhenAbsent(check, ctx, "a container", ["name", "filters"]);
  });

/** A validated container check. */
export type ContainerCheck = z.output<typeof containerCheckSchema>;

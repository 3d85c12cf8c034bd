import { z } from "zod";

const ID = /^(sha256:)?[0-9a-f]{12,64}$/;

/**
 * A reference as `docker` takes it: name[:tag], name@digest, or an image id.
 * Only the obvious mistakes are rejected here (spaces, upper case in the
 * name); the daemon is the judge of the rest.
 */
export const imageRefSchema = z
  .string()
  .min(1, "must not be empty")
  .regex(/^[^\s]+$/, "must not contain spaces")
  .refine((ref) => !/[A-Z]/.test(ref.split(/[:@]/)[0] ?? ""), "image names are lower case");

/**
 * The form `docker` shows in RepoTags, so references written differently
 * compare equal: "alpine" → "alpine:latest", "docker.io/library/alpine:3" →
 * "alpine:3". Digests and ids are returned as given.
 */
export function normalizeImageRef(ref: string): string {
  if (ref.includes("@") || ID.test(ref)) return ref;
  let name = ref;
  for (const prefix of ["docker.io/", "index.docker.io/"]) {
    if (name.startsWith(prefix)) name = name.slice(prefix.length);
  }
  if (name.startsWith("library/")) name = name.slice("library/".length);
  const lastPart = name.slice(name.lastIndexOf("/") + 1);
  return lastPart.includes(":") ? name : `${name}:latest`;
}

/** Whether two references name the same tag (after {@link normalizeImageRef}). */
export function sameImageRef(a: string, b: string): boolean {
  return normalizeImageRef(a) === normalizeImageRef(b);
}

/** "sha256:4a1b…" → "4a1b2c3d4e5f", the short id `docker images` prints. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, "").slice(0, 12);
}

import type { ImageHistoryItem } from "../../runtime/docker/types.ts";

/**
 * The Dockerfile instruction behind a `docker history` step. The classic
 * builder records shell commands ("/bin/sh -c apk add …", with "|1 ARG=x"
 * in front when build args are set) and metadata as "/bin/sh -c #(nop)  CMD
 * …"; BuildKit records "RUN /bin/sh -c … # buildkit", "COPY … # buildkit",
 * "CMD [\"sh\"]". Returns "" for anything else (e.g. `docker commit`).
 */
export function historyInstruction(createdBy: string): string {
  const nop = /#\(nop\)\s+([A-Za-z]+)/.exec(createdBy);
  if (nop) return (nop[1] ?? "").toUpperCase();
  const keyword = /^([A-Z]+)\s/.exec(createdBy);
  if (keyword) return keyword[1] ?? "";
  return /^(\|\d+ .*)?\/bin\/sh -c /.test(createdBy) ? "RUN" : "";
}

/** The step as a learner wrote it: "RUN apk add curl", without the builder's wrapping. */
export function historyStepText(createdBy: string): string {
  const text = createdBy
    .replace(/^\|\d+ (\S+=\S* )*/, "")
    .replace(/^\/bin\/sh -c #\(nop\)\s+/, "")
    .replace(/^\/bin\/sh -c /, "RUN ")
    .replace(/^RUN \/bin\/sh -c /, "RUN ")
    .replace(/ # buildkit$/, "")
    .trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The Comment BuildKit puts on every step a Dockerfile adds. */
const BUILDKIT_STEP = "buildkit.dockerfile.v0";

/**
 * The steps the image's own Dockerfile added, newest first: history up to
 * the first older step that carries a tag of another local image (its
 * base), or all of it when the base is not tagged here. BuildKit keeps no
 * parent images, so its base steps are "<missing>" and untagged: there the
 * own steps are the newest ones BuildKit marked as Dockerfile steps (a base
 * built by BuildKit too is only told apart by its tag, when it has one).
 */
export function ownSteps(history: readonly ImageHistoryItem[]): ImageHistoryItem[] {
  const base = history.findIndex((step, index) => index > 0 && (step.Tags?.length ?? 0) > 0);
  const own = base === -1 ? [...history] : history.slice(0, base);
  if (own[0]?.Comment !== BUILDKIT_STEP) return own;
  const firstOlder = own.findIndex((step) => step.Comment !== BUILDKIT_STEP);
  return firstOlder === -1 ? own : own.slice(0, firstOlder);
}

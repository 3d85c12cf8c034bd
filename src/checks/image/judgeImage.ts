import type { ImageHistoryItem, ImageInspect } from "../../runtime/docker/types.ts";
import { fail, judge, pass, type AssertionResult } from "../assertionResult.ts";
import { describeBounds, formatBytes, withinBounds, type Bounds } from "../bounds.ts";
import { normalizeImageRef, shortId } from "../imageRef.ts";
import { describeTextMatch, matchText, textMatchVerb } from "../textMatch.ts";
import type { ImageFacts } from "./gatherImageFacts.ts";
import { historyInstruction, historyStepText, ownSteps } from "./historyStep.ts";
import type { ImageCheck } from "./imageCheckSchema.ts";
import { judgeImageConfig } from "./judgeImageConfig.ts";

/**
 * Judge an image check on the daemon's answers alone. When the image is
 * missing (or must be), that is the only assertion: everything else would
 * repeat it.
 */
export function judgeImage(check: ImageCheck, facts: ImageFacts): AssertionResult[] {
  const { ref } = check;
  const { image } = facts;
  if (!check.exists) {
    return [
      image
        ? fail(
            `Image ${ref} still exists (id ${shortId(image.Id)}).`,
            `Remove it with \`docker rmi ${ref}\`; if a container still uses it, remove that container first.`,
          )
        : pass(`There is no image ${ref}.`),
    ];
  }
  if (!image) {
    return [
      fail(
        `There is no image ${ref}.`,
        `\`docker images\` lists the images there are; build it with \`docker build -t ${ref} .\` or name an existing one with \`docker tag\`.`,
      ),
    ];
  }
  const results = [pass(`Image ${ref} exists (id ${shortId(image.Id)}).`)];
  for (const tag of check.tags ?? []) results.push(judgeTag(ref, tag, image));
  if (check.layers) results.push(judgeLayers(ref, check.layers, image, facts.history ?? null));
  if (check.size) results.push(judgeSize(ref, check.size, image.Size));
  if (check.base) results.push(judgeBase(ref, check.base, image, facts.base ?? null));
  results.push(...judgeImageConfig(check, image));
  for (const match of check.history ?? []) {
    const step = (facts.history ?? []).find((item) => matchText(match, item.CreatedBy));
    results.push(
      step
        ? pass(
            `${ref} was built with a step ${describeTextMatch(match)}: ${historyStepText(step.CreatedBy)}.`,
          )
        : fail(
            `No build step of ${ref} ${textMatchVerb(match, true)}.`,
            `\`docker history --no-trunc ${ref}\` shows its steps; add the missing one to the Dockerfile and rebuild.`,
          ),
    );
  }
  return results;
}

function judgeTag(ref: string, tag: string, image: ImageInspect): AssertionResult {
  const tags = image.RepoTags.map(normalizeImageRef);
  return judge(
    tags.includes(normalizeImageRef(tag)),
    `${ref} is also tagged ${tag}.`,
    `${ref} is not tagged ${tag}; its tags are ${image.RepoTags.join(", ") || "none"}.`,
    `Add the tag with \`docker tag ${ref} ${tag}\`.`,
  );
}

function judgeLayers(
  ref: string,
  bounds: Bounds,
  image: ImageInspect,
  history: ImageHistoryItem[] | null,
): AssertionResult {
  const count = image.RootFS.Layers.length;
  const layers = (n: number) => `${n} layer${n === 1 ? "" : "s"}`;
  if (withinBounds(bounds, count)) return pass(`${ref} has ${layers(count)}.`);
  const message = `${ref} has ${layers(count)}; ${describeBounds(bounds)} expected.`;
  if (bounds.max !== undefined && count > bounds.max) {
    const runs = ownSteps(history ?? []).filter((s) => historyInstruction(s.CreatedBy) === "RUN");
    const target = layers(bounds.max);
    return fail(
      message,
      runs.length > 1 && count - runs.length + 1 <= bounds.max
        ? `Combine the ${runs.length} RUN lines into one with && to get ${target}.`
        : `Each RUN, COPY and ADD adds a layer: merge RUN lines with && and copy files in fewer COPY lines to get ${target}.`,
    );
  }
  return fail(
    message,
    "Each RUN, COPY and ADD adds a layer: check that the Dockerfile has all its steps, and rebuild.",
  );
}

function judgeSize(ref: string, bounds: Bounds, size: number): AssertionResult {
  const tooBig = bounds.max !== undefined && size > bounds.max;
  return judge(
    withinBounds(bounds, size),
    `${ref} is ${formatBytes(size)}.`,
    `${ref} is ${formatBytes(size)}; ${describeBounds(bounds, formatBytes)} expected.`,
    tooBig
      ? "Start from a smaller base image (e.g. alpine or a -slim tag), and delete caches in the same RUN that creates them."
      : "The image is smaller than expected: check that the Dockerfile copies and installs everything, and rebuild.",
  );
}

/** Built FROM `base` when base's layers are the image's first layers (or it is the recorded parent). */
function judgeBase(
  ref: string,
  baseRef: string,
  image: ImageInspect,
  base: ImageInspect | null,
): AssertionResult {
  if (!base) {
    return fail(
      `The base image ${baseRef} is not in the image store, so ${ref} cannot be compared with it.`,
      `Pull it with \`docker pull ${baseRef}\`.`,
    );
  }
  const baseLayers = base.RootFS.Layers;
  const onTop =
    image.Parent === base.Id ||
    (baseLayers.length <= image.RootFS.Layers.length &&
      baseLayers.every((layer, i) => image.RootFS.Layers[i] === layer));
  return judge(
    onTop,
    `${ref} is built on ${baseRef}.`,
    `${ref} is not built on ${baseRef}.`,
    `Start the Dockerfile with FROM ${baseRef} and rebuild.`,
  );
}

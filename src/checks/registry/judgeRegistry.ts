import { fail, judge, pass, type AssertionResult } from "../assertionResult.ts";
import type { RegistryFacts } from "./gatherRegistryFacts.ts";
import type { RegistryCheck } from "./registryCheckSchema.ts";

/** `{"name": "hello", "tags": ["v1"]}`; tags is null once every tag was deleted. */
function parseTags(body: string): string[] | undefined {
  try {
    const parsed = JSON.parse(body) as { tags?: unknown };
    if (parsed.tags === null) return [];
    return Array.isArray(parsed.tags)
      ? parsed.tags.filter((t): t is string => typeof t === "string")
      : undefined;
  } catch {
    return undefined;
  }
}

/** Judge a registry check on the registry's answer alone. A status of 0 means nothing answered. */
export function judgeRegistry(
  check: RegistryCheck,
  { tagsList }: RegistryFacts,
): AssertionResult[] {
  const { registry, repository } = check;
  const example = `${registry}/${repository}:${check.tags?.[0] ?? "latest"}`;
  const push = `Tag an image for it and push: \`docker tag <image> ${example}\`, then \`docker push ${example}\`.`;
  if (tagsList.status === 0) {
    return [
      fail(
        `Nothing answers at ${registry}.`,
        `Start a registry with \`docker run -d -p ${registry.split(":")[1] ?? "5000"}:5000 --name registry registry:2\`.`,
      ),
    ];
  }
  if (tagsList.status === 404) return [fail(`${registry} has no repository ${repository}.`, push)];
  const tags = tagsList.status === 200 ? parseTags(tagsList.body) : undefined;
  if (!tags) {
    return [
      fail(
        `${registry} answered ${tagsList.status} when asked for the tags of ${repository}.`,
        "Is it a registry? `docker logs registry` shows what it did.",
      ),
    ];
  }
  if (tags.length === 0)
    return [fail(`Repository ${repository} in ${registry} has no tags.`, push)];
  const results = [pass(`${registry} has repository ${repository} (tags: ${tags.join(", ")}).`)];
  for (const tag of check.tags ?? []) {
    results.push(
      judge(
        tags.includes(tag),
        `${registry}/${repository}:${tag} is in the registry.`,
        `${registry} has ${repository} with tags ${tags.join(", ")}, but not ${tag}.`,
        `Push it: \`docker tag <image> ${registry}/${repository}:${tag}\`, then \`docker push ${registry}/${repository}:${tag}\`.`,
      ),
    );
  }
  return results;
}

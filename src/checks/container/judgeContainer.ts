import type { ContainerInspect, ImageInspect } from "../../runtime/docker/types.ts";
import { fail, judge, pass, type AssertionResult } from "../assertionResult.ts";
import { describeBounds, withinBounds } from "../bounds.ts";
import { shortId } from "../imageRef.ts";
import { judgeKeyValues, parseEnv } from "../keyValues.ts";
import { matchText, textMatchVerb, truncationNote } from "../textMatch.ts";
import type { ContainerCheck } from "./containerCheckSchema.ts";
import type { ContainerCandidate, ContainerFacts } from "./gatherContainerFacts.ts";
import { judgeContainerFile } from "./judgeContainerFiles.ts";
import { judgeMount } from "./judgeContainerMounts.ts";
import { judgePort } from "./judgeContainerPorts.ts";
import { describeState, judgeExitCode, judgeHealth, judgeState } from "./judgeContainerState.ts";

/** "ancestor=hello:v1, status=running": filters as `docker ps --filter` takes them. */
export function describeFilters(filters: Record<string, string | string[]>): string {
  return Object.entries(filters)
    .flatMap(([key, values]) =>
      (typeof values === "string" ? [values] : values).map((v) => `${key}=${v}`),
    )
    .join(", ");
}

/**
 * Judge a container check. With filters, every matching container is judged
 * and the check passes if one passes; otherwise the feedback is about the
 * one with the most passing assertions (the newest on a tie), so the learner
 * hears about the container they most likely meant.
 */
export function judgeContainer(check: ContainerCheck, facts: ContainerFacts): AssertionResult[] {
  const wanted =
    check.name !== undefined
      ? `named ${check.name}`
      : `matching ${describeFilters(check.filters ?? {})}`;
  const list = check.filters
    ? `\`docker ps -a --filter ${describeFilters(check.filters).replace(/, /g, " --filter ")}\``
    : "`docker ps -a`";
  const { candidates } = facts;
  if (!check.exists) {
    const first = candidates[0]?.container;
    if (!first) return [pass(`There is no container ${wanted}.`)];
    const name = containerName(first);
    return [
      fail(
        `Container ${name} still exists (${describeState(first)}).`,
        `Remove it with \`docker rm ${name}\` (\`docker rm -f ${name}\` if it is running); --rm removes a container when it exits.`,
      ),
    ];
  }
  if (candidates.length === 0) {
    return [
      fail(
        `There is no container ${wanted}.`,
        check.name !== undefined
          ? `${list} lists all containers; create it with \`docker run --name ${check.name} …\`.`
          : `${list} lists the matching ones; start one with \`docker run\`.`,
      ),
    ];
  }
  const judged = candidates.map((candidate) => judgeCandidate(check, candidate, facts.image));
  const score = (results: AssertionResult[]) => results.filter((r) => r.ok).length;
  return judged.reduce((best, results) => (score(results) > score(best) ? results : best));
}

function containerName(container: ContainerInspect): string {
  return container.Name.replace(/^\//, "");
}

function judgeCandidate(
  check: ContainerCheck,
  candidate: ContainerCandidate,
  image: ImageInspect | null | undefined,
): AssertionResult[] {
  const { container } = candidate;
  const name = containerName(container);
  const found = check.filters
    ? `Container ${name} matches ${describeFilters(check.filters)}`
    : `Container ${name} exists`;
  const results = [pass(`${found} (${describeState(container)}).`)];
  if (check.state) results.push(judgeState(name, check.state, container));
  if (check.exitCode !== undefined) results.push(judgeExitCode(name, check.exitCode, container));
  if (check.health) results.push(judgeHealth(name, check.health, container));
  if (check.restartCount) {
    const count = container.RestartCount;
    results.push(
      judge(
        withinBounds(check.restartCount, count),
        `Container ${name} was restarted ${count} time${count === 1 ? "" : "s"}.`,
        `Container ${name} was restarted ${count} time${count === 1 ? "" : "s"}; ${describeBounds(check.restartCount)} expected.`,
        "A restart policy restarts a container when its process exits: run it with e.g. --restart on-failure:3.",
      ),
    );
  }
  if (check.image) results.push(judgeImage(name, check.image, container, image ?? null));
  for (const port of check.ports ?? []) results.push(judgePort(name, port, container));
  for (const mount of check.mounts ?? []) results.push(judgeMount(name, mount, container));
  for (const network of check.networks ?? []) {
    const attached = Object.keys(container.NetworkSettings.Networks);
    results.push(
      judge(
        attached.includes(network),
        `Container ${name} is connected to ${network}.`,
        `Container ${name} is not connected to ${network} (it is on ${attached.join(", ") || "no network"}).`,
        `Connect it with \`docker network connect ${network} ${name}\`, or run it with --network ${network}.`,
      ),
    );
  }
  for (const [network, wanted] of Object.entries(check.dnsNames ?? {})) {
    results.push(...judgeDnsNames(name, network, wanted, container));
  }
  if (check.env) {
    results.push(
      ...judgeKeyValues(check.env, parseEnv(container.Config.Env), {
        noun: "environment variable",
        owner: `container ${name}`,
        fix: (key, value) => `Remove it and run it again with -e ${key}=${value}.`,
      }),
    );
  }
  if (check.logs) {
    const text = candidate.logs ? `${candidate.logs.stdout}${candidate.logs.stderr}` : "";
    results.push(
      matchText(check.logs, text)
        ? pass(`The log of ${name} ${textMatchVerb(check.logs, true)}.`)
        : fail(
            text.trim()
              ? `The log of ${name} ${textMatchVerb(check.logs, false)}${truncationNote(check.logs, text)}.`
              : `Container ${name} has printed nothing yet.`,
            `\`docker logs ${name}\` shows what it printed (add -f to follow).`,
          ),
    );
  }
  for (const file of check.files ?? []) {
    results.push(judgeContainerFile(name, file, candidate.files?.[file.path]));
  }
  return results;
}

/** Created from the image: compared by id, so any tag or the id itself counts. */
function judgeImage(
  name: string,
  ref: string,
  container: ContainerInspect,
  image: ImageInspect | null,
): AssertionResult {
  const from = container.Config.Image || shortId(container.Image);
  if (image && image.Id === container.Image)
    return pass(`Container ${name} was created from ${ref}.`);
  return fail(
    image
      ? `Container ${name} was created from ${from}, not ${ref}.`
      : `Container ${name} was created from ${from}; there is no image ${ref}.`,
    `A container keeps the image it was created from: remove it and run ${ref} instead (\`docker run --name ${name} … ${ref}\`).`,
  );
}

/**
 * The names a network's DNS answers with this container. Docker 26 lists
 * them (DNSNames: the name, each --network-alias, the short id); older
 * engines give the aliases only, and the name always resolves.
 */
function judgeDnsNames(
  name: string,
  network: string,
  wanted: readonly string[],
  container: ContainerInspect,
): AssertionResult[] {
  const endpoint = container.NetworkSettings.Networks[network];
  if (!endpoint) {
    return [
      fail(
        `Container ${name} is not connected to ${network}, so no one there can reach it by name.`,
        `Run it with --network ${network} (or \`docker network connect ${network} ${name}\`).`,
      ),
    ];
  }
  const names = endpoint.DNSNames ?? [name, ...(endpoint.Aliases ?? [])];
  return wanted.map((dnsName) =>
    judge(
      names.includes(dnsName),
      `On ${network}, container ${name} answers to the name ${dnsName}.`,
      `On ${network}, container ${name} does not answer to the name ${dnsName} (it answers to ${names.join(", ")}).`,
      `Name the container ${dnsName}, or give it the extra name with --network-alias ${dnsName} when you run it on ${network}.`,
    ),
  );
}

import type { ImageInspect } from "../../runtime/docker/types.ts";
import { fail, judge, pass, type AssertionResult } from "../assertionResult.ts";
import { judgeKeyValues, parseEnv } from "../keyValues.ts";
import { describeTextMatch, matchText, type TextMatch } from "../textMatch.ts";
import type { ImageCheck } from "./imageCheckSchema.ts";
import { judgeArgv } from "./judgeArgv.ts";

/** The assertions on an image's Config (what its Dockerfile's metadata instructions set). */
export function judgeImageConfig(check: ImageCheck, image: ImageInspect): AssertionResult[] {
  const owner = check.ref;
  const config = image.Config;
  const results: AssertionResult[] = [];
  if (check.cmd !== undefined) results.push(judgeArgv("CMD", owner, check.cmd, config.Cmd));
  if (check.entrypoint !== undefined) {
    results.push(judgeArgv("ENTRYPOINT", owner, check.entrypoint, config.Entrypoint));
  }
  if (check.env) {
    results.push(
      ...judgeKeyValues(check.env, parseEnv(config.Env), {
        noun: "environment variable",
        owner,
        fix: (key, value) => `Add ENV ${key}=${value} to the Dockerfile and rebuild.`,
      }),
    );
  }
  if (check.labels) {
    results.push(
      ...judgeKeyValues(check.labels, config.Labels ?? {}, {
        noun: "label",
        owner,
        fix: (key, value) =>
          `Add LABEL ${key}=${JSON.stringify(value)} to the Dockerfile and rebuild.`,
      }),
    );
  }
  for (const port of check.exposedPorts ?? []) {
    const exposed = Object.keys(config.ExposedPorts ?? {});
    results.push(
      judge(
        exposed.includes(port),
        `${owner} exposes ${port}.`,
        `${owner} does not expose ${port}${exposed.length ? ` (it exposes ${exposed.join(", ")})` : ""}.`,
        `Add EXPOSE ${port.replace(/\/tcp$/, "")} to the Dockerfile and rebuild; EXPOSE documents the port, -p publishes it.`,
      ),
    );
  }
  if (check.workdir !== undefined) {
    const actual = config.WorkingDir || "/";
    const expected = check.workdir || "/";
    results.push(
      judge(
        actual === expected,
        `The working directory of ${owner} is ${actual}.`,
        `The working directory of ${owner} is ${actual}, expected ${expected}.`,
        `Add WORKDIR ${expected} before the instructions that should run there, and rebuild.`,
      ),
    );
  }
  for (const volume of check.volumes ?? []) {
    const declared = Object.keys(config.Volumes ?? {});
    results.push(
      judge(
        declared.includes(volume),
        `${owner} declares VOLUME ${volume}.`,
        `${owner} declares no VOLUME ${volume}${declared.length ? ` (it declares ${declared.join(", ")})` : ""}.`,
        `Add VOLUME ${volume} to the Dockerfile and rebuild.`,
      ),
    );
  }
  if (check.user !== undefined) results.push(judgeUser(owner, check.user, config.User));
  return results;
}

function judgeUser(owner: string, expected: TextMatch, actual: string): AssertionResult {
  const name = (user: string) => (user === "" ? "root" : user);
  const wantsRoot = "equals" in expected && name(expected.equals) === "root";
  if (wantsRoot ? name(actual) === "root" : matchText(expected, actual)) {
    return pass(`${owner} runs as ${name(actual)}.`);
  }
  const wanted = "equals" in expected ? name(expected.equals) : describeTextMatch(expected);
  return fail(
    `${owner} runs as ${name(actual)}, expected ${wanted}.`,
    wantsRoot
      ? "Remove the USER line (or write USER root) and rebuild."
      : "equals" in expected
        ? `Add USER ${expected.equals} after the RUN that creates that user (e.g. RUN adduser -D ${expected.equals.split(":")[0]}), and rebuild.`
        : "Add a USER line for the app's user after the RUN that creates it, and rebuild.",
  );
}

import { fail, judge, pass, type AssertionResult } from "../assertionResult.ts";
import type { VolumeFacts } from "./gatherVolumeFacts.ts";
import type { VolumeCheck } from "./volumeCheckSchema.ts";

/** Judge a volume check on `docker volume inspect` and the containers mounting it. */
export function judgeVolume(check: VolumeCheck, { volume, users }: VolumeFacts): AssertionResult[] {
  const { name } = check;
  if (!check.exists) {
    return [
      volume
        ? fail(
            `Volume ${name} still exists.`,
            `Remove it with \`docker volume rm ${name}\` once no container uses it; removing a container keeps its named volumes.`,
          )
        : pass(`There is no volume ${name}.`),
    ];
  }
  if (!volume) {
    return [
      fail(
        `There is no volume ${name}.`,
        `Create it with \`docker volume create ${name}\`, or let \`docker run -v ${name}:/path …\` create it.`,
      ),
    ];
  }
  const results = [pass(`Volume ${name} exists.`)];
  if (check.driver !== undefined) {
    results.push(
      judge(
        volume.Driver === check.driver,
        `Volume ${name} uses the ${volume.Driver} driver.`,
        `Volume ${name} uses the ${volume.Driver} driver, expected ${check.driver}.`,
        `Remove it and create it again with \`docker volume create -d ${check.driver} ${name}\`.`,
      ),
    );
  }
  const names = (users ?? []).flatMap((c) => c.Names.map((n) => n.replace(/^\//, "")));
  for (const container of check.usedBy ?? []) {
    results.push(
      judge(
        names.includes(container),
        `Container ${container} uses volume ${name}.`,
        `Container ${container} does not use volume ${name}${names.length ? ` (used by: ${names.join(", ")})` : ""}.`,
        `Mounts are fixed at creation: remove ${container} and run it again with -v ${name}:/path/in/container.`,
      ),
    );
  }
  return results;
}

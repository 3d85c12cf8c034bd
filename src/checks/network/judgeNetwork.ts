import { fail, judge, pass, type AssertionResult } from "../assertionResult.ts";
import type { NetworkFacts } from "./gatherNetworkFacts.ts";
import type { NetworkCheck } from "./networkCheckSchema.ts";

/** Judge a network check on `docker network inspect` alone. */
export function judgeNetwork(check: NetworkCheck, { network }: NetworkFacts): AssertionResult[] {
  const { name } = check;
  if (!check.exists) {
    return [
      network
        ? fail(
            `Network ${name} still exists.`,
            `Remove it with \`docker network rm ${name}\` (disconnect or remove its containers first).`,
          )
        : pass(`There is no network ${name}.`),
    ];
  }
  if (!network) {
    return [
      fail(
        `There is no network ${name}.`,
        `Create it with \`docker network create ${name}\`; \`docker network ls\` lists the networks there are.`,
      ),
    ];
  }
  const results = [pass(`Network ${name} exists (driver ${network.Driver}).`)];
  if (check.driver !== undefined) {
    results.push(
      judge(
        network.Driver === check.driver,
        `Network ${name} uses the ${network.Driver} driver.`,
        `Network ${name} uses the ${network.Driver} driver, expected ${check.driver}.`,
        `A network's driver is fixed: remove it and create it again with \`docker network create -d ${check.driver} ${name}\`.`,
      ),
    );
  }
  if (check.internal !== undefined) {
    results.push(
      judge(
        network.Internal === check.internal,
        `Network ${name} is ${network.Internal ? "internal" : "not internal"}.`,
        `Network ${name} is ${network.Internal ? "internal" : "not internal"}, expected ${check.internal ? "internal" : "not internal"}.`,
        `Remove it and create it again ${check.internal ? "with" : "without"} --internal.`,
      ),
    );
  }
  const attached = Object.values(network.Containers ?? {}).map((c) => c.Name);
  for (const container of check.containers ?? []) {
    results.push(
      judge(
        attached.includes(container),
        `Container ${container} is attached to ${name}.`,
        `Container ${container} is not attached to ${name}${attached.length ? ` (attached: ${attached.join(", ")})` : ""}.`,
        `Connect it with \`docker network connect ${name} ${container}\` or run it with --network ${name}; only running containers are listed as attached.`,
      ),
    );
  }
  return results;
}

import type { ContainerInspect } from "../../runtime/docker/types.ts";
import { fail, pass, type AssertionResult } from "../assertionResult.ts";
import type { ContainerCheck } from "./containerCheckSchema.ts";

type MountSpec = NonNullable<ContainerCheck["mounts"]>[number];

/** What is mounted at one path, from `Mounts` and (for --tmpfs, which `Mounts` omits) `HostConfig.Tmpfs`. */
interface FoundMount {
  type: string;
  /** Volume name or host path ("" for tmpfs). */
  source: string;
  readOnly: boolean;
}

function findMount(container: ContainerInspect, destination: string): FoundMount | undefined {
  const mount = container.Mounts.find((m) => m.Destination === destination);
  if (mount) {
    const source = mount.Type === "volume" ? (mount.Name ?? mount.Source) : mount.Source;
    return { type: mount.Type, source, readOnly: !mount.RW };
  }
  const tmpfs = container.HostConfig.Tmpfs?.[destination];
  if (tmpfs !== undefined)
    return { type: "tmpfs", source: "", readOnly: tmpfs.split(",").includes("ro") };
  return undefined;
}

/** The `docker run` option that creates the mount a check asks for. */
function runOption(spec: MountSpec): string {
  const ro = spec.readOnly ? ":ro" : "";
  if (spec.type === "tmpfs") return `--tmpfs ${spec.destination}${spec.readOnly ? ":ro" : ""}`;
  if (spec.type === "bind") return `-v ${spec.source ?? "/host/path"}:${spec.destination}${ro}`;
  return `-v ${spec.source ?? "myvolume"}:${spec.destination}${ro}`;
}

const article = (type: string) =>
  type === "volume" ? "a volume" : type === "bind" ? "a bind mount" : `a ${type} mount`;

/** One assertion per expected mount: something is mounted there, of that type, from that source. */
export function judgeMount(
  name: string,
  spec: MountSpec,
  container: ContainerInspect,
): AssertionResult {
  const recreate = `Remove it and run it again with ${runOption(spec)}; mounts are fixed when a container is created.`;
  const found = findMount(container, spec.destination);
  const at = `${spec.destination} in ${name}`;
  if (!found) return fail(`Nothing is mounted at ${at}.`, recreate);
  if (spec.type && found.type !== spec.type) {
    return fail(`${at} is ${article(found.type)}, expected ${article(spec.type)}.`, recreate);
  }
  if (spec.source !== undefined && found.source !== spec.source) {
    const anonymous = found.type === "volume" && /^[0-9a-f]{64}$/.test(found.source);
    return fail(
      anonymous
        ? `${at} is an anonymous volume, expected the volume ${spec.source}.`
        : `${at} comes from ${found.source}, expected ${spec.source}.`,
      recreate,
    );
  }
  if (spec.readOnly !== undefined && found.readOnly !== spec.readOnly) {
    return fail(
      `${at} is ${found.readOnly ? "read-only" : "writable"}, expected ${spec.readOnly ? "read-only" : "writable"}.`,
      recreate,
    );
  }
  const source = found.source ? ` from ${found.source}` : "";
  return pass(`${at} is ${article(found.type)}${source}${found.readOnly ? " (read-only)" : ""}.`);
}

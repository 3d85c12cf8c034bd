import { z } from "zod";
import { describe, expect, it } from "vitest";
import { checkKinds } from "../../src/checks/checkKinds.ts";
import { parseCheck } from "../../src/checks/parseCheck.ts";

/** Every field of an object schema, and of object schemas nested in it, with its path. */
function fields(schema: z.ZodType, path: string): [string, z.ZodType][] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, field]) => [
      [`${path}.${key}`, field] as [string, z.ZodType],
      ...fields(field, `${path}.${key}`),
    ]);
  }
  if (inner instanceof z.ZodArray) return fields(inner.element as z.ZodType, `${path}[]`);
  return [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) {
    return unwrap(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodPipe) return unwrap(schema.in as z.ZodType);
  return schema;
}

describe("check definition schema", () => {
  it("lists each kind under the name its schema's `kind` field takes", () => {
    for (const [name, kind] of Object.entries(checkKinds)) {
      expect((kind.schema.shape.kind as z.ZodLiteral).values, name).toEqual(new Set([name]));
    }
  });

  it("describes every field an author can write, at every depth", () => {
    const all = Object.entries(checkKinds).flatMap(([name, kind]) => fields(kind.schema, name));
    expect(all.length).toBeGreaterThan(60);
    const undescribed = all.filter(([, field]) => !field.description).map(([path]) => path);
    expect(undescribed).toEqual([]);
  });

  it("accepts one realistic definition of each kind and fills in defaults", () => {
    const definitions = [
      {
        kind: "image",
        ref: "hello:v1",
        layers: { max: 3 },
        cmd: ["httpd", "-f"],
        size: { max: "50MB" },
      },
      { kind: "container", name: "web", state: "running", ports: [{ container: 80, host: 8080 }] },
      { kind: "network", name: "appnet", driver: "bridge", containers: ["web"] },
      { kind: "volume", name: "data", usedBy: ["db"] },
      { kind: "file", path: "Dockerfile", dockerfile: { count: { run: { max: 1 } } } },
      { kind: "command", run: "docker ps", stdout: "web" },
      { kind: "registry", repository: "hello", tags: ["v1"] },
    ];
    for (const definition of definitions) {
      expect(parseCheck(definition), definition.kind).toMatchObject({ ok: true });
    }
    expect(parseCheck({ kind: "registry", repository: "hello" })).toMatchObject({
      ok: true,
      check: { registry: "localhost:5000" },
    });
    expect(parseCheck({ kind: "command", run: "true" })).toMatchObject({
      ok: true,
      check: { exitCode: 0, timeoutMs: 60_000 },
    });
  });

  it("normalizes what authors may write in several ways", () => {
    const result = parseCheck({
      kind: "image",
      ref: "hello",
      layers: 3,
      size: { min: "1.5MB", max: "48MiB" },
      env: { APP_ENV: "production", PORT: { matches: "^\\d+$" } },
      exposedPorts: [80, "53/udp"],
      history: ["apk add"],
    });
    expect(result).toEqual({
      ok: true,
      check: expect.objectContaining({
        exists: true,
        layers: { min: 3, max: 3 },
        size: { min: 1_500_000, max: 48 * 2 ** 20 },
        env: { APP_ENV: { equals: "production" }, PORT: { matches: "^\\d+$" } },
        exposedPorts: ["80/tcp", "53/udp"],
        history: [{ contains: "apk add" }],
      }),
    });
    expect(parseCheck({ kind: "container", name: "/web" })).toMatchObject({
      check: { name: "web" },
    });
    expect(
      parseCheck({
        kind: "file",
        path: "Dockerfile",
        dockerfile: { order: ["from", { instruction: "copy", args: "." }] },
      }),
    ).toMatchObject({
      check: {
        dockerfile: {
          order: [{ instruction: "FROM" }, { instruction: "COPY", args: { contains: "." } }],
        },
      },
    });
  });

  it("rejects an unknown kind, naming the kinds there are", () => {
    expect(parseCheck({ kind: "imgae", ref: "x" }, "steps[0].checks[1]")).toEqual({
      ok: false,
      problems: [
        'steps[0].checks[1].kind: unknown check kind "imgae"; expected one of image, container, network, volume, file, command, registry',
      ],
    });
    expect(parseCheck({ ref: "x" })).toMatchObject({
      problems: [expect.stringMatching(/^check\.kind: unknown check kind undefined/)],
    });
  });

  it("rejects a misspelt field, listing the fields of that kind", () => {
    const result = parseCheck({ kind: "image", ref: "hello", layer: 3 });
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(
      /^check\.layer: unknown field \(image checks have: kind, title, hint, ref, exists, tags, layers,/,
    );
  });

  it("names the path of a bad field deep inside a check", () => {
    const problems = (input: unknown) => {
      const result = parseCheck(input);
      return result.ok ? [] : result.problems;
    };
    expect(problems({ kind: "container", name: "web", ports: [{ container: true }] })).toEqual([
      "check.ports[0].container: expected number or string, got boolean true",
    ]);
    expect(problems({ kind: "container", name: "web", mounts: [{ type: "volume" }] })).toEqual([
      "check.mounts[0].destination: missing (expected string)",
    ]);
    expect(problems({ kind: "command", run: "x", stdout: { matches: "(" } })).toEqual([
      expect.stringMatching(/^check\.stdout\.matches: not a valid regular expression/),
    ]);
    expect(problems({ kind: "command", run: "x", stdout: { contains: "a", equals: "b" } })).toEqual(
      ["check.stdout: give exactly one of equals, contains, matches (got equals, contains)"],
    );
    expect(
      problems({ kind: "file", path: "Dockerfile", dockerfile: { count: { RUNN: 1 } } }),
    ).toEqual(['check.dockerfile.count.RUNN: "RUNN" is not a Dockerfile instruction']);
    expect(problems({ kind: "image", ref: "hello", size: { max: "big" } })).toEqual([
      'check.size.max: "big" is not a size; write e.g. 50MB, 48MiB or 1200000',
    ]);
    expect(problems({ kind: "image", ref: "hello", layers: { min: 4, max: 3 } })).toEqual([
      "check.layers.max: min must not be larger than max",
    ]);
    expect(problems({ kind: "file", path: "../etc/passwd" })).toEqual([
      "check.path: a workspace path is relative and has no ..",
    ]);
  });

  it("rejects contradictions a schema of types alone would let through", () => {
    expect(parseCheck({ kind: "image", ref: "hello", exists: false, layers: 3 })).toMatchObject({
      problems: [
        expect.stringMatching(/^check\.layers: an image that must not exist has nothing else/),
      ],
    });
    expect(
      parseCheck({ kind: "container", name: "web", filters: { ancestor: "hello" } }),
    ).toMatchObject({
      problems: ["check.name: give either name or filters (exactly one)"],
    });
    expect(parseCheck({ kind: "container" })).toMatchObject({
      problems: ["check.name: give either name or filters (exactly one)"],
    });
  });

  it("reports every problem of a definition at once", () => {
    const result = parseCheck({ kind: "network", name: "", driver: 3, colour: "red" });
    expect(result.ok ? [] : result.problems).toEqual([
      "check.name: must not be empty",
      "check.driver: expected string, got number 3",
      expect.stringMatching(/^check\.colour: unknown field \(network checks have:/),
    ]);
  });
});

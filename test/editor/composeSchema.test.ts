import { describe, expect, it } from "vitest";
import { COMPOSE_SCHEMA, COMPOSE_SCHEMA_URI } from "../../src/editor/composeSchema.ts";

type Schema = {
  $id?: string;
  title?: string;
  properties?: Record<string, Schema>;
  definitions?: Record<string, Schema>;
  additionalProperties?: boolean;
  patternProperties?: Record<string, unknown>;
};
const schema = COMPOSE_SCHEMA as Schema;

describe("the bundled Compose schema", () => {
  it("is the Compose specification's schema", () => {
    expect(schema.$id).toBe("compose_spec.json");
    expect(schema.title).toBe("Compose Specification");
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(["services", "networks", "volumes", "configs", "secrets", "name"]),
    );
  });

  it("rejects unknown top-level keys such as a misspelt `services`, except x- extensions", () => {
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.patternProperties ?? {})).toContain("^x-");
  });

  it("describes services with build, image and ports, and recent fields such as develop", () => {
    const service = schema.definitions?.service?.properties ?? {};
    expect(Object.keys(service)).toEqual(
      expect.arrayContaining(["build", "image", "ports", "develop", "depends_on"]),
    );
  });

  it("refers only to its own definitions, so validation never fetches a schema", () => {
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
          if (key === "$ref" && typeof value === "string") refs.push(value);
          else walk(value);
        }
      }
    };
    walk(COMPOSE_SCHEMA);
    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter((ref) => !ref.startsWith("#/"))).toEqual([]);
    expect(COMPOSE_SCHEMA_URI).toMatch(/^file:\/\/\//);
  });
});

import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildImage,
  dockerLoadFiles,
  sha256,
  writeRegistryStorage,
} from "../../images/shelf/imageLayout.ts";

const base = { tar: Buffer.from("base layer tar bytes"), createdBy: "debootstrap bookworm minbase" };
const app = { tar: Buffer.from("nginx layer tar bytes"), createdBy: "apt-get install nginx" };
const settings = { Cmd: ["nginx", "-g", "daemon off;"], ExposedPorts: { "80/tcp": {} } };
const CREATED = "2026-11-24T00:00:00Z";

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe("buildImage", () => {
  it("links config, layers and manifest by digest", () => {
    const image = buildImage([base, app], settings, CREATED);
    const config = JSON.parse(image.config.toString());
    expect(config.rootfs.diff_ids).toEqual([sha256(base.tar), sha256(app.tar)]);
    expect(config.config).toEqual(settings);
    expect(config.history.map((h: { created_by: string }) => h.created_by)).toEqual([
      base.createdBy,
      app.createdBy,
    ]);
    const manifest = JSON.parse(image.manifest.toString());
    expect(manifest.config).toMatchObject({ digest: image.configDigest, size: image.config.length });
    expect(manifest.layers.map((l: { digest: string }) => l.digest)).toEqual(
      image.layers.map((l) => sha256(l.gz)),
    );
    expect(gunzipSync(image.layers[1]!.gz).equals(app.tar)).toBe(true);
    expect(image.manifestDigest).toBe(sha256(image.manifest));
  });

  it("is reproducible: the same input gives the same digests", () => {
    const a = buildImage([base, app], settings, CREATED);
    const b = buildImage([base, app], settings, CREATED);
    expect(b.manifestDigest).toBe(a.manifestDigest);
    expect(b.configDigest).toBe(a.configDigest);
  });

  it("shares the base layer's blob between images built on it", () => {
    const nginx = buildImage([base, app], settings, CREATED);
    const redis = buildImage([base, { tar: Buffer.from("redis"), createdBy: "x" }], {}, CREATED);
    expect(redis.layers[0]!.digest).toBe(nginx.layers[0]!.digest);
  });
});

describe("writeRegistryStorage", () => {
  it("writes the distribution filesystem layout with tag, revision and layer links", () => {
    const root = mkdtempSync(join(tmpdir(), "registry-"));
    dirs.push(root);
    const image = buildImage([base, app], settings, CREATED);
    writeRegistryStorage(root, "library/nginx", ["latest", "1.22"], image);
    const v2 = join(root, "docker/registry/v2");
    const hex = (d: string) => d.slice(7);
    const read = (p: string) => readFileSync(join(v2, p), "utf8");
    expect(read(`blobs/sha256/${hex(image.manifestDigest).slice(0, 2)}/${hex(image.manifestDigest)}/data`)).toBe(
      image.manifest.toString(),
    );
    for (const tag of ["latest", "1.22"]) {
      expect(read(`repositories/library/nginx/_manifests/tags/${tag}/current/link`)).toBe(image.manifestDigest);
    }
    expect(read(`repositories/library/nginx/_manifests/revisions/sha256/${hex(image.manifestDigest)}/link`)).toBe(
      image.manifestDigest,
    );
    const layerLinks = readdirSync(join(v2, "repositories/library/nginx/_layers/sha256")).sort();
    expect(layerLinks).toEqual(
      [image.configDigest, ...image.layers.map((l) => l.digest)].map(hex).sort(),
    );
  });
});

describe("dockerLoadFiles", () => {
  it("carries the identical config, so dockerd's image ID is the registry's config digest", () => {
    const image = buildImage([base, app], settings, CREATED);
    const files = dockerLoadFiles([{ image, repoTags: ["nginx:latest"] }]);
    const [entry] = JSON.parse(files.get("manifest.json")!.toString());
    expect(sha256(files.get(entry.Config)!)).toBe(image.configDigest);
    expect(entry.RepoTags).toEqual(["nginx:latest"]);
    expect(entry.Layers.map((p: string) => sha256(files.get(p)!))).toEqual(
      image.layers.map((l) => l.diffId),
    );
  });

  it("stores a base layer shared by two images once", () => {
    const nginx = buildImage([base, app], settings, CREATED);
    const redis = buildImage([base, { tar: Buffer.from("redis layer"), createdBy: "x" }], {}, CREATED);
    const files = dockerLoadFiles([
      { image: nginx, repoTags: ["nginx:latest"] },
      { image: redis, repoTags: ["redis:latest"] },
    ]);
    const entries = JSON.parse(files.get("manifest.json")!.toString());
    expect(entries.map((e: { RepoTags: string[] }) => e.RepoTags[0])).toEqual(["nginx:latest", "redis:latest"]);
    expect(entries[0].Layers[0]).toBe(entries[1].Layers[0]);
    expect([...files.keys()].filter((k) => k.endsWith("layer.tar"))).toHaveLength(3);
  });
});

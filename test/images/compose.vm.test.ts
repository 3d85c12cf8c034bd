// `docker compose` (v2, the CLI plugin) on the real guest, offline with the
// image shelf (issue 18): the friendlyhello app as a web service built from
// its Dockerfile plus redis from the shelf, reached by service name, seen in
// the preview, listed, logged and taken down with its volume.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxyRequest } from "../../src/preview/proxyRequest.ts";
import { startNodeSandbox } from "../../src/runtime/node/startNodeSandbox.ts";
import type { V86Runtime } from "../../src/runtime/v86/V86Runtime.ts";
import { httpGet, poll } from "../runtime/v86/helpers.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

const COMPOSE_FILE = `services:
  web:
    build: .
    image: fhcompose-web
    ports:
      - "4010:80"
    environment:
      NAME: Compose
    depends_on:
      - redis
  redis:
    image: redis
    volumes:
      - counts:/data
volumes:
  counts:
`;

describe("docker compose on the real VM", () => {
  let vm: V86Runtime;
  const sh = async (command: string, timeoutMs = 300_000) => {
    const r = await vm.exec(`cd /workspace/fhcompose && ${command}`, { timeoutMs });
    const out = text(r.stdout) + text(r.stderr);
    if (r.exitCode !== 0) throw new Error(`\`${command}\` exited ${r.exitCode}:\n${out}`);
    return out;
  };

  beforeAll(async () => {
    vm = await startNodeSandbox();
    const dir = join(import.meta.dirname, "friendlyhello");
    for (const name of readdirSync(dir)) {
      await vm.writeFile(`fhcompose/${name}`, readFileSync(join(dir, name)));
    }
    await vm.writeFile("fhcompose/compose.yaml", COMPOSE_FILE);
  });
  afterAll(async () => {
    await vm?.dispose();
  });

  it("is Compose v2, the CLI plugin", async () => {
    expect(await sh("docker compose version")).toMatch(/Docker Compose version v?2\./);
  });

  it("builds and starts web + redis offline; web reaches redis by its service name", async () => {
    const up = await sh("docker compose up -d --build 2>&1", 900_000);
    expect(up).toMatch(/Container fhcompose-redis-1\s+Started/);
    expect(up).toMatch(/Container fhcompose-web-1\s+Started/);

    const ps = await sh("docker compose ps --format '{{.Service}} {{.State}}'");
    expect(ps.trim().split("\n").sort()).toEqual(["redis running", "web running"]);

    // The counter lives in redis, found through Compose's network by the name "redis".
    const visits = async () => {
      const page = await httpGet(vm, 4010, "/");
      const m = /<b>Visits:<\/b> (\d+)/.exec(page);
      return m ? { page, count: Number(m[1]) } : undefined;
    };
    const first = await poll(visits, 180_000);
    expect(first.page).toContain("Hello Compose!");
    expect((await visits())?.count).toBe(first.count + 1);
    expect(await sh("docker compose exec -T web getent hosts redis")).toMatch(/^172\.\d+\.\d+\.\d+\s+redis/m);
  }, 1_200_000);

  it("shows the published service port in the preview", async () => {
    const res = await proxyRequest((port, o) => vm.connect(port, o), {
      url: "http://127.0.0.1:5173/preview/t1/4010/",
      clientUrl: null,
      referrer: "",
      method: "GET",
      headers: [["Accept", "text/html"]],
      body: null,
    });
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(res.body!)).toContain("Hello Compose!");
  });

  it("logs each service, and down -v removes the containers, the network and the volume", async () => {
    expect(await sh("docker compose logs web")).toMatch(/web-1\s+\|.*"GET \/ HTTP\/1\.1" 200/);
    expect(await sh("docker compose logs redis")).toMatch(/redis-1\s+\|.*Ready to accept connections/);
    expect(await sh("docker volume ls --format '{{.Name}}'")).toContain("fhcompose_counts");

    const down = await sh("docker compose down -v 2>&1", 300_000);
    expect(down).toMatch(/Network fhcompose_default\s+Removed/);
    expect(await sh("docker compose ps -a -q")).toBe("");
    expect(await sh("docker network ls --format '{{.Name}}'")).not.toContain("fhcompose_default");
    expect(await sh("docker volume ls --format '{{.Name}}'")).not.toContain("fhcompose_counts");
  }, 600_000);
});

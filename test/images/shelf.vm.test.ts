// The image shelf, registries and networks on the real
// guest (restored from the ready snapshot in public/vm). Mirrors what the
// Docker notes make a learner type; docs/image-shelf.md explains the design.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { proxyRequest } from "../../src/preview/proxyRequest.ts";
import { startNodeSandbox } from "../../src/runtime/node/startNodeSandbox.ts";
import type { ShelfReport } from "../../src/runtime/v86/manifest.ts";
import type { V86Runtime } from "../../src/runtime/v86/V86Runtime.ts";
import { httpGet, poll } from "../runtime/v86/helpers.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const manifest = JSON.parse(readFileSync("public/vm/manifest.json", "utf8")) as { shelf?: ShelfReport };

describe("the image shelf on the real VM", () => {
  let vm: V86Runtime;
  /** Run a shell command; fail the test with its output unless it exits 0. */
  const sh = async (command: string, timeoutMs = 240_000) => {
    const r = await vm.exec(command, { timeoutMs });
    const out = text(r.stdout) + text(r.stderr);
    if (r.exitCode !== 0) throw new Error(`\`${command}\` exited ${r.exitCode}:\n${out}`);
    return out;
  };
  /** Run a command that must fail; returns its output. */
  const shFails = async (command: string) => {
    const r = await vm.exec(command, { timeoutMs: 120_000 });
    expect(r.exitCode, `\`${command}\` should fail`).not.toBe(0);
    return text(r.stdout) + text(r.stderr);
  };

  beforeAll(async () => {
    vm = await startNodeSandbox();
  });
  afterAll(async () => {
    await vm?.dispose();
  });

  it("has every shelf image loaded, labelled as a sandbox build with its Debian packages", async () => {
    const shelf = manifest.shelf!;
    expect(shelf.images.map((i) => i.ref)).toEqual([
      "busybox:latest",
      "debian:bookworm-slim",
      "nginx:latest",
      "redis:latest",
      "python:3-slim",
      "registry:2",
    ]);
    for (const image of shelf.images) {
      const inspect = await vm.docker.inspectImage(image.ref);
      expect(inspect.Id, image.ref).toBe(image.id);
      expect(inspect.Config.Labels?.["sandbox.build"]).toBe("true");
      expect(inspect.Config.Labels?.["sandbox.debian-packages"]).toBeTruthy();
    }
    expect((await vm.docker.inspectImage("nginx")).Config.Labels?.["sandbox.debian-packages"]).toMatch(/^nginx 1\.22/);
  });

  it("pulls from the guest's mirror: up to date, other tags, and again after docker rmi", async () => {
    // The registry behind the mirror's port starts on the first pull, not at boot.
    expect(await sh("service registry-mirror status")).toContain("starts on the first pull");
    expect(await sh("docker pull nginx")).toContain("Image is up to date for nginx:latest");
    expect(await sh("service registry-mirror status")).toContain("is running on 127.0.0.1:5001");
    expect(await sh("docker pull redis:7 && docker pull python:3.11-slim && docker pull debian:12")).toContain(
      "Downloaded newer image for debian:12",
    );
    // Pulled again after an rmi, through the mirror. busybox (one 1 MB layer)
    // rather than nginx: dockerd has no registry digests for images it got by
    // `docker load`, so a pull downloads even layers it holds: re-pulling
    // nginx fetched its 28 MB Debian base layer too, most of this test's
    // 497 s in the last full run.
    await sh("docker rmi busybox");
    expect(await sh("docker pull busybox", 300_000)).toContain("Downloaded newer image for busybox:latest");
    // Same image ID as before the rmi: the mirror serves the very images dockerd had.
    const id = manifest.shelf!.images.find((i) => i.name === "busybox")!.id;
    expect((await vm.docker.inspectImage("busybox")).Id).toBe(id);
    expect(await sh("docker info --format '{{.RegistryConfig.Mirrors}}'")).toContain("http://127.0.0.1:5001/");
    // Not on the shelf: a quick, explained failure rather than a long timeout.
    const missing = await shFails("docker pull hello-world");
    expect(missing).toMatch(/connection refused|no such host|dial tcp/);
  }, 900_000);

  it("answers `docker search` from the shelf", async () => {
    const out = await sh(". /etc/profile.d/sandbox.sh && docker search redis");
    expect(out).toMatch(/^NAME\s+DESCRIPTION\s+STARS\s+OFFICIAL/m);
    expect(out).toMatch(/^redis\s+Redis/m);
    expect(out).toContain("offline sandbox");
  });

  it("serves the nginx welcome page on a published port, also through the preview proxy", async () => {
    await sh("docker run -d --name web -p 4000:80 nginx");
    expect(await poll(() => httpGet(vm, 4000, "/"), 60_000)).toContain("Welcome to nginx!");
    const res = await proxyRequest((port, o) => vm.connect(port, o), {
      url: "http://127.0.0.1:5173/preview/t1/4000/",
      clientUrl: null,
      referrer: "",
      method: "GET",
      headers: [["Accept", "text/html"]],
      body: null,
    });
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(res.body!)).toContain("Welcome to nginx!");
    expect(await sh("docker logs web")).toContain('"GET / HTTP/1.1" 200');
    // -P publishes every exposed port on a random host port; docker port tells which.
    await sh("docker run -d --name webp -P nginx");
    const mapping = await sh("docker port webp 80");
    const port = Number(/:(\d+)\s*$/m.exec(mapping)?.[1]);
    expect(port).toBeGreaterThan(1024);
    expect(await poll(() => httpGet(vm, port, "/"), 60_000)).toContain("Welcome to nginx!");
    await sh("docker rm -f web webp");
  });

  it("starts redis, which answers redis-cli", async () => {
    await sh("docker run -d --name redis1 redis");
    expect(await poll(async () => {
      const r = await vm.exec("docker exec redis1 redis-cli ping");
      return text(r.stdout).includes("PONG") ? "ok" : undefined;
    }, 60_000)).toBe("ok");
    await sh("docker rm -f redis1");
  });

  // What the lessons' self-tests already do on the real VM is not repeated
  // here: friendlyhello (friendlyhello-build-run, friendlyhello-redis, and
  // compose.vm.test.ts), the networks none, host and user-defined with name
  // resolution (default-networks, user-defined-networks), a registry with
  // htpasswd login (registry-login) and insecure-registries applied by a
  // daemon restart (insecure-registries). Each cost the vm suite minutes.

  it("pushes to and pulls from a private registry on localhost:5000", async () => {
    await sh("docker run -d -p 5000:5000 --restart always --name registry registry:2");
    await sh("docker tag busybox localhost:5000/mybox");
    await poll(async () => ((await vm.exec("docker push localhost:5000/mybox")).exitCode === 0 ? true : undefined), 90_000);
    await sh("docker rmi localhost:5000/mybox");
    expect(await sh("docker pull localhost:5000/mybox")).toContain("localhost:5000/mybox:latest");
    expect(await sh("curl -s localhost:5000/v2/_catalog")).toContain('"mybox"');
  });

  it("mounts python's layers from the registry's seed when pushing an image built on python:3-slim", async () => {
    // The registry from the test before: registry:2 starts with library/python's
    // layers (images/shelf/registrySeed.ts), so only the new layer is uploaded.
    await sh("mkdir -p /tmp/pyapp && printf 'FROM python:3-slim\\nRUN echo hi >/hi\\n' >/tmp/pyapp/Dockerfile");
    await sh("docker build -q -t localhost:5000/pyapp /tmp/pyapp", 600_000);
    const push = await sh("docker push localhost:5000/pyapp", 600_000);
    expect(push.match(/Mounted from library\/python/g), push).toHaveLength(2);
    expect(push.match(/: Pushed/g), push).toHaveLength(1);
    expect(await sh("curl -s localhost:5000/v2/_catalog")).toContain('"library/python"');
    // The mounted blobs are served from the seed's bytes: each hashes to its digest.
    const manifest = JSON.parse(
      await sh(
        "curl -s -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' localhost:5000/v2/pyapp/manifests/latest",
      ),
    ) as { layers: { digest: string }[] };
    for (const { digest } of manifest.layers.slice(0, 2)) {
      const sum = await sh(`curl -s localhost:5000/v2/pyapp/blobs/${digest} | sha256sum`);
      expect(`sha256:${sum.split(" ")[0]}`).toBe(digest);
    }
    await sh("docker rmi localhost:5000/pyapp");
  });
});

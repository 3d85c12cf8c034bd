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

  it("runs networks as documented: none, host, user-defined with name resolution", async () => {
    const none = await sh("docker run --rm --network none busybox sh -c 'ip link; echo ROUTES; ip route'");
    expect(none).not.toContain("eth0");
    expect(none.split("ROUTES")[1]!.trim()).toBe("");
    const host = await sh("docker run --rm --network host busybox ip addr show eth0");
    expect(host).toContain("192.168.86.100");
    await sh("docker network create appnet && docker run -d --name redis --network appnet redis");
    // Docker's embedded DNS resolves container names on user-defined networks.
    const ping = await sh("docker run --rm --network appnet busybox ping -c 1 -W 5 redis");
    expect(ping).toMatch(/PING redis \(172\.\d+\.\d+\.\d+\)/);
    await sh("docker rm -f redis && docker network rm appnet");
  });

  // friendlyhello (built from python:3-slim, then with Redis on a user-defined
  // network) is covered by the lessons' self-tests (friendlyhello-build-run,
  // friendlyhello-redis: the page with and without a visit counter) and by
  // compose.vm.test.ts; a third build here cost the vm suite 5-7 minutes.

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

  it("logs in to an htpasswd registry: wrong password refused, right one stored, logout removes it", async () => {
    await sh(
      "mkdir -p /root/auth && htpasswd -Bbn learner s3cret > /root/auth/htpasswd && " +
        "docker run -d -p 5050:5000 --name secure -v /root/auth:/auth -e REGISTRY_AUTH=htpasswd " +
        "-e REGISTRY_AUTH_HTPASSWD_REALM=sandbox -e REGISTRY_AUTH_HTPASSWD_PATH=/auth/htpasswd registry:2",
    );
    await poll(async () => {
      const r = await vm.exec("curl -s -o /dev/null -w '%{http_code}' localhost:5050/v2/");
      return text(r.stdout) === "401" ? true : undefined;
    }, 60_000);
    await sh("docker tag busybox localhost:5050/private");
    expect(await shFails("docker push localhost:5050/private")).toMatch(/no basic auth credentials|unauthorized/);
    expect(await shFails("docker login localhost:5050 -u learner -p wrong")).toMatch(/unauthorized|401/i);
    expect(await sh("docker login localhost:5050 -u learner -p s3cret")).toContain("Login Succeeded");
    expect(JSON.parse(await sh("cat /root/.docker/config.json")).auths).toHaveProperty(["localhost:5050"]);
    await sh("docker push localhost:5050/private");
    expect(await sh("docker logout localhost:5050")).toContain("Removing login credentials");
    expect(JSON.parse(await sh("cat /root/.docker/config.json")).auths).not.toHaveProperty(["localhost:5050"]);
    await sh("docker rm -f secure");
  });

  it("needs insecure-registries for a plain-HTTP registry by address, applied by `service docker restart`", async () => {
    // The registry from the test above runs with --restart always and survives the restart.
    await sh("docker tag busybox 192.168.86.100:5000/mybox");
    expect(await shFails("docker push 192.168.86.100:5000/mybox")).toContain("server gave HTTP response to HTTPS client");
    await sh(
      `sed -i 's|"registry-mirrors"|"insecure-registries": ["192.168.86.100:5000"],\\n  "registry-mirrors"|' /etc/docker/daemon.json`,
    );
    expect(await sh("service docker restart", 600_000)).toContain("docker restarted");
    expect(await sh("docker info --format '{{.RegistryConfig.IndexConfigs}}'")).toContain("192.168.86.100:5000");
    await poll(async () => ((await vm.exec("docker push 192.168.86.100:5000/mybox")).exitCode === 0 ? true : undefined), 120_000);
    // The shelf mirror is a guest process: it survived the restart too.
    expect(await sh("docker pull nginx")).toContain("Image is up to date");
  });
});

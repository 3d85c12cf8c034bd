import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeSandbox } from "../../../src/runtime/node/startNodeSandbox.ts";
import type { V86Runtime } from "../../../src/runtime/v86/V86Runtime.ts";
import { httpGet } from "./helpers.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/**
 * The guest reaches nothing (issue 15, docs/security.md): not a listener on
 * the host's loopback, not the learner's localhost through v86's
 * `N.external` names, not an outside name; from the guest itself and from a
 * container. Each layer is tested on its own: the host refuses with the
 * guest's firewall lifted, and the firewall refuses by itself (its REJECT
 * counters move).
 */
describe("no network out of the guest", () => {
  let runtime: V86Runtime;
  let server: Server;
  let port = 0;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "access-control-allow-origin": "*" });
      res.end("reached the host\n");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
    runtime = await startNodeSandbox();
  }, 180_000);
  afterAll(async () => {
    await runtime?.dispose();
    server?.close();
  });

  const attempts = () => [
    `curl -sS -m 8 http://${port}.external/`,
    `curl -sS -m 8 --request-target http://127.0.0.1:${port}/abs http://192.168.86.1/`,
    `curl -sS -m 8 -H 'Host: 127.0.0.1:${port}' http://192.168.86.1/host`,
    "curl -sS -m 8 http://example.com/",
  ];

  it("refuses every outbound connection from the guest, fast", async () => {
    for (const cmd of attempts()) {
      const r = await runtime.exec(cmd, { timeoutMs: 30_000 });
      expect(r.exitCode, `${cmd} must fail`).not.toBe(0);
      expect(text(r.stdout)).not.toContain("reached the host");
    }
    expect(requests).toEqual([]);
  }, 120_000);

  it("refuses them from a container too", async () => {
    const r = await runtime.exec(
      `docker run --rm busybox wget -T 8 -q -O- http://${port}.external/`,
      { timeoutMs: 120_000 },
    );
    expect(r.exitCode).not.toBe(0);
    expect(requests).toEqual([]);
  }, 150_000);

  it("the host refuses on its own, with the guest's firewall lifted", async () => {
    const lift = "iptables -w -D OUTPUT -o eth0 -m conntrack --ctstate NEW -j REJECT";
    const restore = "iptables -w -I OUTPUT -o eth0 -m conntrack --ctstate NEW -j REJECT";
    const lifted = await runtime.exec(lift, { timeoutMs: 30_000 });
    try {
      for (const cmd of attempts()) {
        const r = await runtime.exec(cmd, { timeoutMs: 30_000 });
        expect(r.exitCode, `${cmd} must fail`).not.toBe(0);
        // Refused by the host's fake network (a reset), not timed out.
        expect(text(r.stderr)).toMatch(/refused|Could not resolve|Failed to connect/i);
      }
      expect(requests).toEqual([]);
    } finally {
      if (lifted.exitCode === 0) await runtime.exec(restore, { timeoutMs: 30_000 });
    }
  }, 120_000);

  it("the guest's firewall refuses on its own (its rules exist and count)", async () => {
    const rules = await runtime.exec("iptables -w -S OUTPUT; iptables -w -S DOCKER-USER", {
      timeoutMs: 30_000,
    });
    const out = text(rules.stdout);
    expect(out).toContain("-A OUTPUT -o eth0 -m conntrack --ctstate NEW -j REJECT");
    expect(out).toContain("-A DOCKER-USER -o eth0 -m conntrack --ctstate NEW -j REJECT");
    const before = await rejected();
    await runtime.exec("curl -sS -m 8 http://192.168.86.1/", { timeoutMs: 30_000 });
    expect(await rejected()).toBeGreaterThan(before);
  }, 60_000);

  it("keeps inbound connections working (the preview's path)", async () => {
    const r = await runtime.exec(
      "docker run -d --name egress-web -p 8080:80 nginx >/dev/null && echo ok",
      {
        timeoutMs: 120_000,
      },
    );
    expect(text(r.stdout)).toContain("ok");
    // nginx takes its time to listen on a loaded machine: ask again until it
    // answers (a fixed 2 s wait failed there), for up to a minute.
    let answer = "";
    for (let tries = 0; tries < 60 && !answer.includes("200 OK"); tries++) {
      answer = await httpGet(runtime, 8080, "/").catch((err: Error) => err.message);
      if (!answer.includes("200 OK")) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(answer).toContain("200 OK");
  }, 240_000);

  async function rejected(): Promise<number> {
    const r = await runtime.exec("iptables -w -L OUTPUT -v -x -n | awk '/REJECT/ {print $1}'", {
      timeoutMs: 30_000,
    });
    return Number(text(r.stdout).trim() || "0");
  }
});

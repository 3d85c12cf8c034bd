/**
 * A scene built on the real VM, and checks about it with the outcome each
 * must have. record.ts builds the scene and records every Engine API answer
 * and command output the checks read into cassette.json; the unit test
 * (recorded.test.ts) replays them, so judges are tested on what dockerd 20.10
 * really answers, not on JSON written by hand.
 */
import type { CheckDefinition } from "../../../src/checks/checkSchema.ts";

export const SCENE_FILES: Record<string, string> = {
  Dockerfile: `FROM busybox
LABEL maintainer="sandbox@example.com" org.example.tier=web
ENV APP_ENV=production GREETING=hello
WORKDIR /app
RUN echo one > /app/one.txt
RUN echo two > /app/two.txt
COPY index.html /app/
EXPOSE 8080 53/udp
VOLUME /data
USER nobody
CMD httpd -f -p 8080 -h /app
`,
  "index.html": "<h1>recorded</h1>\n",
};

/** Shell commands that build the scene in /workspace (they must succeed). */
export const SCENE_SETUP = [
  "docker build -q -t rec-hello:v1 .",
  "docker tag rec-hello:v1 rec-hello:latest",
  "docker network create rec-net",
  "docker volume create rec-data",
  "docker run -d --name rec-web --network rec-net -p 8088:8080 -v rec-data:/data -v /workspace:/site:ro --tmpfs /tmp -e MODE=dev rec-hello:v1",
  "docker run --name rec-failed busybox sh -c 'echo starting; echo broken >&2; exit 3' || true",
  "docker run -d --name rec-paused busybox sleep 600 && docker pause rec-paused",
];

export interface SceneCheck {
  check: CheckDefinition;
  /** Whether the check as a whole passes. */
  ok: boolean;
  /** Text each failed assertion's message must contain, in order. */
  failures?: string[];
}

export const SCENE_CHECKS: SceneCheck[] = [
  {
    ok: true,
    check: {
      kind: "image",
      ref: "rec-hello:v1",
      tags: ["rec-hello:latest"],
      base: "busybox",
      layers: 5,
      cmd: "httpd -f -p 8080",
      entrypoint: null,
      env: { APP_ENV: "production", GREETING: { contains: "hel" } },
      exposedPorts: [8080, "53/udp"],
      labels: { maintainer: { contains: "@" }, "org.example.tier": "web" },
      workdir: "/app",
      volumes: ["/data"],
      user: "nobody",
      // The classic builder records COPY sources by content hash, not by name.
      history: ["echo one", { matches: "COPY file:[0-9a-f]+ in /app/" }],
      size: { max: "20MB" },
    },
  },
  {
    ok: false,
    check: { kind: "image", ref: "rec-hello:v1", layers: { max: 3 }, user: "", cmd: ["httpd"] },
    failures: ["5 layers", "httpd", "nobody"],
  },
  { ok: false, check: { kind: "image", ref: "rec-missing:v1" }, failures: ["rec-missing:v1"] },
  { ok: true, check: { kind: "image", ref: "rec-gone", exists: false } },
  {
    ok: true,
    check: {
      kind: "container",
      name: "rec-web",
      state: "running",
      image: "rec-hello:v1",
      ports: [{ container: 8080, host: 8088 }],
      mounts: [
        { type: "volume", source: "rec-data", destination: "/data" },
        { type: "bind", source: "/workspace", destination: "/site" },
        { type: "tmpfs", destination: "/tmp" },
      ],
      networks: ["rec-net"],
      env: { MODE: "dev", APP_ENV: "production" },
      files: [{ path: "/app/index.html", contains: "recorded" }],
    },
  },
  {
    ok: false,
    check: {
      kind: "container",
      name: "rec-web",
      state: "exited",
      ports: [{ container: 8080, host: 9999 }],
    },
    failures: ["running", "8088"],
  },
  {
    ok: true,
    check: {
      kind: "container",
      name: "rec-failed",
      state: "exited",
      exitCode: 3,
      logs: "broken",
      image: "busybox",
    },
  },
  { ok: true, check: { kind: "container", name: "rec-paused", state: "paused" } },
  { ok: true, check: { kind: "container", filters: { ancestor: "rec-hello:v1" } } },
  { ok: true, check: { kind: "container", name: "rec-nobody", exists: false } },
  {
    ok: true,
    check: {
      kind: "network",
      name: "rec-net",
      driver: "bridge",
      internal: false,
      containers: ["rec-web"],
    },
  },
  { ok: true, check: { kind: "network", name: "none", driver: "null" } },
  { ok: true, check: { kind: "volume", name: "rec-data", driver: "local", usedBy: ["rec-web"] } },
  {
    ok: false,
    check: { kind: "volume", name: "rec-data", usedBy: ["rec-failed"] },
    failures: ["rec-failed"],
  },
  {
    ok: true,
    check: {
      kind: "file",
      path: "Dockerfile",
      contains: "VOLUME /data",
      dockerfile: { order: ["FROM", "WORKDIR", "RUN", "COPY", "CMD"], count: { RUN: 2 } },
    },
  },
  {
    ok: true,
    check: { kind: "command", run: "docker exec rec-web cat /app/index.html", stdout: "recorded" },
  },
];

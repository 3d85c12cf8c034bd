import { describe, expect, it } from "vitest";
import type { ImageFacts } from "../../src/checks/image/gatherImageFacts.ts";
import { imageCheckSchema } from "../../src/checks/image/imageCheckSchema.ts";
import { judgeImage } from "../../src/checks/image/judgeImage.ts";
import { fixtures } from "./fixtures.ts";

const check = (definition: Record<string, unknown>) =>
  imageCheckSchema.parse({ kind: "image", ref: "hello:v1", ...definition });

const facts = (): ImageFacts => ({
  image: fixtures.hello(),
  history: fixtures.helloHistory(),
  base: fixtures.alpine(),
});

/** The single result after the "exists" one, for checks with one assertion. */
const only = (definition: Record<string, unknown>, given = facts()) => {
  const results = judgeImage(check(definition), given);
  expect(results[0]).toMatchObject({
    ok: true,
    message: expect.stringMatching(/^Image hello:v1 exists/),
  });
  expect(results).toHaveLength(2);
  return results[1];
};

describe("judgeImage on recorded inspect and history", () => {
  it("says a missing image is missing, with how to build it, and nothing else", () => {
    expect(judgeImage(check({ layers: 3, cmd: ["x"] }), { image: null })).toEqual([
      {
        ok: false,
        message: "There is no image hello:v1.",
        hint: expect.stringContaining("docker build -t hello:v1 ."),
      },
    ]);
  });

  it("passes exists: false only when the image is gone", () => {
    expect(judgeImage(check({ exists: false }), { image: null })).toEqual([
      { ok: true, message: "There is no image hello:v1." },
    ]);
    expect(judgeImage(check({ exists: false }), facts())).toEqual([
      expect.objectContaining({ ok: false, hint: expect.stringContaining("docker rmi hello:v1") }),
    ]);
  });

  it("counts layers and, with too many RUN steps, says to combine them to reach the target", () => {
    expect(only({ layers: { max: 3 } })).toEqual({
      ok: false,
      message: "hello:v1 has 5 layers; at most 3 expected.",
      hint: "Combine the 3 RUN lines into one with && to get 3 layers.",
    });
    expect(only({ layers: 5 })).toEqual({ ok: true, message: "hello:v1 has 5 layers." });
  });

  it("gives the general layer advice when combining RUN lines would not be enough", () => {
    expect(only({ layers: { max: 2 } })).toMatchObject({
      ok: false,
      hint: expect.stringMatching(/^Each RUN, COPY and ADD adds a layer/),
    });
  });

  it("recognizes a shell-form CMD that runs the expected command, and asks for the exec form", () => {
    expect(only({ cmd: ["httpd", "-f", "-p", "80"] })).toEqual({
      ok: false,
      message: 'CMD of hello:v1 is in shell form: /bin/sh -c "httpd -f -p 80".',
      hint: expect.stringContaining('CMD ["httpd", "-f", "-p", "80"]'),
    });
    expect(only({ cmd: "httpd" })).toMatchObject({ ok: true });
    expect(only({ cmd: ["/bin/sh", "-c", "httpd -f -p 80"] })).toMatchObject({ ok: true });
    expect(only({ entrypoint: null })).toEqual({
      ok: true,
      message: "hello:v1 has no ENTRYPOINT.",
    });
    expect(only({ entrypoint: ["httpd"] })).toMatchObject({
      ok: false,
      message: 'hello:v1 has no ENTRYPOINT; expected ["httpd"].',
    });
  });

  it("checks ENV and LABEL values, naming the variable and what it is instead", () => {
    const [, appEnv, missing, label] = judgeImage(
      check({
        env: { APP_ENV: "development", DEBUG: "1" },
        labels: { maintainer: { matches: "@example\\.com$" } },
      }),
      facts(),
    );
    expect(appEnv).toEqual({
      ok: false,
      message: 'Environment variable APP_ENV of hello:v1 is "production", expected "development".',
      hint: "Add ENV APP_ENV=development to the Dockerfile and rebuild.",
    });
    expect(missing).toMatchObject({
      ok: false,
      message: "hello:v1 has no environment variable DEBUG.",
    });
    expect(label).toEqual({ ok: true, message: "hello:v1 has label maintainer=ada@example.com." });
  });

  it("checks EXPOSE, WORKDIR, VOLUME and USER against the image config", () => {
    expect(only({ exposedPorts: [8080] })).toEqual({
      ok: false,
      message: "hello:v1 does not expose 8080/tcp (it exposes 80/tcp).",
      hint: expect.stringContaining("EXPOSE 8080"),
    });
    expect(only({ exposedPorts: [80] })).toMatchObject({ ok: true });
    expect(only({ workdir: "/srv" })).toMatchObject({
      ok: false,
      message: "The working directory of hello:v1 is /app, expected /srv.",
    });
    expect(only({ volumes: ["/data"] })).toEqual({
      ok: true,
      message: "hello:v1 declares VOLUME /data.",
    });
    expect(only({ user: "" })).toEqual({
      ok: false,
      message: "hello:v1 runs as app, expected root.",
      hint: expect.stringContaining("Remove the USER line"),
    });
    // A named or a numbered user may both be right: a matcher accepts either.
    expect(only({ user: { matches: "^(app|10001)(:|$)" } })).toEqual({
      ok: true,
      message: "hello:v1 runs as app.",
    });
    expect(only({ user: { matches: "^(web|10002)(:|$)" } })).toEqual({
      ok: false,
      message: "hello:v1 runs as app, expected matching /^(web|10002)(:|$)/.",
      hint: expect.stringContaining("Add a USER line"),
    });
  });

  it("finds build steps in the history, quoting the step as the learner wrote it", () => {
    expect(only({ history: ["apk add"] })).toEqual({
      ok: true,
      message:
        'hello:v1 was built with a step containing "apk add": RUN apk add --no-cache busybox-extras.',
    });
    expect(only({ history: [{ matches: "pip install" }] })).toMatchObject({
      ok: false,
      message: "No build step of hello:v1 matches /pip install/.",
    });
  });

  it("compares the size in the units docker images prints", () => {
    expect(only({ size: { max: "10MB" } })).toEqual({
      ok: false,
      message: "hello:v1 is 12.9MB; at most 10MB expected.",
      hint: expect.stringContaining("smaller base image"),
    });
    expect(only({ size: { max: "50MB" } })).toEqual({ ok: true, message: "hello:v1 is 12.9MB." });
  });

  it("knows the base image by its layers being the first ones", () => {
    expect(only({ base: "alpine:3.19" })).toEqual({
      ok: true,
      message: "hello:v1 is built on alpine:3.19.",
    });
    const other = {
      ...fixtures.alpine(),
      Id: "sha256:other",
      RootFS: { Type: "layers", Layers: ["sha256:debian"] },
    };
    expect(only({ base: "debian:12" }, { ...facts(), base: other })).toMatchObject({
      ok: false,
      message: "hello:v1 is not built on debian:12.",
      hint: "Start the Dockerfile with FROM debian:12 and rebuild.",
    });
    expect(only({ base: "debian:12" }, { ...facts(), base: null })).toMatchObject({
      ok: false,
      hint: "Pull it with `docker pull debian:12`.",
    });
  });

  it("checks other tags of the same image, however the reference is written", () => {
    expect(only({ tags: ["hello"] })).toEqual({
      ok: true,
      message: "hello:v1 is also tagged hello.",
    });
    expect(only({ tags: ["localhost:5000/hello:v1"] })).toEqual({
      ok: false,
      message:
        "hello:v1 is not tagged localhost:5000/hello:v1; its tags are hello:v1, hello:latest.",
      hint: "Add the tag with `docker tag hello:v1 localhost:5000/hello:v1`.",
    });
  });
});

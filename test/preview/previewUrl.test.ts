import { describe, expect, it } from "vitest";
import type { PreviewRequest } from "../../src/preview/protocol.ts";
import {
  appOriginFor,
  appOriginOf,
  previewOriginFor,
  previewOriginOf,
  rewriteLocation,
  targetOf,
} from "../../src/preview/previewUrl.ts";

const O = "http://127.0.0.1:5173";
const req = (url: string, extra: Partial<PreviewRequest> = {}): PreviewRequest => ({
  url,
  clientUrl: null,
  referrer: "",
  method: "GET",
  headers: [],
  body: null,
  ...extra,
});

describe("targetOf", () => {
  it("reads view, port and path (with query) from a preview URL", () => {
    expect(targetOf(req(`${O}/preview/ab12/4000/static/app.css?v=2`))).toEqual({
      view: "ab12",
      port: 4000,
      path: "/static/app.css?v=2",
    });
    expect(targetOf(req(`${O}/preview/ab12/4000`))).toEqual({
      view: "ab12",
      port: 4000,
      path: "/",
    });
  });

  it("gives root-relative requests the port of the page that made them", () => {
    const page = `${O}/preview/ab12/4000/blog/`;
    expect(targetOf(req(`${O}/style.css`, { clientUrl: page }))).toEqual({
      view: "ab12",
      port: 4000,
      path: "/style.css",
    });
    expect(targetOf(req(`${O}/login?next=1`, { referrer: page }))).toEqual({
      view: "ab12",
      port: 4000,
      path: "/login?next=1",
    });
  });

  it("rejects other pages, other origins and impossible ports", () => {
    expect(
      targetOf(req(`${O}/assets/app.js`, { referrer: `${O}/preview.html?view=x` })),
    ).toBeNull();
    expect(targetOf(req(`${O}/x`, { referrer: `http://evil.test/preview/ab/80/` }))).toBeNull();
    expect(targetOf(req(`${O}/preview/ab12/70000/`))).toBeNull();
  });
});

describe("rewriteLocation", () => {
  const t = { view: "v1", port: 4000, path: "/" };
  it("keeps redirects inside the preview", () => {
    expect(rewriteLocation("/login", t)).toBe("/preview/v1/4000/login");
    expect(rewriteLocation("http://localhost:4000/done?x=1#top", t)).toBe(
      "/preview/v1/4000/done?x=1#top",
    );
    expect(rewriteLocation("http://127.0.0.1:4000/", t)).toBe("/preview/v1/4000/");
  });
  it("leaves relative URLs and other sites alone", () => {
    expect(rewriteLocation("next/page", t)).toBe("next/page");
    expect(rewriteLocation("https://example.org/", t)).toBe("https://example.org/");
    expect(rewriteLocation("http://localhost:5000/", t)).toBe("http://localhost:5000/");
    expect(rewriteLocation("//cdn.example.org/x.js", t)).toBe("//cdn.example.org/x.js");
  });
});

describe("default preview origin", () => {
  it("is the same host on the next port (same site, another origin), and back", () => {
    expect(previewOriginFor({ protocol: "http:", hostname: "localhost", port: "5173" })).toBe(
      "http://localhost:5174",
    );
    expect(appOriginFor({ protocol: "http:", hostname: "127.0.0.1", port: "5174" })).toBe(
      "http://127.0.0.1:5173",
    );
    expect(previewOriginFor({ protocol: "http:", hostname: "::1", port: "8080" })).toBe(
      "http://[::1]:8081",
    );
  });
  it("needs configuration when the site has no explicit port", () => {
    expect(
      previewOriginFor({ protocol: "https:", hostname: "learn.example.org", port: "" }),
    ).toBeNull();
  });
});

describe("which origins a build trusts", () => {
  const app = { protocol: "https:", hostname: "learn.example.org", port: "8443" };
  const viewer = { protocol: "https:", hostname: "learn.example.org", port: "8444" };

  it("in production, only the configured ones: never a guessed neighbouring port", () => {
    expect(previewOriginOf({ PROD: true }, app)).toBeNull();
    expect(appOriginOf({ PROD: true }, viewer)).toBeNull();
    const env = {
      PROD: true,
      VITE_PREVIEW_ORIGIN: "https://preview.example.net/",
      VITE_APP_ORIGIN: "https://learn.example.org",
    };
    expect(previewOriginOf(env, app)).toBe("https://preview.example.net");
    expect(appOriginOf(env, viewer)).toBe("https://learn.example.org");
  });

  it("in development and tests, the configured ones or else the next port", () => {
    expect(previewOriginOf({ PROD: false }, app)).toBe("https://learn.example.org:8444");
    expect(appOriginOf({ PROD: false }, viewer)).toBe("https://learn.example.org:8443");
    expect(
      previewOriginOf({ PROD: false, VITE_PREVIEW_ORIGIN: "http://preview.localhost:5173" }, app),
    ).toBe("http://preview.localhost:5173");
  });
});

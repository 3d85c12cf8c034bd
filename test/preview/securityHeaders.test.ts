import { describe, expect, it } from "vitest";
import {
  appPolicy,
  embedAncestors,
  embedPolicy,
  headersFile,
  headersFor,
  originList,
  viewerAncestors,
  viewerPolicy,
} from "../../src/preview/securityHeaders.ts";

const none = { preview: null, app: null, connect: [] };
const both = {
  preview: "https://preview.example.net",
  app: "https://learn.example.org",
  connect: [],
};

describe("the app's policy", () => {
  it("frames the preview origin only, and nothing when there is none", () => {
    expect(appPolicy(both)).toContain("frame-src https://preview.example.net;");
    expect(appPolicy(none)).toContain("frame-src 'none';");
  });
  it("fetches from the app's own origin and the configured VM and lesson origins only", () => {
    expect(appPolicy({ ...none, connect: ["https://vm.example.org"] })).toContain(
      "connect-src 'self' https://vm.example.org;",
    );
    expect(originList("https://a.example/x, https://b.example:8443 nonsense")).toEqual([
      "https://a.example",
      "https://b.example:8443",
    ]);
  });
  it("lets the dev server's client open its HMR socket, and only there", () => {
    expect(appPolicy(none, { dev: true })).toContain("connect-src 'self' ws: wss:;");
    expect(appPolicy(none)).toContain("connect-src 'self';");
  });
});

describe("the viewer's policy", () => {
  it("lets the container's frame go to any web page, and only the app frame the viewer", () => {
    expect(viewerPolicy()).toContain("frame-src 'self' http: https:;");
    expect(viewerAncestors(both)).toBe("frame-ancestors https://learn.example.org");
    expect(viewerAncestors(none)).toBe("frame-ancestors 'none'");
  });
});

describe("the embed widget", () => {
  it("runs under the app's policy, framed by any page unless VITE_EMBED_ORIGINS names some", () => {
    expect(embedPolicy(both)).toBe(`${appPolicy(both)}; frame-ancestors *`);
    expect(embedAncestors({ ...both, embed: [] })).toBe("frame-ancestors *");
    expect(
      embedAncestors({ ...both, embed: originList("https://a.example/docs, https://b.example") }),
    ).toBe("frame-ancestors https://a.example https://b.example");
    expect(embedPolicy(none, { dev: true })).toContain("connect-src 'self' ws: wss:;");
  });
  it("serves its loader to any origin (a cross-origin module script), cached briefly", () => {
    const file = headersFile(both);
    expect(Object.fromEntries(headersFor(file, "/embed.js"))).toEqual({
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "public, max-age=300",
    });
    for (const path of ["/embed.html", "/embed"])
      expect(Object.fromEntries(headersFor(file, path))["Content-Security-Policy"]).toBe(
        embedPolicy(both),
      );
  });
});

describe("_headers", () => {
  it("gives every path one policy at most, so a host that joins repeated headers sends one", () => {
    const file = headersFile({ ...both, embed: ["https://docs.example.com"] });
    const paths = [
      "/",
      "/index.html",
      "/assets/app-1.js",
      "/preview.html",
      "/preview-sw.js",
      "/embed.html",
    ];
    for (const path of paths)
      expect(headersFor(file, path).filter(([n]) => n === "Content-Security-Policy")).toHaveLength(
        1,
      );
    expect(headersFor(file, "/vm/state.bin.zst")).toEqual([
      ["Referrer-Policy", "no-referrer"],
      ["X-Content-Type-Options", "nosniff"],
    ]);
  });
  it("is read as static hosts read it: exact paths, splats, comments", () => {
    const file = "# c\n/a\n  X: 1\n/b/*\n  Y: two: words\n";
    expect(headersFor(file, "/a")).toEqual([["X", "1"]]);
    expect(headersFor(file, "/a/b")).toEqual([]);
    expect(headersFor(file, "/b/c/d")).toEqual([["Y", "two: words"]]);
  });
});

describe("the embed widget's policy", () => {
  const origins = { preview: null, app: null, connect: [] };
  const connectSrc = (policy: string) =>
    policy.split("; ").find((d) => d.startsWith("connect-src")) ?? "";

  it("may fetch an author's lesson from any https origin unless lesson origins are configured", () => {
    expect(connectSrc(embedPolicy({ ...origins, lessonsFromAnywhere: true }))).toBe(
      "connect-src 'self' https:",
    );
    expect(
      connectSrc(
        embedPolicy({
          ...origins,
          connect: ["https://lessons.example"],
          lessonsFromAnywhere: false,
        }),
      ),
    ).toBe("connect-src 'self' https://lessons.example");
    // The app's own page keeps to what is configured.
    expect(connectSrc(appPolicy({ ...origins, lessonsFromAnywhere: true }))).toBe(
      "connect-src 'self'",
    );
  });
});

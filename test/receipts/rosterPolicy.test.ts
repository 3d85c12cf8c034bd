import { describe, expect, it } from "vitest";
import { headersFile, headersFor, rosterPolicy } from "../../src/preview/securityHeaders.ts";

describe("the roster page's security policy", () => {
  it("allows only its own scripts and styles, no frames, and no one may frame it", () => {
    const file = headersFile({ preview: null, app: null, connect: [] });
    const csp = headersFor(file, "/roster.html").find(
      ([name]) => name === "Content-Security-Policy",
    )?.[1];
    expect(csp).toBe(`${rosterPolicy()}; frame-ancestors 'none'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain("unsafe");
    expect(rosterPolicy({ dev: true })).toContain("'unsafe-inline'");
  });
});

import { describe, expect, it } from "vitest";
import { describeBounds, formatBytes } from "../../src/checks/bounds.ts";
import {
  historyInstruction,
  historyStepText,
  ownSteps,
} from "../../src/checks/image/historyStep.ts";
import type { ImageHistoryItem } from "../../src/runtime/docker/types.ts";
import { normalizeImageRef } from "../../src/checks/imageRef.ts";
import { matchText } from "../../src/checks/textMatch.ts";

describe("the small helpers feedback is built from", () => {
  it("writes image references the way RepoTags shows them", () => {
    expect(normalizeImageRef("alpine")).toBe("alpine:latest");
    expect(normalizeImageRef("docker.io/library/alpine:3.19")).toBe("alpine:3.19");
    expect(normalizeImageRef("localhost:5000/hello")).toBe("localhost:5000/hello:latest");
    expect(normalizeImageRef("hello@sha256:abc")).toBe("hello@sha256:abc");
  });

  it("prints sizes like docker images and bounds in words", () => {
    expect(formatBytes(12_876_543)).toBe("12.9MB");
    expect(formatBytes(3_253_451)).toBe("3.25MB");
    expect(formatBytes(512)).toBe("512B");
    expect(describeBounds({ min: 3, max: 3 })).toBe("exactly 3");
    expect(describeBounds({ min: 1, max: 3 })).toBe("1 to 3");
    expect(describeBounds({ min: 1 })).toBe("at least 1");
  });

  it("reads the instruction of classic-builder and BuildKit history steps", () => {
    expect(historyInstruction("/bin/sh -c apk add curl")).toBe("RUN");
    expect(historyInstruction("|1 VERSION=1.0 /bin/sh -c make")).toBe("RUN");
    expect(historyInstruction('/bin/sh -c #(nop)  CMD ["sh"]')).toBe("CMD");
    expect(historyInstruction("/bin/sh -c #(nop) COPY file:abc in /app ")).toBe("COPY");
    expect(historyInstruction("RUN /bin/sh -c apk add curl # buildkit")).toBe("RUN");
    expect(historyInstruction("COPY app.py . # buildkit")).toBe("COPY");
    expect(historyStepText("|1 VERSION=1.0 /bin/sh -c make")).toBe("RUN make");
    expect(historyStepText("RUN /bin/sh -c apk add curl # buildkit")).toBe("RUN apk add curl");
  });

  it("finds the image's own steps, in classic-builder and BuildKit history", () => {
    const step = (CreatedBy: string, more: Partial<ImageHistoryItem> = {}): ImageHistoryItem => ({
      Id: "<missing>",
      Created: 0,
      CreatedBy,
      Tags: null,
      Size: 0,
      Comment: "",
      ...more,
    });
    // Classic: parent images are kept, and the base's top step carries its tag.
    const classic = [
      step('/bin/sh -c #(nop)  CMD ["cat", "/x"]', { Id: "sha256:c" }),
      step("/bin/sh -c echo hi > /x", { Id: "sha256:b" }),
      step("/bin/sh -c #(nop) sandbox build: COPY busybox", {
        Id: "sha256:a",
        Tags: ["busybox:latest"],
      }),
    ];
    expect(ownSteps(classic).map((s) => s.Id)).toEqual(["sha256:c", "sha256:b"]);
    // BuildKit (Docker 26, measured in the guest): only the image itself has an
    // id, the base's steps are "<missing>" and untagged; own steps carry a Comment.
    const buildKit = [
      step('CMD ["/bin/sh" "-c" "cat /x"]', { Id: "sha256:d", Comment: "buildkit.dockerfile.v0" }),
      step("RUN /bin/sh -c cat /x # buildkit", { Comment: "buildkit.dockerfile.v0" }),
      step("RUN /bin/sh -c echo hi > /x # buildkit", { Comment: "buildkit.dockerfile.v0" }),
      step("/bin/sh -c #(nop) sandbox build: COPY busybox"),
      step("RUN /bin/sh -c apt-get install -y python3 # buildkit", {
        Comment: "buildkit.dockerfile.v0",
        Tags: ["base:1"],
      }),
    ];
    expect(ownSteps(buildKit).map((s) => historyStepText(s.CreatedBy))).toEqual([
      'CMD ["/bin/sh" "-c" "cat /x"]',
      "RUN cat /x",
      "RUN echo hi > /x",
    ]);
  });

  it("matches text whole, by substring or by regular expression", () => {
    expect(matchText({ equals: "a" }, "ab")).toBe(false);
    expect(matchText({ contains: "a" }, "ab")).toBe(true);
    expect(matchText({ matches: "^B", flags: "i" }, "ba")).toBe(true);
  });
});

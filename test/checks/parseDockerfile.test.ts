import { describe, expect, it } from "vitest";
import { lendNodeBuffer } from "../../src/checks/dockerfile/lendNodeBuffer.ts";
import { parseDockerfile } from "../../src/checks/dockerfile/parseDockerfile.ts";

const keywords = (text: string) => parseDockerfile(text).map((i) => i.keyword);

describe("parseDockerfile", () => {
  it("returns instructions with upper-case keywords and 1-based lines, skipping comments and blank lines", () => {
    const text = "# build the site\nfrom alpine:3.19\n\n  # indented comment\nRun apk add curl\n";
    expect(parseDockerfile(text)).toEqual([
      { keyword: "FROM", args: "alpine:3.19", form: "shell", line: 2 },
      { keyword: "RUN", args: "apk add curl", form: "shell", line: 5 },
    ]);
  });

  it("joins backslash continuations into one instruction, comments inside them included", () => {
    const text = "FROM alpine\nRUN apk add \\\n    # the client\n    curl \\\n    jq\nCMD sh\n";
    const instructions = parseDockerfile(text);
    expect(instructions.map((i) => i.keyword)).toEqual(["FROM", "RUN", "CMD"]);
    expect(instructions[1]?.args.replace(/\s+/g, " ")).toBe("apk add curl jq");
    expect(instructions[2]?.line).toBe(6);
  });

  it("honours the escape directive: a backtick continues lines and a backslash is literal", () => {
    const text =
      "# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCOPY testfile.txt c:\\\nRUN dir `\n    c:\\\n";
    const instructions = parseDockerfile(text);
    expect(instructions.map((i) => i.keyword)).toEqual(["FROM", "COPY", "RUN"]);
    expect(instructions[1]?.args).toBe("testfile.txt c:\\");
    expect(instructions[2]?.args.replace(/\s+/g, " ")).toBe("dir c:\\");
  });

  it("tells the exec form (a JSON array of strings) from the shell form, as the builder does", () => {
    const [cmd, entrypoint, notJson, copy] = parseDockerfile(
      'CMD ["python", "app.py"]\nENTRYPOINT python app.py\nCMD [python, app.py]\nCOPY --chown=app ["a b", "/x/"]\n',
    );
    expect(cmd).toMatchObject({ form: "exec", argv: ["python", "app.py"] });
    expect(entrypoint).toMatchObject({ form: "shell" });
    expect(entrypoint).not.toHaveProperty("argv");
    // Not valid JSON: Docker runs it with /bin/sh -c, brackets and all.
    expect(notJson).toMatchObject({ form: "shell" });
    expect(copy).toMatchObject({ form: "exec", argv: ["a b", "/x/"] });
  });

  it("keeps heredoc bodies inside their instruction, so they never count as instructions", () => {
    const text = [
      "FROM alpine",
      "RUN <<EOF",
      "apk add curl",
      "FROM nope",
      "EOF",
      "COPY <<CONF /etc/app.conf",
      "RUN not an instruction either",
      "CONF",
      "CMD sh",
    ].join("\n");
    expect(keywords(text)).toEqual(["FROM", "RUN", "COPY", "CMD"]);
    expect(parseDockerfile(text)[1]?.args).toContain("FROM nope");
  });

  it("parses without Node's Buffer, as in a browser, and leaves none behind", () => {
    const scope = globalThis as { Buffer?: unknown };
    const nodeBuffer = scope.Buffer;
    delete scope.Buffer;
    try {
      expect(keywords("\uFEFFFROM alpine\nRUN true\n")).toEqual(["FROM", "RUN"]);
      expect(scope.Buffer).toBeUndefined();
    } finally {
      scope.Buffer = nodeBuffer;
    }
  });

  it("lends Buffer only when there is none, and takes it back when the parse throws", () => {
    const scope = globalThis as { Buffer?: unknown };
    expect(lendNodeBuffer(() => scope.Buffer)).toBe(scope.Buffer);
    const nodeBuffer = scope.Buffer;
    delete scope.Buffer;
    try {
      expect(() =>
        lendNodeBuffer(() => {
          expect(scope.Buffer).toBeDefined();
          throw new Error("parse failed");
        }),
      ).toThrow("parse failed");
      expect(scope.Buffer).toBeUndefined();
    } finally {
      scope.Buffer = nodeBuffer;
    }
  });
});

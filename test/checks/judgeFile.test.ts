import { describe, expect, it } from "vitest";
import { fileCheckSchema } from "../../src/checks/file/fileCheckSchema.ts";
import { judgeFile } from "../../src/checks/file/judgeFile.ts";

const check = (definition: Record<string, unknown>) =>
  fileCheckSchema.parse({ kind: "file", path: "Dockerfile", ...definition });

const DOCKERFILE = `# syntax=docker/dockerfile:1
FROM python:3-slim
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
run apt-get update && \\
    apt-get install -y curl
CMD python app.py
`;

/** Results after the "exists" one. */
const judged = (definition: Record<string, unknown>, text = DOCKERFILE) => {
  const [first, ...rest] = judgeFile(check(definition), { text });
  expect(first).toEqual({ ok: true, message: "Dockerfile exists." });
  return rest;
};

describe("judgeFile on workspace text", () => {
  it("says a missing file is missing, and passes exists: false only then", () => {
    expect(judgeFile(check({ contains: "FROM" }), { text: null })).toEqual([
      { ok: false, message: "There is no Dockerfile in the workspace.", hint: expect.any(String) },
    ]);
    expect(judgeFile(check({ exists: false }), { text: null })).toEqual([
      { ok: true, message: "There is no Dockerfile in the workspace." },
    ]);
    expect(judgeFile(check({ exists: false }), { text: "" })[0]).toMatchObject({ ok: false });
  });

  it("searches the text for each expected piece", () => {
    expect(judged({ contains: ["WORKDIR /app", { matches: "^FROM alpine", flags: "m" }] })).toEqual(
      [
        { ok: true, message: 'Dockerfile contains "WORKDIR /app".' },
        {
          ok: false,
          message: "Dockerfile does not match /^FROM alpine/m.",
          hint: "Open Dockerfile in the editor and add it.",
        },
      ],
    );
  });

  it("counts instructions case-insensitively, continuations counting once", () => {
    expect(judged({ dockerfile: { count: { RUN: { max: 1 }, from: 1 } } })).toEqual([
      {
        ok: false,
        message: "Dockerfile has 2 RUN instructions; at most 1 expected.",
        hint: expect.stringMatching(/^Combine RUN lines into one with &&/),
      },
      { ok: true, message: "Dockerfile has 1 FROM instruction." },
    ]);
  });

  it("finds an instruction out of the order the build cache needs, with both line numbers", () => {
    const order = [
      "FROM",
      { instruction: "COPY", args: "requirements.txt" },
      { instruction: "RUN", args: "pip install" },
      { instruction: "COPY", args: { equals: ". ." } },
    ];
    expect(judged({ dockerfile: { order } })).toEqual([
      {
        ok: false,
        message: 'Dockerfile has no COPY containing "requirements.txt" after FROM.',
        hint: "Add it below line 2.",
      },
    ]);
    const cacheFriendly = DOCKERFILE.replace("COPY . .\n", "COPY requirements.txt .\n").replace(
      "CMD",
      "COPY . .\nCMD",
    );
    expect(judged({ dockerfile: { order } }, cacheFriendly)[0]).toMatchObject({ ok: true });
    const swapped = judged({
      dockerfile: { order: ["FROM", { instruction: "RUN", args: "pip" }, "WORKDIR"] },
    });
    expect(swapped).toEqual([
      {
        ok: false,
        message: 'In Dockerfile, WORKDIR (line 3) comes before RUN containing "pip" (line 5).',
        hint: "Move it below line 5.",
      },
    ]);
  });

  it("requires the exec form where asked, suggesting the JSON array to write", () => {
    expect(judged({ dockerfile: { form: { CMD: "exec" } } })).toEqual([
      {
        ok: false,
        message: "CMD on line 8 of Dockerfile is in shell form: CMD python app.py",
        hint: expect.stringContaining('CMD ["python", "app.py"]'),
      },
    ]);
    expect(judged({ dockerfile: { form: { CMD: "exec" } } }, 'FROM alpine\nCMD ["sh"]\n')).toEqual([
      { ok: true, message: "CMD in Dockerfile uses the exec form." },
    ]);
    expect(judged({ dockerfile: { form: { ENTRYPOINT: "exec" } } })[0]).toMatchObject({
      ok: false,
      message: "Dockerfile has no ENTRYPOINT.",
    });
  });
});

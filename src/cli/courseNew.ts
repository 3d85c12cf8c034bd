/**
 * `npm run course -- new <dir>`: a course folder to start from, with one
 * chapter and one example lesson that passes `check` and `test` as it is.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

const LESSON = `---
id: hello-image
title: Your first image
summary: Write a Dockerfile, build it, and run the image.
minutes: 10
focus: Dockerfile
image: hello
---

Each lesson is Markdown. The learner reads it on the left, edits files in the
editor and types commands in the terminal. A step ends in a \`step\` block: the
checks that decide whether it is done, hints, and what **Show me** does.

## Write the Dockerfile

The Dockerfile in the editor starts from \`busybox\`. Give it a command that
prints a greeting, in exec form:

\`\`\`dockerfile
FROM busybox
CMD ["echo", "Hello from my workshop"]
\`\`\`

\`\`\`step
id: dockerfile
checks:
  - kind: file
    path: Dockerfile
    dockerfile:
      order: [FROM, CMD]
      form: { CMD: exec }
    hint: Add a CMD line after FROM, in exec form (a JSON list).
hints:
  - 'Exec form is a list: CMD ["echo", "hi"].'
solutionFiles: [Dockerfile]
\`\`\`

## Build and run it

Build the image and run it:

\`\`\`sh run
docker build -t hello .
docker run --rm hello
\`\`\`

\`\`\`step
id: build
checks:
  - kind: image
    ref: hello
    base: busybox
    cmd: ["echo", "Hello from my workshop"]
    hint: Build it with \`docker build -t hello .\` in /workspace.
hints:
  - "-t names the image; the dot is the folder with the Dockerfile."
solution: docker build -t hello .
\`\`\`

That's it. Add lessons next to this one (folders sort by name), and chapters
next to this chapter.
`;

const README = `# My Docker workshop

A course for the Docker sandbox: the learner reads a lesson, edits files and
types real \`docker\` commands in a sandbox that runs in their browser.

## Layout

    course.yaml                        title and summary of the course
    01-first-steps/chapter.yaml        a chapter: id, title, summary
    01-first-steps/01-hello/lesson.md  a lesson: frontmatter, Markdown, \`\`\`step blocks
    01-first-steps/01-hello/files/     what the learner's /workspace starts with
    01-first-steps/01-hello/solution/  the solved files ("Show me", the self-test)

Folders sort by name: prefix them 01-, 02-, …

## Commands (in a checkout of the Docker sandbox)

    npm run course -- check <this folder>   validate every file; says what is wrong, file by file
    npm run course -- test <this folder>    every lesson's self-test on the real VM
    npm run course -- pack <this folder>    write dist/: upload it to any static host

Upload the contents of \`dist/\` (course.json and index.html) to any static
host that sends \`Access-Control-Allow-Origin\` (GitHub Pages does), then hand
out \`<the app>/?course=<where course.json is>\`. \`pack\` prints that link when
you tell it where the course will be (\`--url\`) and which app serves it
(\`--app\`).

The learner sees where the course comes from, and the course runs nothing in
their sandbox (setup, command checks) until they have agreed to each lesson's
commands. Their files and progress are kept per course.

Writing lessons, every field and check: docs/courses.md and lessons/README.md
in the Docker sandbox's repository; \`npm run lessons:check -- --fields\`
prints every field.
`;

/** The files of a new course, by path relative to its folder. */
export const SCAFFOLD: Readonly<Record<string, string>> = {
  "README.md": README,
  ".gitignore": "dist/\n",
  "course.yaml":
    "title: My Docker workshop\nsummary: >-\n  Build and run your first image in a real Docker Engine in your browser.\n",
  "01-first-steps/chapter.yaml":
    "id: first-steps\ntitle: First steps\nsummary: An image of your own, built and run.\n",
  "01-first-steps/01-hello/lesson.md": LESSON,
  "01-first-steps/01-hello/files/Dockerfile": "FROM busybox\n",
  "01-first-steps/01-hello/solution/Dockerfile":
    'FROM busybox\nCMD ["echo", "Hello from my workshop"]\n',
};

/**
 * Write a new course into `dir`, which must be missing or empty (never
 * overwrite an author's work). Returns the paths written.
 */
export async function newCourse(dir: string): Promise<string[]> {
  const existing = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return [];
    throw err;
  });
  if (existing.length > 0) {
    throw new Error(`${dir} is not empty: choose a new folder for the course.`);
  }
  for (const [path, text] of Object.entries(SCAFFOLD)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return Object.keys(SCAFFOLD);
}

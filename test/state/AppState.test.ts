import { describe, expect, it } from "vitest";
import { parseLesson, type CheckStep } from "../../src/content/lesson.ts";
import type { FakeHttpResponder } from "../../src/runtime/fake/FakeHttpStream.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { VmAssetsMissingError, VmRefusedError } from "../../src/runtime/Runtime.ts";
import { AppState } from "../../src/state/AppState.svelte.ts";
import { memoryRouter } from "../../src/state/memoryRouter.ts";
import { SandboxState, describeError } from "../../src/state/SandboxState.svelte.ts";
import { memoryKeyValueStore } from "../../src/state/keyValueStore.ts";
import { progressStore, type ProgressStore } from "../../src/state/progressStore.ts";
import { MAX_TERMINALS } from "../../src/state/TerminalsState.svelte.ts";
import { memoryStores } from "../../src/state/workspaceStore.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

const LESSONS = [
  parseLesson({
    dir: "lessons/01-a/01-welcome",
    chapter: "a",
    source: `---
id: welcome
title: Welcome
summary: Hi.
minutes: 5
image: hello
---

## Build

\`\`\`step
id: build
checks:
  - kind: image
    ref: hello
hints: [Build it.]
solution: docker build -t hello .
solutionFiles: [Dockerfile]
\`\`\`
`,
    files: { Dockerfile: "FROM busybox\n" },
    solutionFiles: { Dockerfile: "FROM busybox\nCMD echo hello\n" },
  }),
  parseLesson({
    dir: "lessons/01-a/02-next",
    chapter: "a",
    source: `---
id: next
title: Next
summary: More.
minutes: 5
setup: docker rm -f web || true
---

## Run

\`\`\`step
id: run
checks:
  - kind: container
    name: web
    state: running
solution: docker run -d --name web nginx
\`\`\`
`,
    files: { "app.py": "print(1)\n" },
  }),
];

/** An Engine API where image "hello" exists once `built` is set. */
function engine(state: { built: boolean }): FakeHttpResponder {
  return (request) => {
    if (request.path.includes("/images/hello/json") && state.built) {
      return { status: 200, json: IMAGE_HELLO };
    }
    return { status: 404, json: { message: "No such object" } };
  };
}

const IMAGE_HELLO = {
  Id: "sha256:1111",
  RepoTags: ["hello:latest"],
  RepoDigests: [],
  Created: "2026-11-24T00:00:00Z",
  Size: 2000000,
  Config: { Cmd: ["echo", "hello"], Env: [], Labels: null },
  RootFS: { Type: "layers", Layers: ["sha256:aaaa"] },
};

function makeApp(rt = new FakeRuntime(), progress: ProgressStore | null = null) {
  const app = new AppState({
    lessons: LESSONS,
    runtime: async () => rt,
    window: memoryRouter("http://x/"),
    workspace: { pollMs: 60_000 },
    stores: memoryStores(),
    progress,
    checkDebounceMs: 0,
  });
  return { app, rt };
}

/** What the fake terminal "received" (it echoes input as output). */
function typed(app: AppState): string {
  let out = "";
  app.sandbox.terminals.active?.attach((d) => (out += text(d)));
  return out;
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe("AppState", () => {
  it("starts: writes the lesson's files, opens its Dockerfile and a terminal", async () => {
    const { app, rt } = makeApp();
    await app.start();
    expect(app.sandbox.status).toBe("ready");
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM busybox\n");
    expect(app.workspace.activePath).toBe("Dockerfile");
    expect(app.sandbox.terminals.tabs).toHaveLength(1);
    app.workspace.dispose();
  });

  it("holds what the learner types until the lesson's files are back, then sends it in order", async () => {
    const rt = new FakeRuntime();
    let filesBack!: () => void;
    const gate = new Promise<void>((r) => (filesBack = r));
    const write = rt.writeFile.bind(rt);
    rt.writeFile = async (path, data) => {
      await gate;
      return write(path, data);
    };
    const { app } = makeApp(rt);
    const starting = app.start();
    while (app.sandbox.terminals.active?.status !== "open") await settle();
    let out = "";
    app.sandbox.terminals.active.attach((d) => (out += text(d)));
    app.sandbox.terminals.active.input("cat Docker");
    app.run("file"); // a Run button is held too
    await settle();
    expect(out).toBe("");
    filesBack();
    await starting;
    expect(out).toBe("cat Docker\x15file\r");
    app.sandbox.terminals.active.input("!");
    expect(out).toBe("cat Docker\x15file\r!");
    app.workspace.dispose();
  });

  it("runs lesson commands in the terminal and builds with the lesson's image tag", async () => {
    const { app } = makeApp();
    await app.start();
    expect(app.run("docker ps")).toBe(true);
    app.workspace.edit("Dockerfile", "FROM busybox\nCMD echo hi\n");
    await app.build();
    expect(typed(app)).toBe("\x15docker ps\r\x15docker build -t hello .\r");
    expect(app.workspace.isDirty("Dockerfile")).toBe(false);
    app.workspace.dispose();
  });

  it("gives each lesson its own workspace and runs its setup once per VM", async () => {
    const { app, rt } = makeApp();
    await app.start();
    app.lessons.goNext();
    await settle();
    await app.workspace.refresh();
    expect(text(await rt.readFile("app.py"))).toBe("print(1)\n");
    await expect(rt.readFile("Dockerfile")).rejects.toThrow(/No such file/);
    expect(rt.execCalls.filter((c) => c.command.includes("docker rm -f web"))).toHaveLength(1);
    expect(app.checks.lesson?.id).toBe("next");
    app.workspace.dispose();
  });

  it("opening another lesson cancels the lesson operation in flight instead of queueing behind it", async () => {
    // The next lesson's setup hangs until it is aborted, like a slow `docker pull`.
    let setupAborted = false;
    const rt = new FakeRuntime({
      exec: (command, options) =>
        command.includes("docker rm -f web")
          ? new Promise((_resolve, reject) =>
              options.signal?.addEventListener("abort", () => {
                setupAborted = true;
                reject(options.signal!.reason);
              }),
            )
          : { exitCode: 0, stdout: new Uint8Array(), stderr: new Uint8Array() },
    });
    const { app } = makeApp(rt);
    await app.start();
    app.lessons.goNext(); // "next": its setup starts and hangs
    await settle();
    app.lessons.goPrevious(); // back to "welcome" before the setup ends
    await settle();
    await settle();
    expect(setupAborted).toBe(true);
    expect(app.checks.lesson?.id).toBe("welcome");
    expect(app.lessonError).toBeNull();
    expect(app.workspace.entries.map((e) => e.path)).toContain("Dockerfile");
    app.workspace.dispose();
  });

  it("Reset lesson writes the start files again, reruns setup and forgets the steps", async () => {
    const state = { built: true };
    const { app, rt } = makeApp(new FakeRuntime({ docker: engine(state) }));
    await app.start();
    await app.checks.checkNow();
    expect(app.checks.passedCount(LESSONS[0]!)).toBe(1);
    await rt.writeFile("Dockerfile", "FROM nothing\n");
    state.built = false;
    await app.resetLesson();
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM busybox\n");
    expect(app.checks.passedCount(LESSONS[0]!)).toBe(0);
    app.workspace.dispose();
  });

  it("Show me writes the step's solution files and types its commands", async () => {
    const { app, rt } = makeApp();
    await app.start();
    let terminal = "";
    app.sandbox.terminals.active?.attach((d) => (terminal += text(d)));
    await app.showMe(LESSONS[0]!.steps[0] as CheckStep);
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM busybox\nCMD echo hello\n");
    expect(terminal).toBe("\x15docker build -t hello .\r");
    expect(app.lessonError).toBeNull();
    app.workspace.dispose();
  });

  it("records a passed step in the progress store, where a reload finds it", async () => {
    const progress = progressStore(memoryKeyValueStore());
    const { app } = makeApp(new FakeRuntime({ docker: engine({ built: true }) }), progress);
    await app.start();
    await app.checks.checkNow();
    await settle();
    const saved = await progress.load();
    expect(Object.keys(saved.lessons.welcome?.steps ?? {})).toEqual(["build"]);
    const again = makeApp(new FakeRuntime(), progress).app;
    await again.checks.load();
    expect(again.checks.status(LESSONS[0]!.steps[0]!)).toBe("passed");
    app.workspace.dispose();
  });

  it("resets to a fresh guest and keeps the learner's open files", async () => {
    const { app, rt } = makeApp();
    await app.start();
    app.workspace.edit("Dockerfile", "FROM debian:bookworm-slim\n");
    await app.reset(); // the fake's reset wipes its files, as a snapshot restore does
    expect(app.sandbox.status).toBe("ready");
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM debian:bookworm-slim\n");
    expect(app.sandbox.terminals.tabs).toHaveLength(1);
    app.workspace.dispose();
  });
});

describe("SandboxState", () => {
  it("explains missing VM assets with the command that builds them", async () => {
    const s = new SandboxState();
    await s.boot(async () => {
      const rt = new FakeRuntime();
      rt.start = () => Promise.reject(new VmAssetsMissingError("The sandbox VM is not built"));
      return rt;
    });
    expect(s.status).toBe("failed");
    expect(s.error).toMatchObject({ kind: "assets" });
    expect(s.error?.hint).toContain("npm run vm:build");
  });

  it("turns a crashed VM into an error that offers a reset", () => {
    expect(describeError(new Error("the VM worker crashed: out of memory")).kind).toBe("crash");
    expect(describeError("weird").kind).toBe("start");
    const refused = describeError(new VmRefusedError("This link asks for the sandbox VM at x"));
    expect(refused.kind).toBe("refused");
    expect(refused.hint).toMatch(/without \?vm=/);
  });

  it("opens up to MAX_TERMINALS tabs; typing goes to the active one", async () => {
    const s = new SandboxState();
    await s.boot(async () => new FakeRuntime());
    while (s.terminals.canAdd) await s.terminals.add();
    expect(s.terminals.tabs).toHaveLength(MAX_TERMINALS);
    expect(await s.terminals.add()).toBeNull();
    s.terminals.select(1);
    let second = "";
    s.terminals.tabs[1]!.attach((d) => (second += text(d)));
    s.terminals.type("echo hi");
    expect(second).toBe("\x15echo hi\r");
    s.terminals.close(1);
    expect(s.terminals.tabs.map((t) => t.title)).toEqual([
      "Terminal 1",
      "Terminal 3",
      "Terminal 4",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import type { Lesson } from "../../src/content/lesson.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { VmAssetsMissingError } from "../../src/runtime/Runtime.ts";
import { AppState } from "../../src/state/AppState.svelte.ts";
import type { RouterWindow } from "../../src/state/LessonState.svelte.ts";
import { SandboxState, describeError } from "../../src/state/SandboxState.svelte.ts";
import { MAX_TERMINALS } from "../../src/state/TerminalsState.svelte.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

function staticWindow(href: string): RouterWindow {
  let current = href;
  return {
    location: {
      get href() {
        return current;
      },
    },
    history: {
      pushState: (_d, _u, url) => void (current = new URL(url, current).href),
      replaceState: (_d, _u, url) => void (current = new URL(url, current).href),
    },
    addEventListener: () => {},
    removeEventListener: () => {},
  };
}

const LESSONS = [
  {
    id: "welcome",
    title: "Welcome",
    order: 1,
    markdown: "# Hi",
    startFiles: { Dockerfile: "FROM busybox\n" },
    image: "hello",
  },
  {
    id: "next",
    title: "Next",
    order: 2,
    markdown: "# Next",
    startFiles: { "app.py": "print(1)\n" },
  },
] as unknown as Lesson[];

function makeApp(rt = new FakeRuntime()) {
  const app = new AppState({
    lessons: LESSONS,
    runtime: async () => rt,
    window: staticWindow("http://x/"),
    workspace: { pollMs: 60_000 },
  });
  return { app, rt };
}

/** What the fake terminal "received" (it echoes input as output). */
function typed(app: AppState): string {
  let out = "";
  app.sandbox.terminals.active?.attach((d) => (out += text(d)));
  return out;
}

describe("AppState", () => {
  it("starts: seeds the lesson's files, opens its Dockerfile and a terminal", async () => {
    const { app, rt } = makeApp();
    await app.start();
    expect(app.sandbox.status).toBe("ready");
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM busybox\n");
    expect(app.workspace.activePath).toBe("Dockerfile");
    expect(app.sandbox.terminals.tabs).toHaveLength(1);
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

  it("adds the next lesson's start files when it opens", async () => {
    const { app, rt } = makeApp();
    await app.start();
    app.lessons.goNext();
    await new Promise((r) => setTimeout(r, 0));
    await app.workspace.refresh();
    expect(text(await rt.readFile("app.py"))).toBe("print(1)\n");
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM busybox\n");
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

import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import type { ExecResult } from "../../src/runtime/Runtime.ts";
import { memoryKeyValueStore, type KeyValueStore } from "../../src/state/keyValueStore.ts";
import { webLocks, type TabLocks } from "../../src/state/tabLocks.ts";
import { MAX_SNAPSHOT_BYTES } from "../../src/state/workspace/WorkspaceKeeper.svelte.ts";
import { WorkspaceState } from "../../src/state/WorkspaceState.svelte.ts";
import { workspaceStore } from "../../src/state/workspaceStore.ts";
import { FakeLockManager } from "./fakeLocks.ts";

const encoder = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const ok = (stdout: Uint8Array = new Uint8Array()): ExecResult => ({
  exitCode: 0,
  stdout,
  stderr: new Uint8Array(),
});
const quotaError = () => new DOMException("The quota has been exceeded.", "QuotaExceededError");

/** A guest whose tar of the workspace prints `tar` (a fake has no real tar). */
function guest(files: Record<string, string | Uint8Array>, tar: string | Uint8Array = "TAR") {
  return new FakeRuntime({
    files,
    exec: (command) =>
      ok(
        command.includes("tar -cf")
          ? typeof tar === "string"
            ? encoder.encode(tar)
            : tar
          : undefined,
      ),
  });
}

/** Clock for saved copies: each save a minute later, so copies are told apart. */
function clock() {
  let minute = 0;
  return () => new Date(Date.UTC(2026, 11, 1, 10, minute++));
}

/** The store of lesson x in `kv`, as one page opens it. */
const lessonX = (kv: KeyValueStore, locks?: TabLocks, now = clock()) =>
  workspaceStore(kv, "lesson:x", locks, now);
const options = { pollMs: 60_000, saveDelayMs: 60_000 };
const packs = (rt: FakeRuntime) => rt.execCalls.filter((c) => c.command.includes("tar -cf"));

afterEach(() => vi.useRealTimers());

describe("WorkspaceState keeps the learner's files in the browser", () => {
  it("shows that storage refused the copy, and flags the older copy for the next restore", async () => {
    const kv = memoryKeyValueStore();
    const ws = new WorkspaceState(lessonX(kv), options);
    await ws.attach(guest({ Dockerfile: "FROM busybox\n" }, "OLD"));
    await ws.persist();
    expect(ws.storageProblem).toBeNull();

    // Storage too full for the copy; the small record flagging the old one still fits.
    const put = kv.put.bind(kv);
    kv.put = (key, value) => (key === "lesson:x" ? Promise.reject(quotaError()) : put(key, value));
    await ws.persist();
    expect(ws.storageProblem).toBe(
      "Your files could not be saved in this browser: The quota has been exceeded. They are still in the sandbox. Use “Download files” to keep a copy of them.",
    );
    ws.dispose();

    const reloaded = new WorkspaceState(lessonX(kv), options);
    await reloaded.attach(guest({}));
    expect(reloaded.restoreNotice).toMatch(
      /^These are your files as this browser kept them on .*\. Later changes were not kept: this browser refused to store them \(The quota has been exceeded\)\.$/,
    );
    reloaded.dispose();
  });

  it("does not even pack a workspace over the limit; says so; the older copy's restore says it is older", async () => {
    const kv = memoryKeyValueStore();
    const ws = new WorkspaceState(lessonX(kv), options);
    const rt = guest({ Dockerfile: "FROM busybox\n" }, "OLD");
    await ws.attach(rt);
    await ws.persist();
    await rt.writeFile("big.iso", new Uint8Array(MAX_SNAPSHOT_BYTES + 1));
    await ws.refresh();
    const before = packs(rt).length;
    await ws.persist();
    expect(packs(rt).length).toBe(before); // stopped before streaming anything
    expect(ws.storageProblem).toBe(
      "Your files are not kept in this browser: your workspace grew past 8 MiB (at least 9 MiB), too large to keep in this browser, so a reload would bring back the older copy kept before. Remove large files (du -sh /workspace/* shows them) or use “Download files” to keep a copy.",
    );
    ws.dispose();

    const reloaded = new WorkspaceState(lessonX(kv), options);
    await reloaded.attach(guest({}));
    expect(reloaded.restoreNotice).toMatch(
      /Later changes were not kept: your workspace grew past 8 MiB \(at least 9 MiB\), too large to keep in this browser\.$/,
    );
    reloaded.dispose();
  });

  it("caps the tar in the guest, for growth the last listing did not see", async () => {
    const kv = memoryKeyValueStore();
    const store = lessonX(kv);
    await store.save(encoder.encode("OLD"));
    const rt = guest({ a: "1" }, new Uint8Array(MAX_SNAPSHOT_BYTES + 1));
    const ws = new WorkspaceState(store, options);
    await ws.attach(rt);
    await ws.persist();
    expect(packs(rt).at(-1)?.command).toContain(`| head -c ${MAX_SNAPSHOT_BYTES + 1}`);
    expect(ws.storageProblem).toMatch(/grew past 8 MiB, too large to keep in this browser/);
    const kept = await store.load();
    expect(text(kept!.tar)).toBe("OLD");
    expect(kept!.stale).toMatch(/grew past 8 MiB/);
    ws.dispose();
  });

  it("shows a pack that failed in the guest instead of keeping nothing in silence", async () => {
    const rt = new FakeRuntime({
      exec: (command) =>
        command.includes("tar -cf")
          ? { exitCode: 2, stdout: new Uint8Array(), stderr: encoder.encode("tar: .: Cannot open") }
          : ok(),
    });
    const ws = new WorkspaceState(lessonX(memoryKeyValueStore()), options);
    await ws.attach(rt);
    await ws.persist();
    expect(ws.storageProblem).toMatch(
      /^Your files could not be packed to keep in this browser: tar: \.: Cannot open\./,
    );
    ws.dispose();
  });

  it("keeps editor text typed while the VM is down, and puts it back after a reload", async () => {
    vi.useFakeTimers();
    const kv = memoryKeyValueStore();
    const ws = new WorkspaceState(lessonX(kv), { ...options, editsDelayMs: 300 });
    await ws.attach(guest({ Dockerfile: "FROM busybox\n" }));
    await ws.persist();
    await ws.open("Dockerfile");
    ws.detach(); // the VM stopped
    ws.edit("Dockerfile", "FROM debian\n");
    await vi.advanceTimersByTimeAsync(400);
    expect(ws.dirty).toBe(true); // not in the guest,
    expect(ws.persistPending).toBe(false); // but kept: a reload loses nothing
    ws.dispose(); // the page is closed

    const rt = guest({ Dockerfile: "FROM busybox\n" }); // restored from the kept copy
    const reloaded = new WorkspaceState(lessonX(kv), options);
    await reloaded.attach(rt);
    expect(text(await rt.readFile("Dockerfile"))).toBe("FROM debian\n");
    // Once a copy has the text, it is not kept apart any more.
    await reloaded.persist();
    expect(await kv.get("lesson:x:edits")).toBeNull();
    reloaded.dispose();
  });

  it("shows that editor text could not be kept", async () => {
    vi.useFakeTimers();
    const kv = memoryKeyValueStore();
    const ws = new WorkspaceState(lessonX(kv), { ...options, editsDelayMs: 300 });
    await ws.attach(guest({ a: "1" }));
    await ws.open("a");
    kv.put = () => Promise.reject(quotaError());
    ws.edit("a", "2");
    await vi.advanceTimersByTimeAsync(400);
    expect(ws.storageProblem).toMatch(
      /^Your latest editor text could not be saved in this browser: The quota has been exceeded\./,
    );
    expect(ws.persistPending).toBe(true); // a reload now would lose the text
    ws.dispose();
  });
});

describe("workspaceStore", () => {
  it("flags one copy as older: a copy saved later is not flagged, a legacy bare tar can be", async () => {
    const kv = memoryKeyValueStore();
    const store = lessonX(kv);
    await kv.put("lesson:x", encoder.encode("LEGACY"));
    await store.markStale("too large");
    expect(await store.load()).toMatchObject({ savedAt: null, stale: "too large" });
    await store.save(encoder.encode("NEW"));
    expect(await store.load()).toMatchObject({ savedAt: "2026-12-01T10:00:00.000Z", stale: null });
    await store.clear();
    expect(await kv.get("lesson:x:stale")).toBeNull();
  });
});

describe("WorkspaceState with the lesson open in two tabs", () => {
  /** Two tabs of one browser on lesson x: shared storage and locks, a VM each. */
  async function twoTabs() {
    const kv = memoryKeyValueStore();
    const locks = webLocks(new FakeLockManager());
    const now = clock();
    const tabA = new WorkspaceState(lessonX(kv, locks, now), options);
    const rtA = guest({ a: "1" }, "FROM-A");
    await tabA.attach(rtA);
    await tabA.persist();
    const tabB = new WorkspaceState(lessonX(kv, locks, now), options);
    const rtB = guest({}, "FROM-B");
    await tabB.attach(rtB);
    const kept = async () => text((await lessonX(kv).load())!.tar);
    return { tabA, tabB, kept };
  }

  it("lets only the first tab write; the second says the lesson is open in another tab", async () => {
    const { tabA, tabB, kept } = await twoTabs();
    await tabB.persist();
    expect(await kept()).toBe("FROM-A");
    expect(tabB.storageProblem).toMatch(/^This lesson is open in another tab/);
    expect(tabA.storageProblem).toBeNull();
    tabA.dispose();
    tabB.dispose();
  });

  it("hands writing to the second tab when the first closes", async () => {
    const { tabA, tabB, kept } = await twoTabs();
    tabA.dispose();
    await vi.waitFor(() => expect(tabB.storageProblem).toBeNull());
    await tabB.persist();
    expect(await kept()).toBe("FROM-B");
    tabB.dispose();
  });

  it("does not let the second tab overwrite newer files the first kept after it opened", async () => {
    const { tabA, tabB, kept } = await twoTabs();
    await tabA.persist(); // newer than what tab B restored
    tabA.dispose();
    await vi.waitFor(() => expect(tabB.storageProblem).toMatch(/^Another tab kept newer files/));
    await tabB.persist();
    expect(await kept()).toBe("FROM-A");
    tabB.dispose();
  });
});

import type * as Monaco from "monaco-editor/editor";
import { afterEach, describe, expect, it, vi } from "vitest";
import { withLegacyWebWorker } from "../../src/editor/legacyWebWorker.ts";

/** A worker that records what it is sent. */
function fakeWorker() {
  return {
    sent: [] as unknown[],
    postMessage(message: unknown) {
      this.sent.push(message);
    },
  };
}

describe("withLegacyWebWorker", () => {
  afterEach(() => {
    delete (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment;
  });

  it("starts the worker MonacoEnvironment gives for the label and hands it to Monaco after the handshake", async () => {
    const worker = fakeWorker();
    const getWorker = vi.fn(() => worker as unknown as Worker);
    globalThis.MonacoEnvironment = { getWorker };
    const created = { getProxy: () => null };
    const createWebWorker = vi.fn(() => created);
    const other = () => "kept";
    const monaco = {
      editor: { createWebWorker, getModels: other },
      languages: { register: other },
    } as unknown as typeof Monaco;

    const legacy = withLegacyWebWorker(monaco);
    const result = legacy.editor.createWebWorker({
      moduleId: "monaco-yaml/yaml.worker",
      label: "yaml",
      createData: { validate: true },
    });

    expect(result).toBe(created);
    expect(getWorker).toHaveBeenCalledWith("monaco-yaml/yaml.worker", "yaml");
    const [[{ worker: started }]] = createWebWorker.mock.calls as unknown as [
      [{ worker: Promise<Worker> }],
    ];
    await expect(started).resolves.toBe(worker);
    expect(worker.sent).toEqual(["ignore", { validate: true }]);
    expect(legacy.editor.getModels).toBe(other);
    expect(legacy.languages).toBe(monaco.languages);
  });

  it("says what is missing when no worker factory is set", () => {
    const monaco = { editor: { createWebWorker: vi.fn() } } as unknown as typeof Monaco;
    expect(() =>
      withLegacyWebWorker(monaco).editor.createWebWorker({ moduleId: "m", label: "yaml" }),
    ).toThrow(/MonacoEnvironment\.getWorker/);
  });
});

// @vitest-environment jsdom
import { beforeAll, describe, expect, it, vi } from "vitest";

// The viewer page as a new tab opened by the app: its opener is the app's window.
const app = { postMessage: vi.fn() };
let frame: HTMLIFrameElement;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["setInterval", "Date"] });
  history.replaceState(null, "", "/preview.html?view=v1&port=4000");
  localStorage.setItem("left-by", "a container of an earlier session");
  window.opener = app;
  Object.defineProperty(navigator, "serviceWorker", {
    value: { addEventListener() {}, register: async () => {}, ready: Promise.resolve() },
  });
  await import("../../src/preview/viewer.ts");
  await vi.waitFor(() => expect(document.querySelector("iframe")?.src).toContain("/preview/"));
  frame = document.querySelector("iframe")!;
});

describe("the preview viewer in a new tab", () => {
  it("drops window.opener, so the container's page cannot reach the app's tab", () => {
    expect(window.opener).toBeNull();
  });

  it("still says hello to the app that opened it", () => {
    app.postMessage.mockClear();
    vi.advanceTimersByTime(2000);
    expect(app.postMessage).toHaveBeenCalledWith(
      { type: "sandbox-preview-hello", view: "v1" },
      `${location.protocol}//${location.hostname}:${Number(location.port) - 1}`,
    );
  });

  it("sandboxes the container's frame as the pane does: no top navigation", () => {
    const sandbox = frame.getAttribute("sandbox")!.split(" ");
    expect(sandbox).toEqual(
      expect.arrayContaining(["allow-scripts", "allow-same-origin", "allow-forms"]),
    );
    expect(sandbox.filter((t) => t.includes("top-navigation"))).toEqual([]);
  });

  it("empties the preview origin's storage before it shows a page", () => {
    expect(frame.src).toContain("/preview/v1/4000/");
    expect(localStorage.length).toBe(0);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { webStorage } from "../../src/state/webStorage.ts";

const original = Object.getOwnPropertyDescriptor(globalThis, "localStorage");
afterEach(() => {
  if (original) Object.defineProperty(globalThis, "localStorage", original);
  else delete (globalThis as { localStorage?: unknown }).localStorage;
});

function setLocalStorage(get: () => unknown): void {
  Object.defineProperty(globalThis, "localStorage", { get, configurable: true });
}

describe("webStorage", () => {
  it("is null where reading localStorage throws (third-party storage blocked)", () => {
    setLocalStorage(() => {
      throw new DOMException("Access is denied for this document.", "SecurityError");
    });
    expect(webStorage()).toBeNull();
  });

  it("is null where the object refuses its first use", () => {
    setLocalStorage(() => ({
      getItem() {
        throw new DOMException("denied", "SecurityError");
      },
    }));
    expect(webStorage()).toBeNull();
  });

  it("is the page's storage where it works", () => {
    const storage = { getItem: () => null };
    setLocalStorage(() => storage);
    expect(webStorage()).toBe(storage);
  });
});

import { describe, expect, it } from "vitest";
import { watchDiskRequests } from "../../src/runtime/worker/diskWaits.ts";

/** An XMLHttpRequest stand-in: `finish` fires what the network did. */
class FakeXhr extends EventTarget {
  static made: FakeXhr[] = [];
  status = 0;
  url = "";
  open(_method: string, url: string | URL): void {
    this.url = String(url);
    FakeXhr.made.push(this);
  }
  finish(outcome: "error" | number): void {
    if (outcome === "error") this.dispatchEvent(new Event("error"));
    else {
      this.status = outcome;
      this.dispatchEvent(new Event("load"));
    }
  }
}

function watched() {
  FakeXhr.made = [];
  const scope = { XMLHttpRequest: FakeXhr as unknown as typeof XMLHttpRequest };
  const changes: boolean[] = [];
  watchDiskRequests(
    scope,
    (url) => url.endsWith("/disk.img"),
    (waiting) => changes.push(waiting),
  );
  const request = (url: string) => {
    const xhr = new scope.XMLHttpRequest();
    xhr.open("GET", url);
    return FakeXhr.made.at(-1)!;
  };
  return { changes, request };
}

describe("watchDiskRequests", () => {
  it("says once that the guest waits for its disk, and once that it goes on", async () => {
    const { changes, request } = watched();
    request("http://x/vm/disk.img").finish(206);
    expect(changes).toEqual([]);
    request("http://x/vm/disk.img").finish("error"); // offline, a chunk not kept
    request("http://x/vm/disk.img").finish("error"); // v86's retry
    request("http://x/vm/disk.img").finish(503);
    expect(changes).toEqual([true]);
    request("http://x/vm/disk.img").finish(206); // back online
    request("http://x/vm/disk.img").finish(206);
    expect(changes).toEqual([true, false]);
  });

  it("ignores every other request", async () => {
    const { changes, request } = watched();
    request("http://x/vm/state.bin.zst").finish("error");
    request("http://x/vm/manifest.json").finish(500);
    expect(changes).toEqual([]);
  });
});

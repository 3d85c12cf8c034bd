import { describe, expect, it } from "vitest";
import { watchDiskRequests } from "../../src/runtime/worker/diskWaits.ts";

/** An XMLHttpRequest stand-in: `finish` fires what the network did. */
class FakeXhr extends EventTarget {
  static made: FakeXhr[] = [];
  status = 0;
  url = "";
  setRequestHeader(_name: string, _value: string): void {}
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
  const missing: string[] = [];
  watchDiskRequests(
    scope,
    (url) => url.endsWith("/disk.img"),
    (waiting) => changes.push(waiting),
    (range) => missing.push(range),
  );
  const request = (url: string, range = "bytes=0-4095") => {
    const xhr = new scope.XMLHttpRequest();
    xhr.open("GET", url);
    xhr.setRequestHeader("Range", range);
    return FakeXhr.made.at(-1)!;
  };
  return { changes, missing, request };
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

  it("names each missing byte range once", async () => {
    const { missing, request } = watched();
    request("http://x/vm/disk.img", "bytes=4096-8191").finish("error");
    request("http://x/vm/disk.img", "bytes=4096-8191").finish("error"); // the retry
    request("http://x/vm/disk.img", "bytes=0-4095").finish(503);
    request("http://x/vm/disk.img", "bytes=8192-12287").finish(206);
    expect(missing).toEqual(["bytes=4096-8191", "bytes=0-4095"]);
  });

  it("ignores every other request", async () => {
    const { changes, request } = watched();
    request("http://x/vm/state.bin.zst").finish("error");
    request("http://x/vm/manifest.json").finish(500);
    expect(changes).toEqual([]);
  });
});

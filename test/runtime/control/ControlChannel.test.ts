import { createServer, type Server } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ControlChannel } from "../../../src/runtime/control/ControlChannel.ts";
import { ExecTimeoutError } from "../../../src/runtime/Runtime.ts";
import { startNativeAgent } from "./nativeAgent.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("ControlChannel with the real agent (native build, stdio port)", () => {
  let agent: ReturnType<typeof startNativeAgent>;
  let control: ControlChannel;
  const tmp = mkdtempSync(join(tmpdir(), "cc-"));

  beforeEach(async () => {
    agent = startNativeAgent();
    control = new ControlChannel(agent.port);
    await control.hello({ timeoutMs: 5000 });
  });
  afterEach(() => agent.stop());

  it("answers a ping (an empty HELLO, the clock untouched) with READY", async () => {
    await expect(control.ping({ timeoutMs: 5000 })).resolves.toBeUndefined();
    expect(control.openChannels).toBe(0);
  });

  it("runs a command and returns stdout and exit code 0", async () => {
    const r = await control.exec("echo hi", { cwd: tmp });
    expect(r.exitCode).toBe(0);
    expect(text(r.stdout)).toBe("hi\n");
    expect(r.stderr.length).toBe(0);
  });

  it("returns a failing command's exit code and stderr", async () => {
    const r = await control.exec("echo oops >&2; exit 3", { cwd: tmp });
    expect(r.exitCode).toBe(3);
    expect(text(r.stderr)).toBe("oops\n");
  });

  it("reports death by signal as 128 + signal", async () => {
    const r = await control.exec("kill -TERM $$", { cwd: tmp });
    expect(r.exitCode).toBe(143);
    expect(r.signal).toBe(15);
  });

  it("round-trips every byte value through stdin and stdout", async () => {
    const all = new Uint8Array(256 * 64).map((_, i) => i % 256);
    const r = await control.exec("cat", { cwd: tmp, stdin: all });
    expect(r.stdout).toEqual(all);
  });

  it("moves a 2 MiB stdin through the flow-controlled window intact", async () => {
    const big = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 7919) % 251);
    const r = await control.exec("wc -c; cat > big.bin; cmp big.bin - < big.bin && echo same", {
      cwd: tmp,
      stdin: big,
    });
    expect(text(r.stdout)).toMatch(/^2097152\n/);
  });

  it("keeps only maxOutputBytes of a flood and says so, while the command runs to its end", async () => {
    const r = await control.exec("head -c 3000000 /dev/zero; echo done >&2", {
      cwd: tmp,
      maxOutputBytes: 1 << 20,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.length).toBe(1 << 20);
    expect(text(r.stderr)).toBe("done\n");
    expect(r.truncated).toBe(true);
  });

  it("passes args as positional parameters, never through the shell", async () => {
    const nasty = "a b; $(echo pwned) `id` 'q'";
    const r = await control.exec('printf "%s|%s" "$1" "$2"', { cwd: tmp, args: [nasty, "x"] });
    expect(text(r.stdout)).toBe(`${nasty}|x`);
  });

  it("applies cwd and env", async () => {
    const r = await control.exec('pwd; echo "$GREETING"', {
      cwd: tmp,
      env: { GREETING: "hello env" },
    });
    expect(text(r.stdout)).toBe(`${tmp}\nhello env\n`);
  });

  it("reports a missing working directory as exit 126 with a message", async () => {
    const r = await control.exec("true", { cwd: "/does/not/exist" });
    expect(r.exitCode).toBe(126);
    expect(text(r.stderr)).toContain("cannot change directory to /does/not/exist");
  });

  it("keeps the outputs of concurrent commands apart", async () => {
    const cmds = Array.from({ length: 8 }, (_, i) =>
      control.exec(`for n in 1 2 3 4 5; do echo job${i}-$n; done`, { cwd: tmp }),
    );
    const results = await Promise.all(cmds);
    results.forEach((r, i) =>
      expect(text(r.stdout)).toBe([1, 2, 3, 4, 5].map((n) => `job${i}-${n}\n`).join("")),
    );
  });

  it("times out a command, kills it and stays usable", async () => {
    const started = Date.now();
    await expect(control.exec("sleep 30", { cwd: tmp, timeoutMs: 300 })).rejects.toBeInstanceOf(
      ExecTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(text((await control.exec("echo still-alive", { cwd: tmp })).stdout)).toBe(
      "still-alive\n",
    );
    expect(control.openChannels).toBe(0);
  });

  it("aborts a command with an AbortError", async () => {
    const ac = new AbortController();
    const p = control.exec("sleep 30", { cwd: tmp, signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    await expect(p).rejects.toMatchObject({ name: "AbortError" });
  });

  it("streams output chunks to onStdout while the command runs", async () => {
    const seen: string[] = [];
    await control.exec("echo one; sleep 0.2; echo two", {
      cwd: tmp,
      onStdout: (c) => seen.push(text(c)),
    });
    expect(seen.join("")).toBe("one\ntwo\n");
    expect(seen.length).toBeGreaterThanOrEqual(2);
  });

  describe("unix sockets", () => {
    let server: Server;
    const path = join(tmp, "echo.sock");
    beforeEach(
      () =>
        new Promise<void>((resolve) => {
          server = createServer((s) =>
            s.on("data", (d: Buffer) => s.end(Buffer.concat([Buffer.from("echo:"), d]))),
          );
          server.listen(path, resolve);
        }),
    );
    afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("opens a stream to a unix socket and reads the answer until the peer closes", async () => {
      const stream = await control.openUnix(path);
      const chunks: Uint8Array[] = [];
      stream.onData((c) => chunks.push(c));
      const ended = new Promise<void>((r) => stream.onEnd(r));
      stream.write(new TextEncoder().encode("ping"));
      await ended;
      expect(chunks.map(text).join("")).toBe("echo:ping");
    });

    it("rejects with the reason when nothing listens", async () => {
      await expect(control.openUnix(join(tmp, "nope.sock"))).rejects.toThrow(/connect .*nope.sock/);
    });
  });

  describe("terminals", () => {
    it("gives the shell a tty of the requested size and resizes it", async () => {
      const term = await control.openPty({
        cols: 100,
        rows: 30,
        cwd: tmp,
        command: "stty size; read x; stty size",
      });
      let out = "";
      term.onData((c) => (out += text(c)));
      const exited = new Promise<number>((r) => term.onExit(r));
      await waitFor(() => out.includes("30 100"));
      term.resize(120, 40);
      term.write("\r");
      expect(await exited).toBe(0);
      expect(out).toContain("40 120");
    });

    it("delivers Ctrl-C to the foreground process through the tty", async () => {
      const term = await control.openPty({
        cols: 80,
        rows: 24,
        cwd: tmp,
        command: "sleep 30; echo never",
      });
      const exited = new Promise<number>((r) => term.onExit(r));
      await new Promise((r) => setTimeout(r, 200));
      term.write("\x03");
      expect(await exited).toBe(130);
    });
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

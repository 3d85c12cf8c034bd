import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { PortIO } from "../../../src/runtime/control/ControlChannel.ts";

const SOURCE = resolve(import.meta.dirname, "../../../images/agent/sandbox-agent.c");
let binary: string | undefined;

/**
 * The real guest agent (images/agent/sandbox-agent.c) compiled for this host
 * and run with its control port on stdin/stdout: the protocol code is tested
 * against the same C the guest runs, in milliseconds, without a VM.
 */
export function startNativeAgent(): { port: PortIO; child: ChildProcess; stop: () => void } {
  if (!binary) {
    binary = join(mkdtempSync(join(tmpdir(), "agent-")), "sandbox-agent");
    execFileSync("gcc", ["-O2", "-Wall", "-Werror", "-o", binary, SOURCE]);
  }
  const child = spawn(binary, ["-"], { stdio: ["pipe", "pipe", "inherit"] });
  const port: PortIO = {
    send: (bytes) => void child.stdin!.write(bytes),
    onReceive: (listener) => {
      const fn = (data: Buffer) => listener(new Uint8Array(data));
      child.stdout!.on("data", fn);
      return () => child.stdout!.off("data", fn);
    },
  };
  return { port, child, stop: () => child.kill("SIGKILL") };
}

import { FrameDecoder, FrameType, encodeFrame } from "../../../src/runtime/control/frame.ts";
import type { V86Like } from "../../../src/runtime/v86/emulator.ts";
import { VM_PROFILE } from "../../../src/runtime/v86/profile.ts";

const PORT_IN = `virtio-console${VM_PROFILE.controlPort}-input-bytes`;
const PORT_OUT = `virtio-console${VM_PROFILE.controlPort}-output-bytes`;

/**
 * Just enough of a v86 emulator for V86Runtime's lifecycle: it "starts" at
 * once and its control port is served by a scripted agent that answers HELLO
 * with READY and lets a Unix-socket connection answer HTTP with `dockerd`.
 * Set `agent` to "silent" to play a dead or hung guest.
 */
export class FakeEmulator implements V86Like {
  /** How the agent behaves: answers, says nothing at all, or answers all but HTTP requests. */
  agent: "answers" | "silent" | "dockerd hangs" = "answers";
  /** Each new frame from the host; answered after this many ms (0: at once). */
  answerDelayMs = 0;
  readonly bus = { send: (event: string, value: unknown) => this.#busSend(event, value) };
  #listeners = new Map<string, Set<(value: never) => void>>();
  #decoder = new FrameDecoder();

  add_listener(event: string, listener: (value: never) => void): void {
    if (!this.#listeners.has(event)) this.#listeners.set(event, new Set());
    this.#listeners.get(event)!.add(listener);
    if (event === "emulator-started") queueMicrotask(() => this.#emit(event, undefined));
  }
  remove_listener(event: string, listener: (value: never) => void): void {
    this.#listeners.get(event)?.delete(listener);
  }
  async save_state(): Promise<ArrayBuffer> {
    return new ArrayBuffer(0);
  }
  async stop(): Promise<void> {}
  async destroy(): Promise<void> {}
  is_running(): boolean {
    return true;
  }
  get_instruction_counter(): number {
    return 0;
  }

  #busSend(event: string, value: unknown): void {
    if (event !== PORT_IN || this.agent === "silent") return;
    const bytes = value as Uint8Array;
    const frames = this.#decoder.push(bytes);
    const answer = () => {
      const credit = new Uint8Array(4);
      new DataView(credit.buffer).setUint32(0, bytes.length, true);
      this.#send(FrameType.Credit, 0, credit);
      for (const { type, channel, payload } of frames) this.#answer(type, channel, payload);
    };
    if (this.answerDelayMs) setTimeout(answer, this.answerDelayMs);
    else queueMicrotask(answer);
  }

  #answer(type: number, channel: number, payload: Uint8Array): void {
    if (type === FrameType.Hello) this.#send(FrameType.Ready, channel, text("fake-agent"));
    if (type === FrameType.Unix) this.#send(FrameType.Opened, channel, text("1"));
    if (type === FrameType.Input && payload.length && this.agent === "answers") {
      this.#send(FrameType.Stdout, channel, text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK"));
      this.#send(FrameType.Exit, channel, new Uint8Array(8));
    }
  }

  #send(type: number, channel: number, payload: Uint8Array): void {
    this.#emit(PORT_OUT, encodeFrame(type, channel, payload));
  }

  #emit(event: string, value: unknown): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(value as never);
  }
}

const text = (s: string) => new TextEncoder().encode(s);

import { describe, expect, it } from "vitest";
import {
  LogDemuxer,
  LogStreamError,
  LogTextCollector,
  RawLogReader,
  createLogReader,
  decodeLogs,
  type LogFrame,
} from "../../../src/runtime/docker/logs.ts";
import { ODD_CHUNKS, concatBytes, frame, randomChunks, splitBytes } from "./fakeStream.ts";

/** `docker logs` of `sh -c 'echo hello; echo oops >&2; echo done'` as the daemon sends it. */
const RECORDED = new Uint8Array([
  0x01,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x06,
  ...new TextEncoder().encode("hello\n"),
  0x02,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x05,
  ...new TextEncoder().encode("oops\n"),
  0x01,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00,
  0x05,
  ...new TextEncoder().encode("done\n"),
]);

const asText = (frames: LogFrame[]) =>
  frames.map((f) => `${f.stream}:${new TextDecoder().decode(f.data)}`);

function demuxAll(chunks: Uint8Array[]): LogFrame[] {
  const demuxer = new LogDemuxer();
  const frames = chunks.flatMap((chunk) => demuxer.push(chunk));
  demuxer.finish();
  return frames;
}

describe("LogDemuxer", () => {
  it("splits a recorded multiplexed body into stdout and stderr frames", () => {
    expect(asText(demuxAll([RECORDED]))).toEqual([
      "stdout:hello\n",
      "stderr:oops\n",
      "stdout:done\n",
    ]);
  });

  it.each([
    ["1-byte chunks", [1]],
    ["odd chunks", ODD_CHUNKS],
    ["random chunks", randomChunks(7, 100, 11)],
  ])(
    "returns the same whole frames when headers and payloads are split into %s",
    (_name, sizes) => {
      expect(asText(demuxAll(splitBytes(RECORDED, sizes)))).toEqual([
        "stdout:hello\n",
        "stderr:oops\n",
        "stdout:done\n",
      ]);
    },
  );

  it("assembles a payload larger than any chunk and skips empty frames", () => {
    const big = "x".repeat(70_000) + "\n";
    const body = concatBytes([frame(1, ""), frame(2, big), frame(1, "tail\n")]);
    const frames = demuxAll(splitBytes(body, [4096, 3, 1]));
    expect(frames.map((f) => [f.stream, f.data.length])).toEqual([
      ["stderr", 70_001],
      ["stdout", 5],
    ]);
  });

  it("rejects bytes that are not a frame header (e.g. raw TTY output) with LogStreamError", () => {
    const demuxer = new LogDemuxer();
    expect(() => demuxer.push(new TextEncoder().encode("hello world\n"))).toThrow(LogStreamError);
    expect(() => new LogDemuxer().push(new Uint8Array([1, 0, 7, 0, 0, 0, 0, 1, 65]))).toThrow(
      /invalid log frame header: 01 00 07 00/,
    );
  });

  it("reports a body that ends in the middle of a frame", () => {
    const demuxer = new LogDemuxer();
    demuxer.push(RECORDED.subarray(0, 10));
    expect(() => demuxer.finish()).toThrow("log stream ended in the middle of a frame");
  });
});

describe("raw (TTY) logs", () => {
  it("passes chunks through unchanged as stdout", () => {
    const reader = new RawLogReader();
    const chunk = new TextEncoder().encode("\x1b[1mbold\x1b[0m\r\n");
    expect(reader.push(chunk)).toEqual([{ stream: "stdout", data: chunk }]);
    expect(reader.push(new Uint8Array(0))).toEqual([]);
    expect(() => reader.finish()).not.toThrow();
  });

  it("createLogReader picks the raw reader for TTY containers and the demuxer otherwise", () => {
    expect(createLogReader(true)).toBeInstanceOf(RawLogReader);
    expect(createLogReader(false)).toBeInstanceOf(LogDemuxer);
  });
});

describe("decodeLogs / LogTextCollector", () => {
  it("decodes a UTF-8 character split across two frames and 1-byte chunks", () => {
    const euro = new TextEncoder().encode("€\n"); // e2 82 ac 0a
    const body = concatBytes([
      frame(1, euro.subarray(0, 1)),
      frame(1, euro.subarray(1)),
      frame(2, "ünïcödé\n"),
    ]);
    expect(decodeLogs(splitBytes(body, [1]), false)).toEqual({
      stdout: "€\n",
      stderr: "ünïcödé\n",
    });
  });

  it("decodes raw TTY output entirely as stdout", () => {
    const chunks = splitBytes(new TextEncoder().encode("prompt$ ls\r\nbin  etc\r\n"), [5]);
    expect(decodeLogs(chunks, true)).toEqual({ stdout: "prompt$ ls\r\nbin  etc\r\n", stderr: "" });
  });

  it("throws the daemon's in-band error (stream type 3)", () => {
    const collector = new LogTextCollector(false);
    expect(() => collector.push(frame(3, "failed to read log file"))).toThrow(
      "error from daemon in log stream: failed to read log file",
    );
  });
});

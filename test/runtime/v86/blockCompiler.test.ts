// The block compiler against a stand-in for v86's CPU object: a real wasm
// module of the shape v86 generates (one export "f", imports under "e"),
// compiled from the emulator's memory and installed after the current slice.
import { describe, expect, it } from "vitest";
import { installBlockCompiler, jitDelta } from "../../../src/runtime/v86/blockCompiler.ts";
import type { V86Like } from "../../../src/runtime/v86/emulator.ts";

/** (module (import "e" "m" (memory 1)) (func (export "f") (param i32) ...)) storing its param at address 0. */
const BLOCK = new Uint8Array([
  0x00,
  0x61,
  0x73,
  0x6d,
  0x01,
  0x00,
  0x00,
  0x00, // magic, version
  0x01,
  0x05,
  0x01,
  0x60,
  0x01,
  0x7f,
  0x00, // type: (i32) -> ()
  0x02,
  0x08,
  0x01,
  0x01,
  0x65,
  0x01,
  0x6d,
  0x02,
  0x00,
  0x01, // import e.m memory min 1
  0x03,
  0x02,
  0x01,
  0x00, // func 0: type 0
  0x07,
  0x05,
  0x01,
  0x01,
  0x66,
  0x00,
  0x00, // export "f" = func 0
  0x0a,
  0x0b,
  0x01,
  0x09,
  0x00,
  0x41,
  0x00,
  0x20,
  0x00,
  0x36,
  0x02,
  0x00,
  0x0b, // i32.store(0, param)
]);

function fakeEmulator() {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const table = new WebAssembly.Table({ element: "anyfunc", initial: 1024 + 900 });
  const finished: [number, number, number][] = [];
  const cpu = {
    wasm_memory: memory,
    jit_imports: { m: memory },
    wm: { wasm_table: table },
    codegen_finalize: (..._args: number[]): void => {
      throw new Error("v86's own compile path must not run");
    },
    codegen_finalize_finished: (index: number, start: number, flags: number) =>
      finished.push([index, start, flags]),
  };
  const listeners = new Map<string, () => void>();
  const emulator = {
    v86: { cpu },
    add_listener: (event: string, fn: () => void) => listeners.set(event, fn),
  } as unknown as V86Like;
  return {
    emulator,
    cpu,
    memory,
    table,
    finished,
    load: () => listeners.get("emulator-loaded")?.(),
  };
}

describe("installBlockCompiler", () => {
  it("compiles a generated block from the emulator's memory and installs it after the current slice", async () => {
    const vm = fakeEmulator();
    const counters = installBlockCompiler(vm.emulator);
    vm.load();
    new Uint8Array(vm.memory.buffer).set(BLOCK, 4096);

    vm.cpu.codegen_finalize(7, 0x1234000, 3, 4096, BLOCK.length);
    // Not yet: v86 holds its JIT state while it calls codegen_finalize.
    expect(vm.finished).toEqual([]);
    expect(vm.table.get(1024 + 7)).toBeNull();
    expect(counters).toMatchObject({ blocks: 1, blockBytes: BLOCK.length });

    await Promise.resolve();
    expect(vm.finished).toEqual([[7, 0x1234000, 3]]);
    const f = vm.table.get(1024 + 7) as (state: number) => void;
    f(42);
    expect(new Uint32Array(vm.memory.buffer)[0]).toBe(42);
  });

  it("copies the bytes before v86 reuses its code buffer", async () => {
    const vm = fakeEmulator();
    installBlockCompiler(vm.emulator);
    vm.load();
    const bytes = new Uint8Array(vm.memory.buffer);
    bytes.set(BLOCK, 4096);
    vm.cpu.codegen_finalize(1, 0, 0, 4096, BLOCK.length);
    bytes.fill(0, 4096, 4096 + BLOCK.length);
    await Promise.resolve();
    expect(typeof vm.table.get(1024 + 1)).toBe("function");
  });

  it("leaves v86 alone when its CPU object does not have the expected shape", () => {
    const listeners = new Map<string, () => void>();
    const own = () => "v86";
    const cpu = { codegen_finalize: own };
    const emulator = {
      v86: { cpu },
      add_listener: (event: string, fn: () => void) => listeners.set(event, fn),
    } as unknown as V86Like;
    installBlockCompiler(emulator);
    listeners.get("emulator-loaded")?.();
    expect(cpu.codegen_finalize).toBe(own);
  });

  it("reports what was compiled between two readings", () => {
    expect(
      jitDelta(
        { blocks: 10, blockBytes: 1000, compileMs: 5.2 },
        { blocks: 15, blockBytes: 1800, compileMs: 9.9 },
      ),
    ).toEqual({ blocks: 5, blockBytes: 800, compileMs: 5 });
    expect(jitDelta(null, { blocks: 1, blockBytes: 1, compileMs: 1 })).toBeNull();
  });
});

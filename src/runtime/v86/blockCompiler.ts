import type { V86Like } from "./emulator.ts";

/**
 * v86's JIT turns hot guest code into one small WebAssembly module per page
 * group ("block") and hands the bytes to `cpu.codegen_finalize`, which
 * compiles them with the asynchronous `WebAssembly.instantiate`. v86 compiles
 * one block at a time: until that promise settles, the guest keeps running in
 * the interpreter and no other hot code is compiled.
 *
 * In Chromium that promise waits in the same thread pool where V8 optimizes
 * (TurboFan) every generated function that gets hot, and on a 2-core machine
 * that pool is saturated: a block took 300–500 ms from bytes to installed
 * (Node: ~15 ms). Compiling it here with the synchronous constructors takes
 * ~7 ms for a 100 KB module (V8 compiles lazily with Liftoff) and does not
 * queue behind the optimizer. docs/performance.md has the measurements.
 *
 * The block is installed in a microtask, not inside this call: codegen_finalize
 * runs inside the wasm JIT (which holds its state lock), and
 * `codegen_finalize_finished` re-enters it. The microtask runs as soon as the
 * current execution slice returns to the event loop, as the promise would.
 *
 * Reaches into v86's CPU object (`emulator.v86.cpu`), whose method names the
 * published build keeps; if they are missing, v86's own path stays in place.
 */
export function installBlockCompiler(emulator: V86Like): JitCounters {
  const counters: JitCounters = { blocks: 0, blockBytes: 0, compileMs: 0 };
  const apply = () => {
    const cpu = (emulator as unknown as { v86?: { cpu?: Partial<V86Cpu> } }).v86?.cpu;
    if (
      !cpu ||
      typeof cpu.codegen_finalize !== "function" ||
      typeof cpu.codegen_finalize_finished !== "function" ||
      !cpu.wm?.wasm_table ||
      !cpu.wasm_memory ||
      !cpu.jit_imports
    ) {
      return;
    }
    const { wm, wasm_memory: memory } = cpu as V86Cpu;
    const finished = cpu.codegen_finalize_finished.bind(cpu);
    cpu.codegen_finalize = (index, start, stateFlags, ptr, len) => {
      const t0 = performance.now();
      // The bytes live in the emulator's memory; the constructor copies them.
      const code = new Uint8Array(memory.buffer, ptr >>> 0, len >>> 0);
      const instance = new WebAssembly.Instance(new WebAssembly.Module(code), {
        e: cpu.jit_imports!,
      });
      counters.blocks++;
      counters.blockBytes += len >>> 0;
      counters.compileMs += performance.now() - t0;
      queueMicrotask(() => {
        // v86's table layout: generated blocks start at slot 1024.
        wm.wasm_table.set(index + WASM_TABLE_OFFSET, instance.exports.f as never);
        finished(index, start, stateFlags);
      });
    };
  };
  emulator.add_listener("emulator-loaded", apply as (value: never) => void);
  return counters;
}

/** What the JIT compiled so far: for the benchmark and the profile. */
export interface JitCounters {
  /** Blocks (wasm modules) v86 generated and we compiled. */
  blocks: number;
  blockBytes: number;
  /** Time spent compiling and instantiating them on the emulator's thread. */
  compileMs: number;
}

/** v86's first table slot for generated code (WASM_TABLE_OFFSET in its const.js). */
const WASM_TABLE_OFFSET = 1024;

interface V86Cpu {
  codegen_finalize(
    index: number,
    start: number,
    stateFlags: number,
    ptr: number,
    len: number,
  ): void;
  codegen_finalize_finished(index: number, start: number, stateFlags: number): void;
  wasm_memory: WebAssembly.Memory;
  jit_imports: WebAssembly.ModuleImports;
  wm: { wasm_table: WebAssembly.Table };
}

/** What the JIT compiled between two readings of the counters. */
export function jitDelta(
  before: JitCounters | null,
  after: JitCounters | null,
): JitCounters | null {
  if (!before || !after) return null;
  return {
    blocks: after.blocks - before.blocks,
    blockBytes: after.blockBytes - before.blockBytes,
    compileMs: Math.round(after.compileMs - before.compileMs),
  };
}

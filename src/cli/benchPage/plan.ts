import type { JitCounters } from "../../runtime/v86/blockCompiler.ts";

/** What the bench server asks a bench page to do (GET /__bench/plan). */
export type BenchPlan =
  | {
      kind: "app";
      /** Marker made unique per browser, echoed by the first `docker run`. */
      index: number;
      prompt: string;
    }
  | {
      kind: "workloads";
      workloads: Workload[];
    }
  | {
      /** A widget on a host page of another origin (embedScenario.ts). */
      kind: "embed";
      lesson: string;
    };

/** One command run repeatedly through the runtime's exec, as the Node bench runs it. */
export interface Workload {
  name: string;
  command: string;
  /** Unmeasured runs first. */
  warmup: number;
  runs: number;
  /** Files written into /workspace before the first run. */
  files?: Record<string, string>;
}

/** What an app plan reports: ms on the app's own clock (since its navigation). */
export interface AppReport {
  coldReadyMs: number;
  coldMarks: Record<string, number>;
  firstRunMs: number;
  cachedReadyMs: number;
  cachedMarks: Record<string, number>;
  /** Sandbox → Save sandbox until "Saved in this browser". */
  sandboxSaveMs: number;
  /** The longest gap between the page's animation frames during that save. */
  sandboxSaveLongestFrameMs: number;
  /** Navigation → prompt with the kept sandbox restored. */
  sandboxRestoreReadyMs: number;
}

/** What a workloads plan reports: wall ms per measured run, and what v86's JIT compiled during each. */
export type WorkloadReport = Record<string, { ms: number[]; jit: (JitCounters | null)[] }>;

/** What an embed plan reports: Start → prompt, with nothing cached and then cached. */
export interface EmbedReport {
  coldClickToPromptMs: number;
  clickToPromptMs: number;
}

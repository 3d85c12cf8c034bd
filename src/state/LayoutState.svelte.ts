import { webStorage } from "./webStorage.ts";

/** Pane sizes, in percent of their container; kept across visits. */
export interface PaneSizes {
  /** Lesson pane, of the page width. */
  lesson: number;
  /** Editor area (file tree + editor), of the right column's height. */
  editor: number;
  /** File tree, of the editor area's width. */
  tree: number;
}

export const DEFAULT_SIZES: PaneSizes = { lesson: 36, editor: 50, tree: 26 };
/** No pane shrinks below this share (it would vanish, with no way to find it again). */
export const MIN_PERCENT = 12;
export const MAX_PERCENT = 88;

const KEY = "docker-sandbox:layout";

export const clampPercent = (v: number) => Math.min(MAX_PERCENT, Math.max(MIN_PERCENT, v));

/** Resizable pane sizes, persisted in localStorage (ignored when storage is unavailable). */
export class LayoutState {
  sizes = $state<PaneSizes>({ ...DEFAULT_SIZES });

  constructor(private readonly storage: Storage | null = webStorage()) {
    try {
      const saved = JSON.parse(storage?.getItem(KEY) ?? "null") as Partial<PaneSizes> | null;
      for (const k of Object.keys(DEFAULT_SIZES) as (keyof PaneSizes)[]) {
        const v = saved?.[k];
        if (typeof v === "number" && Number.isFinite(v)) this.sizes[k] = clampPercent(v);
      }
    } catch {
      // Corrupt or blocked storage: start from the defaults.
    }
  }

  set(pane: keyof PaneSizes, percent: number): void {
    this.sizes[pane] = clampPercent(percent);
    try {
      this.storage?.setItem(KEY, JSON.stringify(this.sizes));
    } catch {
      // Quota or privacy mode: sizes just won't persist.
    }
  }

  reset(): void {
    for (const k of Object.keys(DEFAULT_SIZES) as (keyof PaneSizes)[])
      this.set(k, DEFAULT_SIZES[k]);
  }
}

/** The widget's layouts: what it shows, from the terminal alone to the whole lesson. */
export type WidgetLayout = "terminal" | "editor-terminal" | "lesson-editor-terminal";

/** Heights (px, header included) at which each layout works without scrolling its panes. */
export const LAYOUT_HEIGHT: Record<WidgetLayout, number> = {
  terminal: 360,
  "editor-terminal": 560,
  "lesson-editor-terminal": 640,
};

/** Below this width the lesson goes above the editor and the terminal. */
export const STACK_BELOW_PX = 720;
/** Below this width of the editor's column the file tree is left out. */
export const TREE_FROM_PX = 520;

/**
 * The height the widget asks its host page for. Side by side, the layout's
 * own height; stacked, the lesson's whole height (`stackedLesson`, px) above
 * what the editor and the terminal need, so the host page scrolls rather
 * than the lesson.
 */
export function preferredHeight(layout: WidgetLayout, stackedLesson: number | null): number {
  if (stackedLesson === null) return LAYOUT_HEIGHT[layout];
  return LAYOUT_HEIGHT["editor-terminal"] + Math.ceil(stackedLesson);
}

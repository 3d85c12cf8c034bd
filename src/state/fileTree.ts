import type { WorkspaceEntry } from "../runtime/Runtime.ts";

/** One visible row of the file tree. */
export interface TreeRow {
  path: string;
  name: string;
  depth: number;
  isDir: boolean;
  /** For folders: whether its children are shown. */
  expanded: boolean;
}

/**
 * Flatten the workspace listing into the rows a tree shows: folders first,
 * then files, each level sorted by name; children of collapsed folders
 * hidden.
 */
export function treeRows(
  entries: readonly WorkspaceEntry[],
  collapsed: ReadonlySet<string>,
): TreeRow[] {
  const children = new Map<string, WorkspaceEntry[]>();
  for (const e of entries) {
    const slash = e.path.lastIndexOf("/");
    const parent = slash < 0 ? "" : e.path.slice(0, slash);
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(e);
  }
  const rows: TreeRow[] = [];
  const walk = (dir: string, depth: number) => {
    const list = (children.get(dir) ?? []).slice().sort((a, b) => {
      const ad = a.type === "dir" ? 0 : 1;
      const bd = b.type === "dir" ? 0 : 1;
      return ad - bd || a.path.localeCompare(b.path);
    });
    for (const e of list) {
      const isDir = e.type === "dir";
      const expanded = isDir && !collapsed.has(e.path);
      rows.push({
        path: e.path,
        name: e.path.slice(dir ? dir.length + 1 : 0),
        depth,
        isDir,
        expanded,
      });
      if (expanded) walk(e.path, depth + 1);
    }
  };
  walk("", 0);
  return rows;
}

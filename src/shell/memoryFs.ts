import type { VirtualFs } from './types';

/** Normalizes `./a/../b//c` → `b/c` (relative, no leading slash). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** A VirtualFs over a map of path → content (the editor's files, tests). Writable. */
export function memoryFs(files: Record<string, string> = {}): VirtualFs & { files: Record<string, string> } {
  const store: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) store[normalizePath(k)] = v;
  return {
    files: store,
    read: (path) => store[normalizePath(path)],
    isDir(path) {
      const p = normalizePath(path);
      if (p === '') return true;
      return Object.keys(store).some((k) => k.startsWith(p + '/'));
    },
    list(dir) {
      const d = normalizePath(dir);
      const prefix = d ? d + '/' : '';
      const names = new Set<string>();
      for (const k of Object.keys(store))
        if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]!);
      return [...names].sort();
    },
    write(path, content) {
      store[normalizePath(path)] = content;
    },
  };
}

/** A VirtualFs over a real folder, for the headless runner and `kubelab serve --script`. */
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VirtualFs } from '../shell/types';

/** A VirtualFs over a real folder (reads; writes go to memory so scripts never change the disk). */
export function nodeFs(root: string): VirtualFs {
  const written = new Map<string, string>();
  const abs = (p: string) => resolve(root, p);
  return {
    read(p) {
      if (written.has(abs(p))) return written.get(abs(p));
      try {
        const s = statSync(abs(p));
        return s.isFile() ? readFileSync(abs(p), 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    isDir(p) {
      try {
        return statSync(abs(p)).isDirectory();
      } catch {
        return false;
      }
    },
    list(p) {
      try {
        return readdirSync(abs(p)).sort();
      } catch {
        return [];
      }
    },
    write(p, content) {
      written.set(abs(p), content);
    },
  };
}

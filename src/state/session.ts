/**
 * The shell session as the studio sees it (the contract of src/shell/session.ts). Loaded through
 * `import.meta.glob` so the studio still builds and shows a clear message when the core is not there.
 */
import type { Cluster } from '../sim/cluster';
import type { CommandDef, VirtualFs } from '../shell/types';

export interface SessionLike {
  readonly cluster: Cluster;
  onClusterReplaced(fn: (c: Cluster) => void): () => void;
  exec(text: string): { output: string; exitCode: number };
  onOutput(fn: (text: string) => void): () => void;
  interrupt(): void;
  complete(line: string): { start: number; candidates: string[] };
  readonly commands: CommandDef[];
  readonly history: string[];
  fs: VirtualFs;
  /** Language of the shell's own messages (help, "command not found"); absent in an older core. */
  lang?: 'en' | 'zh';
}

export interface SessionModule {
  createSession(opts: {
    mode: 'script' | 'interactive';
    cluster?: Cluster;
    fs?: VirtualFs;
    seed?: number;
  }): SessionLike;
}

// Lazy: the simulation and the command language are their own chunk, fetched while the studio's shell paints.
const found = import.meta.glob<SessionModule>('../shell/session.ts');

/** The core's session module, or undefined when it is missing from this build. */
export async function loadSessionModule(): Promise<SessionModule | undefined> {
  const load = Object.values(found)[0];
  if (!load) return undefined;
  const m = await load();
  return typeof m.createSession === 'function' ? m : undefined;
}

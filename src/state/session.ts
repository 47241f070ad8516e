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
}

export interface SessionModule {
  createSession(opts: {
    mode: 'script' | 'interactive';
    cluster?: Cluster;
    fs?: VirtualFs;
    seed?: number;
  }): SessionLike;
}

const found = import.meta.glob<SessionModule>('../shell/session.ts', { eager: true });

/** The core's session module, or undefined when it is missing from this build. */
export function sessionModule(): SessionModule | undefined {
  const m = Object.values(found)[0];
  return m && typeof m.createSession === 'function' ? m : undefined;
}

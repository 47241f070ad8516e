/**
 * One `vite preview` of a built folder for the measuring scripts (benchUi, profileSettle, traceStart, startShots):
 * started in its own process group, answered once its page loads, and stopped with the group — also when the
 * script exits early (its output cut short by `| head`).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Preview {
  url: string;
  stop(): void;
}

/** Serves `dist` on 127.0.0.1:`port` and resolves when the page answers (10 s at most, then it goes on anyway). */
export async function startPreview(dist: string, port: number | string): Promise<Preview> {
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', dist],
    { cwd: join(import.meta.dirname, '..'), stdio: 'ignore', detached: true },
  );
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
  };
  process.on('exit', stop);
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop };
}

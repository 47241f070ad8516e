/**
 * The headless runner: `npm run -s kubelab -- run <script> [--seed N]` prints a transcript — each command as
 * `$ <command line>`, then its output. Paths in the script are relative to the script's folder.
 */
import { readFileSync, statSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve, join } from 'node:path';
import { runScript } from '../shell/session';
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

const USAGE = `Usage: npm run -s kubelab -- run <script> [--seed N]
       npm run -s kubelab -- run - [--seed N]      (script from standard input)
Runs a Kubelab script headless and prints its transcript.`;

function main(argv: string[]): number {
  const [cmd, file, ...rest] = argv;
  if (cmd !== 'run' || !file) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  let seed: number | undefined;
  let out: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a.includes('=') ? a.split('=')[1] : rest[++i];
      seed = Number(v);
      if (!Number.isInteger(seed)) {
        process.stderr.write(`error: --seed must be a whole number, got "${v}"\n`);
        return 2;
      }
    } else if (a === '-o' || a === '--output') out = rest[++i];
    else {
      process.stderr.write(`error: unknown option ${a}\n${USAGE}\n`);
      return 2;
    }
  }
  let text: string;
  let root: string;
  if (file === '-') {
    text = readFileSync(0, 'utf8');
    root = process.cwd();
  } else {
    const path = resolve(file);
    if (!existsSync(path) || !statSync(path).isFile()) {
      process.stderr.write(`error: cannot read script ${file}: no such file\n`);
      return 1;
    }
    text = readFileSync(path, 'utf8');
    root = dirname(path);
  }
  const { transcript } = runScript(text, { ...(seed !== undefined ? { seed } : {}), fs: nodeFs(root) });
  if (out) writeFileSync(join(process.cwd(), out), transcript);
  else process.stdout.write(transcript);
  return 0;
}

process.exitCode = main(process.argv.slice(2));

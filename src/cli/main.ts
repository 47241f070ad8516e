/**
 * The headless runner: `npm run -s kubelab -- run <script> [--seed N]` prints a transcript — each command as
 * `$ <command line>`, then its output. Paths in the script are relative to the script's folder.
 */
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve, join } from 'node:path';
import { runScript } from '../shell/session';
import { nodeFs } from './nodeFs';
import { serveMain, SERVE_USAGE } from './serve';

export { nodeFs } from './nodeFs';

const USAGE = `Usage: npm run -s kubelab -- run <script> [--seed N]
       npm run -s kubelab -- run - [--seed N]      (script from standard input)
Runs a Kubelab script headless and prints its transcript.
${SERVE_USAGE}`;

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

const argv = process.argv.slice(2);
if (argv[0] === 'serve') {
  void serveMain(argv.slice(1)).then((code) => process.exit(code));
} else process.exitCode = main(argv);

/**
 * `npm run bench`: bundles scripts/bench.ts with esbuild the way the app's production build compiles the
 * simulator (one ES module, no per-function name wrappers — tsx's on-the-fly transform adds a defineProperty
 * call to every closure it creates), then runs it with `--expose-gc` so heap figures are taken after a full GC.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'node_modules', '.cache', 'kubelab-bench', 'bench.mjs');
mkdirSync(dirname(out), { recursive: true });
await build({
  entryPoints: [join(root, 'scripts', 'bench.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'es2022',
  outfile: out,
  logLevel: 'warning',
  // bench.ts imports node built-ins only besides the simulator
  packages: 'external',
});
const r = spawnSync(process.execPath, ['--expose-gc', out, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(r.status ?? 1);

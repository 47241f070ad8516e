// `npm test`: every check, in order, stopping at the first failure.
// typecheck → lint → deps (layer rules, .dependency-cruiser.cjs) → unit → lesson replay → build → e2e (real Chromium).
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['deps', 'node', ['scripts/deps.mjs']],
  ['unit', 'npx', ['vitest', 'run']],
  ['lessons', 'npx', ['tsx', 'scripts/checkLessons.ts']],
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['e2e', 'npx', ['playwright', 'test']],
];
const only = process.argv.slice(2);
let failed = 0;
let passed = 0;
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  const t0 = process.hrtime.bigint();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    console.log(`✗ ${name} failed after ${secs.toFixed(1)} s`);
    failed++;
    break;
  }
  passed++;
  console.log(`✓ ${name} (${secs.toFixed(1)} s)`);
}
console.log(`\nsteps: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

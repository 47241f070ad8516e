// `npm run deps`: the layer rules of .dependency-cruiser.cjs over src (one cruise, cached), and the layer picture
// in README's "Layout" section, which must match the code.
//   node scripts/deps.mjs            check: fails on a violation not in the known list, or a stale README picture
//   node scripts/deps.mjs --write    redraws the picture in README (`npm run deps:graph`)
//   node scripts/deps.mjs --all      also fails on the known violations (what "0 cycles" will mean)
//   node scripts/deps.mjs --baseline rewrites the known list from today's violations (only ever to shrink it)
// The known list (.dependency-cruiser-known-violations.json) holds the violations that stood when the rules came
// in; each run prints how many remain, by rule, so the count can only go down.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const KNOWN = '.dependency-cruiser-known-violations.json';
const README = 'README.md';
const BEGIN =
  '<!-- deps:graph (drawn by `npm run deps:graph` from the imports; `npm run deps` checks it) -->';
const END = '<!-- /deps:graph -->';
const args = new Set(process.argv.slice(2));
const { layers } = require('../.dependency-cruiser.cjs');

const cruiseArgs = ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'];
if (existsSync(KNOWN) && !args.has('--all') && !args.has('--baseline'))
  cruiseArgs.push('--ignore-known', KNOWN);
const r = spawnSync('npx', cruiseArgs, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
if (r.error || !r.stdout.trim().startsWith('{')) {
  console.error(r.stderr || r.error);
  process.exit(2);
}
const result = JSON.parse(r.stdout);
let failed = false;

if (args.has('--baseline')) {
  const known = result.summary.violations.map((v) => ({
    type: v.type,
    from: v.from,
    to: v.to,
    rule: v.rule,
    ...(v.cycle ? { cycle: v.cycle } : {}),
  }));
  writeFileSync(KNOWN, JSON.stringify(known, null, 2) + '\n');
  console.log(`deps: ${known.length} known violations written to ${KNOWN}`);
}

// Violations: new ones fail; known ones are counted by rule.
// (known violations come back with severity `ignore`)
const fresh = args.has('--baseline')
  ? []
  : result.summary.violations.filter((v) => v.rule.severity !== 'ignore');
for (const v of fresh) {
  const via = v.cycle ? `  (circle: ${[v.from, ...v.cycle.map((s) => s.name ?? s)].join(' → ')})` : '';
  console.log(`✗ ${v.rule.name}: ${v.from} → ${v.to}${via}`);
}
if (fresh.length) failed = true;
if (existsSync(KNOWN) && !args.has('--all')) {
  const known = JSON.parse(readFileSync(KNOWN, 'utf8'));
  const byRule = {};
  for (const v of known) byRule[v.rule.name] = (byRule[v.rule.name] ?? 0) + 1;
  const ignored = result.summary.ignore ?? 0;
  const list = Object.entries(byRule)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  console.log(
    `deps: ${ignored} known violations still stand (${KNOWN}: ${list}); \`npm run deps -- --all\` lists them`,
  );
  if (ignored < known.length)
    console.log(`deps: ${known.length - ignored} known violations are gone: \`npm run deps -- --baseline\``);
}

// The picture: one box per layer and per unit of src/sim, one arrow per pair that imports (tests left out).
function unitOf(file) {
  const p = file.split('/');
  if (p[0] !== 'src') return null;
  if (p.length === 2) return p[1] === 'main.tsx' ? 'ui' : null;
  if (p[1] !== 'sim') return p[1];
  return `sim/${p[2].replace(/\.tsx?$/, '')}`;
}
const edges = new Map();
for (const m of result.modules) {
  if (/\.test\.tsx?$/.test(m.source)) continue;
  const a = unitOf(m.source);
  if (!a) continue;
  for (const d of m.dependencies) {
    const b = d.resolved && unitOf(d.resolved);
    if (!b || a === b) continue;
    // Arrows between layers are drawn once, from layer to layer (sim's units inside its box).
    const from = a.startsWith('sim/') && !b.startsWith('sim/') ? 'sim' : a;
    const to = b.startsWith('sim/') && !a.startsWith('sim/') ? 'sim' : b;
    const key = `${from} ${to}`;
    const e = edges.get(key) ?? { from, to, value: false };
    if (!(d.dependencyTypes ?? []).includes('type-only')) e.value = true;
    edges.set(key, e);
  }
}
const id = (u) => u.replace('/', '_');
const simUnits = layers.simTiers.flat();
const lines = ['```mermaid', 'flowchart TB'];
for (const [name] of layers.appLayers.filter(([n]) => n !== 'sim')) lines.push(`  ${name}[src/${name}]`);
for (const name of layers.besideApp) lines.push(`  ${name}[src/${name}]`);
lines.push('  subgraph sim[src/sim]', '    direction TB');
[...layers.simTiers].reverse().forEach((tier, i) => {
  lines.push(`    subgraph t${i}[" "]`, '      direction LR');
  for (const u of tier) lines.push(`      ${id(`sim/${u}`)}[${u}]`);
  lines.push('    end');
});
lines.push('  end');
const stray = new Set();
for (const e of [...edges.values()].sort((x, y) => `${x.from} ${x.to}`.localeCompare(`${y.from} ${y.to}`))) {
  for (const u of [e.from, e.to])
    if (u.startsWith('sim/') && !simUnits.includes(u.slice(4))) stray.add(u.slice(4));
  lines.push(`  ${id(e.from)} ${e.value ? '-->' : '-.->'} ${id(e.to)}`);
}
lines.push('```');
const picture = `${BEGIN}\n${lines.join('\n')}\n${END}`;
if (stray.size) {
  console.log(`✗ src/sim units in no tier of .dependency-cruiser.cjs: ${[...stray].join(', ')}`);
  failed = true;
}

const readme = readFileSync(README, 'utf8');
const at = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (at < 0 || end < at) {
  console.log(`✗ ${README} has no deps:graph markers`);
  failed = true;
} else if (readme.slice(at, end + END.length) !== picture) {
  if (args.has('--write')) {
    writeFileSync(README, readme.slice(0, at) + picture + readme.slice(end + END.length));
    console.log(`deps: redrew the layer picture in ${README}`);
  } else {
    console.log(`✗ the layer picture in ${README} is stale: \`npm run deps:graph\``);
    failed = true;
  }
}
const s = result.summary;
console.log(
  `deps: ${s.totalCruised} modules, ${s.totalDependenciesCruised} imports; ${fresh.length} new violations` +
    (failed ? '' : ' ✓'),
);
process.exit(failed ? 1 : 0);

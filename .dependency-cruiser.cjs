// The layer rules of Kubelab, checked by `npm run deps` (a step of `npm test`). This file is the documentation:
// README's "Layout" section states these rules and shows the picture `npm run deps:graph` draws from the code.
//
// Imports point down only. `import type` counts (tsPreCompilationDeps): a type import is a dependency a reader
// has to follow just like any other.

/** The app's layers, top first. A layer may import any layer below it, never one above. */
const appLayers = [
  ['ui', 'the React app (src/ui and its entry src/main.tsx)'],
  ['state', 'zustand stores bridging the simulation into React'],
  ['lessons', 'lesson and quiz engine'],
  ['shell', 'the command language: kubectl, docker, sim'],
  ['sim', 'the simulation'],
];
/** The headless runner and `kubelab serve` stand beside the app: they may import shell, lessons and sim, never ui or state. */
const besideApp = ['cli', 'serve'];

/**
 * Inside src/sim, tiers from the engine up to the composition root, bottom first. A unit (a folder, or a file
 * directly in src/sim) may import the tiers below its own; units of one tier are siblings and never import one
 * another: what one needs from a sibling it receives from createSim.ts, the one file that knows every module.
 */
const simTiers = [
  ['util'], // pure helpers: shapes, memo, base64, JSON
  ['engine'], // clock, seeded RNG, event log
  ['api'], // object types, store, API server, validation
  ['kinds'], // the kinds' schemas and rules, registered into the API server
  ['cluster'], // the cluster core: clock + RNG + log + store + work queues, and the module contract
  ['testing'], // object builders for tests and benches
  ['process'], // the process model inside containers
  ['runtime'], // images, layers, containers
  ['nodes'], // Node objects, heartbeats, node-level ports
  // the parts: siblings, wired together only by the composition root
  ['docker', 'scheduler', 'kubelet', 'network', 'controllers', 'metrics', 'faults'],
  ['createSim'], // the composition root
];

const simUnit = (name) => `^src/sim/${name}(/|\\.tsx?$)`;
const anyOf = (names) => `^src/sim/(${names.join('|')})(/|\\.tsx?$)`;
const layerPath = (name) => (name === 'ui' ? '^src/(ui/|main\\.tsx$)' : `^src/${name}/`);

const layerRules = appLayers.slice(1).map(([name], i) => ({
  name: `layer-${name}`,
  comment: `src/${name} may not import the layers above it (${appLayers
    .slice(0, i + 1)
    .map(([n]) => n)
    .join(', ')}, cli)`,
  severity: 'error',
  from: { path: layerPath(name) },
  to: { path: [...appLayers.slice(0, i + 1).map(([n]) => layerPath(n)), '^src/cli/'] },
}));
layerRules.push({
  name: 'layer-ui',
  comment: 'src/ui may not import the headless runner',
  severity: 'error',
  from: { path: layerPath('ui') },
  to: { path: '^src/cli/' },
});
// `kubelab serve` (src/serve) stands beside the app as cli does and serves shell and sim over HTTP; only the
// runner imports it.
layerRules.push(
  {
    name: 'layer-serve',
    comment: 'src/serve may import shell and sim only (not ui, state, lessons or cli)',
    severity: 'error',
    from: { path: '^src/serve/' },
    to: { path: [layerPath('ui'), layerPath('state'), layerPath('lessons'), '^src/cli/'] },
  },
  {
    name: 'serve-only-from-cli',
    comment:
      'only src/cli imports src/serve, and the studio relay (src/state/relay*.ts) its browser-safe request path',
    severity: 'error',
    from: {
      path: '^src/',
      pathNot:
        '^src/(cli|serve)/|^src/state/relay(Port|Api)?(\\.test)?\\.ts$|^src/state/relayPortForward\\.test\\.ts$',
    },
    to: { path: '^src/serve/' },
  },
  {
    name: 'serve-node-only',
    comment:
      'the studio relay reaches the browser-safe serve files only: no Node socket, file or exec-socket code',
    severity: 'error',
    from: { path: '^src/state/', pathNot: '\\.test\\.ts$' },
    to: { path: '^src/serve/(httpServer|relayLink|staticFiles|execSocket|testing)\\.ts$' },
  },
  {
    name: 'serve-browser-safe',
    comment:
      'the request path the browser runs (src/serve except the Node-only files) imports no node: module',
    severity: 'error',
    from: {
      path: '^src/serve/',
      pathNot:
        '^src/serve/(httpServer|relayLink|staticFiles|execSocket|spdyUpgrade|testing)\\.ts$|\\.test\\.ts$',
    },
    to: { dependencyTypes: ['core'] },
  },
);
for (const name of besideApp)
  layerRules.push({
    name: `layer-${name}`,
    comment: `src/${name} stands beside the app: it may not import ui or state`,
    severity: 'error',
    from: { path: layerPath(name) },
    to: { path: [layerPath('ui'), layerPath('state')] },
  });

const simRules = [];
simTiers.forEach((tier, i) => {
  const above = simTiers.slice(i + 1).flat();
  for (const unit of tier) {
    const forbidden = [...above, ...tier.filter((u) => u !== unit)];
    if (!forbidden.length) continue;
    simRules.push({
      name: `sim-${unit}`,
      comment: `src/sim/${unit} may import only the tiers below it; not ${forbidden.join(', ')}`,
      severity: 'error',
      // Tests stand above their unit: a test may build a whole cluster through the composition root.
      from: { path: simUnit(unit), pathNot: '\\.test\\.tsx?$' },
      to: { path: anyOf(forbidden) },
    });
  }
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import circle anywhere in src, tests and type-only imports included.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    ...simRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
// scripts/deps.mjs draws the picture in README from the same layers and tiers (not part of the cruiser's schema,
// so not enumerable).
Object.defineProperty(module.exports, 'layers', { value: { appLayers, besideApp, simTiers } });

/**
 * `npx tsx scripts/profileSettle.ts --dist=DIR [--port=N] [--seconds=S] [--top=N]`: where the page's main thread
 * spends its time while 10,000 pods on 1,000 nodes settle at 16× (the scenario of benchUi's `--only=settle`).
 * A DevTools Protocol CPU profile of the page (self time and total time per function, best read on a build made
 * with `--minify false`) and the long tasks (> 50 ms) the page's observer saw, with the input delay p95 beside.
 */
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { startPreview } from './preview';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const root = join(import.meta.dirname, '..');
const dist = opt('dist') ?? join(root, 'dist');
const PORT = Number(opt('port') ?? process.env.E2E_PORT ?? 4175);
const SECONDS = Number(opt('seconds') ?? 10);
const TOP = Number(opt('top') ?? 30);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(p: Profile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  let all = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const n = byId.get(id)!;
    self.set(label(n), (self.get(label(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>) =>
    [...m]
      .filter(([k]) => !/^\((idle|program|root)\)/.test(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  // busy stretches (consecutive non-idle samples, a task or a few back to back) over 50 ms, each with its heaviest frames
  const stretches: { ms: number; frames: Map<string, number> }[] = [];
  let cur: { ms: number; frames: Map<string, number> } | undefined;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') {
      if (cur && cur.ms > 50) stretches.push(cur);
      cur = undefined;
      return;
    }
    cur ??= { ms: 0, frames: new Map() };
    cur.ms += dt;
    const seen = new Set<string>();
    for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) {
      const l = label(byId.get(c)!);
      if (
        seen.has(l) ||
        /^\((root|program)\)|index-|performWork|flushSync|renderRoot|workLoop|performUnit|beginWork|renderWith|update\w*Component|complete(Unit|Work|Root)|commit\w*|recursively\w*|processRoot|\(anon\) index/.test(
          l,
        )
      )
        continue;
      seen.add(l);
      cur.frames.set(l, (cur.frames.get(l) ?? 0) + dt);
    }
  });
  if (cur && cur.ms > 50) stretches.push(cur);
  for (const s of stretches)
    console.log(
      `busy ${s.ms.toFixed(0)} ms: ` +
        [...s.frames]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(' | '),
    );
  console.log(`profile: ${all.toFixed(0)} ms sampled; idle ${(self.get('(idle) :0') ?? 0).toFixed(0)} ms`);
  console.log(`--- self time\n${top(self)}\n--- total time\n${top(total)}`);
}

async function main(): Promise<void> {
  const { url, stop } = await startPreview(dist, PORT);
  try {
    const browser = await chromium.launch(chromiumLaunchOptions);
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForFunction(() => !!(window as unknown as { __kubelab?: unknown }).__kubelab);
    await page.waitForTimeout(1500);
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
    const r = (await page.evaluate(`(async () => {
      const h = window.__kubelab.host;
      const long = [];
      const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push([Math.round(e.startTime), Math.round(e.duration)]); });
      obs.observe({ type: 'longtask', buffered: false });
      h.exec('sim reset --workers 1000 --cpu 16 --memory 64Gi');
      const delays = [];
      const ch = new MessageChannel();
      let sent = 0;
      ch.port1.onmessage = () => delays.push(performance.now() - sent);
      const ping = setInterval(() => { sent = performance.now(); ch.port2.postMessage(0); }, 37);
      h.setSpeed(16);
      h.setPlaying(true);
      const t0 = performance.now();
      // how many flow nodes are in the DOM over time (what React Flow renders and the browser lays out)
      const domNodes = [];
      const count = setInterval(() => domNodes.push([Math.round(performance.now() - t0), document.querySelectorAll('.react-flow__node').length]), 250);
      h.exec('kubectl create deployment big --image=nginx --replicas=10000');
      await new Promise((r) => setTimeout(r, ${SECONDS * 1000}));
      clearInterval(ping);
      clearInterval(count);
      obs.disconnect();
      const s = [...delays].sort((a, b) => a - b);
      const running = h.cluster.api.list('Pod').filter((x) => x.status && x.status.phase === 'Running').length;
      return { domNodes, p95: s[Math.floor(s.length * 0.95)], max: s[s.length - 1], long: long.map(([a, d]) => [Math.round(a - t0), d]), running };
    })()`)) as {
      domNodes: [number, number][];
      p95: number;
      max: number;
      long: [number, number][];
      running: number;
    };
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    console.log(
      `input delay p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms; pods Running ${r.running}; long tasks (start ms, duration ms): ${JSON.stringify(r.long)}`,
    );
    console.log(`flow nodes in the DOM (ms, count): ${JSON.stringify(r.domNodes)}`);
    summarise(profile);
    await page.screenshot({ path: opt('shot') ?? '/tmp/settle.png' });
    await browser.close();
  } finally {
    stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/**
 * What stands between navigation and a usable studio, for one fresh start (the bench gives the medians; this
 * shows why): serves DIST on PORT with `vite preview`, opens the studio at 1366×768, types `kubectl get nodes`
 * when the prompt shows (as scripts/benchUi.ts does), and prints the ready moments, the network waterfall of page
 * and workers (ms since navigation) and the tasks over 15 ms (MIN_MS) of the page's main thread and of each worker. The
 * DevTools trace is written to /tmp/kubelab-start-trace.json (open it in the Performance panel).
 * `npx tsx scripts/traceStart.ts [DIST=dist] [PORT=5302] [CPU_THROTTLE=1]`
 */
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { startPreview } from './preview';

/** Tasks shorter than this are left out of the listing (MIN_MS). */
const MIN_MS = Number(process.env.MIN_MS ?? 15);
const [dist = 'dist', port = '5302', rate = '1'] = process.argv.slice(2);
// the preview server goes with this process, also when its output is cut short (`| head`)
process.stdout.on('error', () => process.exit(0));
const { url, stop } = await startPreview(dist, port);
try {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const p = await ctx.newPage();
  await p.addInitScript(() => localStorage.setItem('kubelab.lang', 'en'));
  const cdp = await ctx.newCDPSession(p);
  if (Number(rate) > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(rate) });
  const reqs: { url: string; start: number; end: number; size: number }[] = [];
  ctx.on('requestfinished', async (r) => {
    const t = r.timing();
    const s = await r.sizes().catch(() => ({ responseBodySize: 0 }));
    reqs.push({
      url: r.url().replace(url, ''),
      start: t.startTime,
      end: t.startTime + t.responseEnd,
      size: s.responseBodySize,
    });
  });
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', (d: { value: unknown[] }) => events.push(...d.value));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,v8,disabled-by-default-devtools.timeline,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  await p.goto(url, { waitUntil: 'commit' });
  const origin = await p.evaluate(() => performance.timeOrigin);
  const t = await p.evaluate(`new Promise((done) => {
    const t = {};
    const rowsText = () => { const r = document.querySelector('[data-testid=terminal] .xterm-rows'); return r ? r.textContent : ''; };
    const step = () => {
      const now = performance.now();
      if (t.prompt === undefined && window.__kubelabTerm && rowsText().includes('$')) { t.prompt = now; window.__kubelabTerm.term.input('kubectl get nodes\\r', true); }
      if (t.prompt !== undefined && t.terminal === undefined && /control-plane\\s+Ready/.test(rowsText())) t.terminal = now;
      if (t.diagram === undefined && [...document.querySelectorAll('.react-flow__node[data-id^="node:"]')].some((n) => n.style.visibility !== 'hidden' && n.getBoundingClientRect().width > 0)) t.diagram = now;
      if (t.editor === undefined && document.querySelector('.monaco-editor textarea') && [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].some((l) => /kind|apiVersion/.test(l.textContent))) t.editor = now;
      if ((t.terminal !== undefined && t.diagram !== undefined && t.editor !== undefined) || now > 30000) done(t); else requestAnimationFrame(step);
    };
    step();
  })`);
  const ended = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await ended;
  console.log('ready', JSON.stringify(t));
  for (const r of reqs.sort((a, b) => a.start - b.start))
    console.log(
      `${String(Math.round(r.start - origin)).padStart(6)} → ${String(Math.round(r.end - origin)).padStart(6)}  ${(r.size / 1024).toFixed(0).padStart(5)} kB  ${r.url}`,
    );
  writeFileSync('/tmp/kubelab-start-trace.json', JSON.stringify({ traceEvents: events }));
  // threads and their longest top-level tasks
  type E = {
    name: string;
    ph: string;
    ts: number;
    dur?: number;
    pid: number;
    tid: number;
    args?: { name?: string; data?: { url?: string; functionName?: string } };
  };
  const ev = events as E[];
  const names = new Map<string, string>();
  for (const e of ev) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const perThread = new Map<string, E[]>();
  for (const e of ev) {
    if (e.ph !== 'X' || !e.dur || e.dur < MIN_MS * 1000) continue;
    if (!['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name)) continue;
    const k = `${e.pid}:${e.tid}`;
    (perThread.get(k) ?? perThread.set(k, []).get(k)!).push(e);
  }
  // map trace ts to page ms: trace ts are monotonic µs; align with the first ResourceSendRequest of index
  const send = ev.find((e) => e.name === 'ResourceSendRequest' && e.args?.data?.url === url);
  const first = reqs.find((r) => r.url === '');
  const shift = send && first ? send.ts / 1000 - (first.start - origin) : 0;
  for (const [k, list] of perThread) {
    const name = names.get(k) ?? k;
    if (!/CrRendererMain|DedicatedWorker|kubelab/i.test(name)) continue;
    console.log(`-- ${name}`);
    for (const e of list) {
      const inner = ev
        .filter(
          (x) =>
            x.pid === e.pid &&
            x.tid === e.tid &&
            x.ph === 'X' &&
            x.ts >= e.ts &&
            x.ts < e.ts + e.dur! &&
            x.name !== e.name &&
            (x.dur ?? 0) > e.dur! * 0.3,
        )
        .map(
          (x) =>
            `${x.name}${x.args?.data?.url ? ' ' + x.args.data.url.replace(url, '') : ''}${x.args?.data?.functionName ? ' ' + x.args.data.functionName : ''} ${((x.dur ?? 0) / 1000).toFixed(0)}`,
        )
        .slice(0, 4);
      console.log(
        `${String(Math.round(e.ts / 1000 - shift)).padStart(6)} +${String(Math.round(e.dur! / 1000)).padStart(4)} ms  ${inner.join(' | ')}`,
      );
    }
  }
  await browser.close();
} finally {
  stop();
}

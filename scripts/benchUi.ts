/**
 * `npm run bench:ui [-- --json] [-- --build]`: the studio's performance, measured in Chromium from `vite preview`.
 *   load_ms           navigation start → the cluster diagram drawn with the simulation running (≤ 1500)
 *   main_js_gz_kb     gzipped JS of the entry chunk and its static imports (Monaco, xterm and the simulation are
 *                     lazy chunks; ≤ 250)
 *   initial_js_gz_kb  everything fetched before the diagram is interactive (entry + simulation chunk)
 *   frame_p95_ms      300 pods on 10 nodes, playing at 16× with hop animation: 95th percentile frame time (≤ 20)
 *   input_delay_p95_ms  while that runs: how late a queued task starts (what a keystroke in the terminal waits)
 *   terminal_ready_ms / diagram_ready_ms / editor_ready_ms  navigation start → what a learner calls ready:
 *                     `kubectl get nodes`, typed into the terminal the moment its prompt shows, has printed its
 *                     table / the cluster's nodes are drawn (laid out and visible) / Monaco shows the manifest's
 *                     text and has an input area that takes keys: medians of 5 fresh contexts; `_throttled4x` the
 *                     same with the CPU slowed 4× (DevTools Protocol), a weak laptop
 *   terminal_prompt_ms  navigation start → the prompt shows and the terminal takes keys (what is typed before the
 *                     simulation runs waits for it, so terminal_ready_ms is the figure that counts)
 *   terminal_ready_revisit_ms  the same as terminal_ready_ms on a second visit in the same context (the service
 *                     worker answers from its precache)
 *   input_delay_10k_p95_ms  how late a queued task starts while 10,000 pods on 1,000 nodes settle at 16×
 *   push_kb_10k_p95 / _max, push_mb_10k_total  what the worker's pushes carried meanwhile (serialised as JSON after
 *                     the measurement)
 *
 * Options: `--only=startup` measures the start figures alone (quick, for interleaved comparisons), `--only=settle`
 * the 10,000-pod input delay alone, `--only=frames` the 300-pod frame and input-delay figures alone, `--runs=N`
 * fresh contexts per figure (default 5), `--dist=DIR` serves another build, BENCH_PORT the preview port (4174).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { startPreview } from './preview';

const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name: string): string | undefined =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = opt('only');
const RUNS = Number(opt('runs') ?? 5);
const root = join(import.meta.dirname, '..');
const dist = opt('dist') ?? join(root, 'dist');
const PORT = Number(process.env.BENCH_PORT ?? 4174);

function log(msg: string): void {
  if (!json) console.log(msg);
}

async function sh(cmd: string, argv: string[]): Promise<void> {
  await new Promise<void>((res, rej) => {
    const p = spawn(cmd, argv, { cwd: root, stdio: json ? 'ignore' : 'inherit' });
    p.on('exit', (code) => (code === 0 ? res() : rej(new Error(`${cmd} ${argv.join(' ')} exited ${code}`))));
  });
}

function gzKb(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

/** Entry script and its modulepreloads from the built index.html. */
function bundleSizes(): { main: number; files: string[]; chunks: Record<string, number> } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const chunks: Record<string, number> = {};
  for (const f of files) chunks[f] = gzKb(join(dist, f));
  return { main: Object.values(chunks).reduce((a, b) => a + b, 0), files, chunks };
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0;
}

async function main(): Promise<void> {
  if (args.includes('--build') || !existsSync(join(dist, 'index.html')))
    await sh('npx', ['vite', 'build', '--logLevel', 'warn']);
  const sizes = bundleSizes();
  const { url, stop } = await startPreview(dist, PORT);
  try {
    const browser = await chromium.launch(chromiumLaunchOptions);
    if (only === 'settle') {
      const settle = await settleDelay(browser, url);
      await browser.close();
      const out = {
        input_delay_10k_p95_ms: settle.delay,
        pods_running_10k_after_10s: settle.running,
        pushes_10k: settle.pushes,
        push_objects_10k_p95: settle.objectsP95,
        push_objects_10k_max: settle.objectsMax,
        push_kb_10k_p95: settle.kbP95,
        push_kb_10k_max: settle.kbMax,
        push_mb_10k_total: settle.mbTotal,
        simulation: settle.inWorker ? 'web worker' : 'main thread',
        load_avg: Number(loadavg()[0]!.toFixed(1)),
      };
      console.log(json ? JSON.stringify(out) : out);
      return;
    }
    if (only === 'frames') {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.addInitScript(() => localStorage.setItem('kubelab.lang', 'en'));
      const { setup, result } = await frameFigures(page, url);
      await browser.close();
      const out = {
        frame_p95_ms: Math.round(p95(result.frames) * 10) / 10,
        frame_count: result.frames.length,
        input_delay_p95_ms: Math.round(p95(result.delays) * 10) / 10,
        pods_running: setup.running,
        hop_elements: result.hops,
        load_avg: Number(loadavg()[0]!.toFixed(1)),
      };
      console.log(json ? JSON.stringify(out) : out);
      return;
    }
    if (only === 'startup') {
      const fast = await startupFigures(browser, url, 1);
      const slow = await startupFigures(browser, url, 4);
      await browser.close();
      const out = {
        terminal_ready_ms: fast.terminal,
        terminal_prompt_ms: fast.prompt,
        diagram_ready_ms: fast.diagram,
        editor_ready_ms: fast.editor,
        terminal_ready_revisit_ms: fast.revisit,
        terminal_ready_throttled4x_ms: slow.terminal,
        diagram_ready_throttled4x_ms: slow.diagram,
        editor_ready_throttled4x_ms: slow.editor,
        runs: fast.runs,
        runs_throttled4x: slow.runs,
        load_avg: Number(loadavg()[0]!.toFixed(1)),
      };
      console.log(json ? JSON.stringify(out) : out);
      return;
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript(() => localStorage.setItem('kubelab.lang', 'en'));

    // --- load: cold navigation to an interactive diagram (median of 3) -----------------------------------------
    const loads: number[] = [];
    const jsBytes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const p = await ctx.newPage();
      let bytes = 0;
      p.on('response', async (r) => {
        if (r.url().endsWith('.js') && r.request().resourceType() === 'script') {
          const len = Number(r.headers()['content-length'] ?? 0);
          bytes += len;
        }
      });
      await p.goto(url, { waitUntil: 'commit' });
      await p.waitForFunction(() => {
        const w = window as unknown as { __kubelab?: unknown };
        return !!w.__kubelab && document.querySelectorAll('.react-flow__node[data-id^="node:"]').length > 0;
      });
      loads.push(await p.evaluate(() => performance.now()));
      jsBytes.push(bytes);
      await ctx.close();
    }
    const loadMs = [...loads].sort((a, b) => a - b)[1]!;
    const startup = await startupFigures(browser, url, 1);
    const startupSlow = await startupFigures(browser, url, 4);
    log(
      `startup (ms, 5 runs): ${JSON.stringify(startup.runs)}; 4× throttled: ${JSON.stringify(startupSlow.runs)}`,
    );
    const initialGz = bundleSizes().main + sessionChunkGz();

    const { setup, result } = await frameFigures(page, url);
    const settle = await settleDelay(browser, url);
    const delay10k = settle.delay;
    await browser.close();

    const out = {
      load_ms: Math.round(loadMs),
      main_js_gz_kb: Math.round(sizes.main * 10) / 10,
      initial_js_gz_kb: Math.round(initialGz * 10) / 10,
      frame_p95_ms: Math.round(p95(result.frames) * 10) / 10,
      frame_count: result.frames.length,
      input_delay_p95_ms: Math.round(p95(result.delays) * 10) / 10,
      pods_running: setup.running,
      terminal_ready_ms: startup.terminal,
      terminal_prompt_ms: startup.prompt,
      terminal_ready_revisit_ms: startup.revisit,
      diagram_ready_ms: startup.diagram,
      editor_ready_ms: startup.editor,
      terminal_ready_throttled4x_ms: startupSlow.terminal,
      diagram_ready_throttled4x_ms: startupSlow.diagram,
      editor_ready_throttled4x_ms: startupSlow.editor,
      input_delay_10k_p95_ms: delay10k,
      pods_running_10k_after_10s: settle.running,
      pushes_10k: settle.pushes,
      push_objects_10k_p95: settle.objectsP95,
      push_objects_10k_max: settle.objectsMax,
      push_kb_10k_p95: settle.kbP95,
      push_kb_10k_max: settle.kbMax,
      push_mb_10k_total: settle.mbTotal,
      hop_elements: result.hops,
      simulation: settle.inWorker ? 'web worker' : 'main thread',
      load_avg: Number(loadavg()[0]!.toFixed(1)),
    };
    if (json) console.log(JSON.stringify(out));
    else {
      console.log(`load_ms            ${out.load_ms}   (budget 1500)`);
      console.log(`main_js_gz_kb      ${out.main_js_gz_kb}   (budget 250; ${sizes.files.join(', ')})`);
      console.log(`initial_js_gz_kb   ${out.initial_js_gz_kb}   (entry + simulation chunk)`);
      console.log(
        `frame_p95_ms       ${out.frame_p95_ms}   (budget 20; ${out.frame_count} frames, 300 pods / 10 nodes at 16×)`,
      );
      console.log(`input_delay_p95_ms ${out.input_delay_p95_ms}`);
      console.log(
        `terminal_ready_ms  ${out.terminal_ready_ms}   diagram_ready_ms ${out.diagram_ready_ms}   editor_ready_ms ${out.editor_ready_ms}   (medians of ${RUNS} fresh contexts)`,
      );
      console.log(
        `  prompt shown ${out.terminal_prompt_ms}   second visit (service worker): terminal ${out.terminal_ready_revisit_ms}`,
      );
      console.log(
        `  4× CPU throttled: terminal ${out.terminal_ready_throttled4x_ms}   diagram ${out.diagram_ready_throttled4x_ms}   editor ${out.editor_ready_throttled4x_ms}`,
      );
      console.log(
        `input_delay_10k_p95_ms ${out.input_delay_10k_p95_ms}   (10,000 pods on 1,000 nodes settling at 16×)`,
      );
      console.log(
        `  simulation in a ${out.simulation}: ${out.pods_running_10k_after_10s} pods Running after 10 s; ${out.pushes_10k} pushes, objects per push p95 ${out.push_objects_10k_p95}, max ${out.push_objects_10k_max}; KB per push p95 ${out.push_kb_10k_p95}, max ${out.push_kb_10k_max}, ${out.push_mb_10k_total} MB in all`,
      );
      console.log(`(machine load average ${out.load_avg}: figures from a busy machine are noisy)`);
    }
  } finally {
    stop();
  }
}

const MEASURE = `(async () => {
  const h = window.__kubelab.host;
  const frames = [];
  const delays = [];
  let last = performance.now();
  let running = true;
  function loop(t) {
    frames.push(t - last);
    last = t;
    if (running) requestAnimationFrame(loop);
  }
  requestAnimationFrame(loop);
  const ch = new MessageChannel();
  let sent = 0;
  ch.port1.onmessage = () => delays.push(performance.now() - sent);
  const ping = setInterval(() => { sent = performance.now(); ch.port2.postMessage(0); }, 37);
  let n = 0;
  // keep the cluster busy: scale down and up so pods are deleted, created, scheduled and started meanwhile
  const churn = setInterval(() => h.exec('kubectl scale deployment big --replicas=' + (n++ % 2 ? 300 : 280)), 1500);
  await new Promise((r) => setTimeout(r, 6000));
  running = false;
  clearInterval(ping);
  clearInterval(churn);
  const layer = document.querySelector('[data-testid=hop-layer]');
  return { frames: frames.slice(10), delays, hops: layer ? layer.querySelectorAll('g.hop').length : 0 };
})()`;

type Browser = Awaited<ReturnType<typeof chromium.launch>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

/** 300 pods on 10 nodes, playing at 16× with hop animation while the Deployment is scaled down and up. */
async function frameFigures(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => !!(window as unknown as { __kubelab?: unknown }).__kubelab);
  // awaited: the simulation answers asynchronously when it runs in a Web Worker
  const setup = (await page.evaluate(`(async () => {
    const h = window.__kubelab.host;
    const t0 = performance.now();
    await h.exec('sim reset --workers 10');
    await h.exec('kubectl create deployment big --image=nginx --replicas=300');
    await h.advanceBy(60000);
    const running = h.cluster.api.list('Pod').filter((p) => p.metadata.name.startsWith('big-') && p.status && p.status.phase === 'Running').length;
    return { running, setupMs: performance.now() - t0 };
  })()`)) as { running: number; setupMs: number };
  log(`setup: ${setup.running} pods running after 60 s virtual (${setup.setupMs.toFixed(0)} ms wall)`);
  await page.getByTestId('speed').selectOption('16');
  await page.getByTestId('play').click();
  // keep the cluster busy: scale up and down so pods are created, scheduled and deleted while we measure
  // a string, not a function: tsx's transform adds helpers (__name) that do not exist in the page
  const result = (await page.evaluate(MEASURE)) as { frames: number[]; delays: number[]; hops: number };
  await page.getByTestId('play').click();
  return { setup, result };
}

/**
 * In the page: the first moment each part is usable, polled every animation frame (a string: see MEASURE). The
 * moment the prompt shows, `kubectl get nodes` is typed (through xterm's input path, as keys would arrive); the
 * terminal is ready when its answer is on the screen.
 */
const READY = `new Promise((done) => {
  const t = {};
  const CMD = 'kubectl get nodes';
  const rowsText = () => {
    const rows = document.querySelector('[data-testid=terminal] .xterm-rows');
    return rows ? rows.textContent : '';
  };
  const step = () => {
    const now = performance.now();
    if (t.prompt === undefined && window.__kubelabTerm && document.querySelector('[data-testid=terminal] .xterm-helper-textarea') && rowsText().includes('$')) {
      t.prompt = now;
      window.__kubelabTerm.term.input(CMD + '\\r', true);
    }
    if (t.prompt !== undefined && t.terminal === undefined && /control-plane\\s+Ready/.test(rowsText()))
      t.terminal = now;
    if (t.diagram === undefined && [...document.querySelectorAll('.react-flow__node[data-id^="node:"]')].some((n) => n.style.visibility !== 'hidden' && n.getBoundingClientRect().width > 0))
      t.diagram = now;
    if (t.editor === undefined && document.querySelector('.monaco-editor textarea') && [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].some((l) => /kind|apiVersion/.test(l.textContent)))
      t.editor = now;
    if ((t.terminal !== undefined && t.diagram !== undefined && t.editor !== undefined) || now > 60000) done(t);
    else requestAnimationFrame(step);
  };
  step();
})`;

type Ready = { prompt?: number; terminal?: number; diagram?: number; editor?: number };

const median = (xs: (number | undefined)[]): number | null => {
  const s = xs.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  return s.length === xs.length ? Math.round(s[Math.floor(s.length / 2)]!) : null;
};

/** terminal / diagram / editor ready, medians of RUNS fresh contexts, the CPU slowed `rate` times. */
async function startupFigures(browser: Browser, url: string, rate: number) {
  const runs: Ready[] = [];
  const revisits: (number | undefined)[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const p = await ctx.newPage();
    await p.addInitScript(() => localStorage.setItem('kubelab.lang', 'en'));
    const cdp = await ctx.newCDPSession(p);
    if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await p.goto(url, { waitUntil: 'commit' });
    const t = (await p.evaluate(READY)) as Ready;
    runs.push(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)])));
    if (rate === 1) {
      // the second visit: once the service worker has precached the build, a fresh page in the same context
      const ok = await p
        .waitForFunction(async () => !!(await navigator.serviceWorker.ready).active, null, { timeout: 20000 })
        .then(() => true)
        .catch(() => false);
      if (ok) {
        await p.close();
        const p2 = await ctx.newPage();
        // the same fresh start as the first visit (not the session the first one saved)
        await p2.addInitScript(() => {
          localStorage.clear();
          localStorage.setItem('kubelab.lang', 'en');
        });
        await p2.goto(url, { waitUntil: 'commit' });
        const t2 = (await p2.evaluate(READY)) as Ready;
        revisits.push(t2.terminal);
      } else revisits.push(undefined);
    }
    await ctx.close();
  }
  return {
    runs,
    prompt: median(runs.map((r) => r.prompt)),
    terminal: median(runs.map((r) => r.terminal)),
    diagram: median(runs.map((r) => r.diagram)),
    editor: median(runs.map((r) => r.editor)),
    revisit: rate === 1 ? median(revisits) : null,
  };
}

/** p95 of how late a queued task starts while 10,000 pods on 1,000 nodes settle, playing at 16×. */
async function settleDelay(
  browser: Browser,
  url: string,
): Promise<{
  delay: number;
  running: number;
  pushes: number;
  objectsP95: number;
  objectsMax: number;
  kbP95: number;
  kbMax: number;
  mbTotal: number;
  inWorker: boolean;
}> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const p = await ctx.newPage();
  await p.goto(url);
  await p.waitForFunction(() => !!(window as unknown as { __kubelab?: unknown }).__kubelab);
  const r = (await p.evaluate(`(async () => {
    const h = window.__kubelab.host;
    // what each push from the worker carried: kept, and serialised only after the measurement (serialising each
    // as it arrives would load the thread measured); JSON's length is close to what the structured clone copied
    const pushes = [];
    const off = h.onPush ? h.onPush((m) => pushes.push(m)) : () => {};
    h.exec('sim reset --workers 1000 --cpu 16 --memory 64Gi');
    const delays = [];
    const ch = new MessageChannel();
    let sent = 0;
    ch.port1.onmessage = () => delays.push(performance.now() - sent);
    const ping = setInterval(() => { sent = performance.now(); ch.port2.postMessage(0); }, 37);
    h.setSpeed(16);
    h.setPlaying(true);
    h.exec('kubectl create deployment big --image=nginx --replicas=10000');
    await new Promise((r) => setTimeout(r, 10000));
    clearInterval(ping);
    off();
    const running = h.cluster.api.list('Pod').filter((x) => x.status && x.status.phase === 'Running').length;
    const objects = pushes.map((m) => (m.upserts ? m.upserts.length : 0) + (m.removes ? m.removes.length : 0));
    const bytes = pushes.map((m) => JSON.stringify(m).length);
    return { delays, objects, bytes, running, inWorker: !!window.__kubelab.inWorker };
  })()`)) as { delays: number[]; objects: number[]; bytes: number[]; running: number; inWorker: boolean };
  await ctx.close();
  return {
    delay: Math.round(p95(r.delays) * 10) / 10,
    running: r.running,
    pushes: r.objects.length,
    objectsP95: p95(r.objects),
    objectsMax: Math.max(0, ...r.objects),
    kbP95: Math.round(p95(r.bytes) / 102.4) / 10,
    kbMax: Math.round(Math.max(0, ...r.bytes) / 102.4) / 10,
    mbTotal: Math.round(r.bytes.reduce((a, b) => a + b, 0) / 104857.6) / 10,
    inWorker: r.inWorker,
  };
}

/** The simulation's lazy chunk (src/shell/session.ts and everything below it), named `session-<hash>.js`. */
function sessionChunkGz(): number {
  const f = readdirSync(join(dist, 'assets')).find((n) => /^session-[\w-]+\.js$/.test(n));
  return f ? gzKb(join(dist, 'assets', f)) : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

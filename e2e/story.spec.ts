/**
 * The control-plane story (issue 13): at 1× one message flies at a time, in causal order, each long enough to
 * read, told in a sentence above the diagram; hop labels never cover a component, a node title, a pod card or
 * another label; the first control-plane lesson opens on the story.
 */
import { expect, test, type Page } from '@playwright/test';
import { openStudio, run, SHOTS } from './helpers';

interface Sample {
  t: number;
  labels: { seq: string; text: string; box: [number, number, number, number] }[];
  dots: number;
  caption: string;
  overlaps: string[];
}

/** Records, every animation frame, the labels on screen, the dots in the air and what they cover. */
async function startSampler(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __samples: Sample[]; __sampling: boolean };
    type Sample = {
      t: number;
      labels: { seq: string; text: string; box: [number, number, number, number] }[];
      dots: number;
      caption: string;
      overlaps: string[];
    };
    w.__samples = [];
    w.__sampling = true;
    const OB =
      '.react-flow__node-component, .react-flow__node-pod, .react-flow__node-service, .worker-head, .plane-label';
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const tick = () => {
      if (!w.__sampling) return;
      const labels: Sample['labels'] = [];
      const rects: DOMRect[] = [];
      let dots = 0;
      for (const g of document.querySelectorAll<SVGGElement>('[data-testid=hop-layer] g.hop')) {
        if (g.style.display === 'none') continue;
        if (!g.classList.contains('held')) dots++;
        const text = g.querySelector('text')!;
        if (!text.textContent) continue;
        const r = text.getBoundingClientRect();
        rects.push(r);
        labels.push({
          seq: g.dataset.seq ?? '',
          text: text.textContent,
          box: [r.left, r.top, r.width, r.height],
        });
      }
      const overlaps: string[] = [];
      const obstacles = [...document.querySelectorAll<HTMLElement>(OB)];
      for (const [i, r] of rects.entries()) {
        for (const o of obstacles) {
          const b = o.getBoundingClientRect();
          if (b.width && hit(r, b))
            overlaps.push(
              `${labels[i]!.text} over ${o.className.split(' ')[0]} "${o.textContent?.slice(0, 30)}"`,
            );
        }
        for (const [j, s] of rects.entries())
          if (j > i && hit(r, s)) overlaps.push(`${labels[i]!.text} over ${labels[j]!.text}`);
      }
      const caption = document.querySelector('[data-testid=story-caption]')?.textContent ?? '';
      w.__samples.push({ t: performance.now(), labels, dots, caption, overlaps });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopSampler(page: Page): Promise<Sample[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __samples: Sample[]; __sampling: boolean };
    w.__sampling = false;
    return w.__samples;
  });
}

/** The hops told, in the order they first showed (label and sequence number). */
function told(samples: Sample[]): { seq: number; text: string; frames: number }[] {
  const out: { seq: number; text: string; frames: number }[] = [];
  for (const s of samples)
    for (const l of s.labels) {
      const last = out.find((o) => o.seq === Number(l.seq));
      if (last) last.frames++;
      else out.push({ seq: Number(l.seq), text: l.text, frames: 1 });
    }
  return out;
}

test('at 1× the hops of one kubectl create deployment fly one at a time, in order, told in a sentence', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openStudio(page, '/', { clock: 'playing' });
  await startSampler(page);
  await run(page, 'kubectl create deployment web --image=nginx');
  // the story reaches the node's container runtime
  await expect(page.getByTestId('story-caption')).toContainText('pulls nginx from the registry', {
    timeout: 30_000,
  });
  await page.screenshot({ path: `${SHOTS}/story-1366-en.png` });
  const samples = await stopSampler(page);
  // never two labels, never two messages in the air
  expect(Math.max(...samples.map((s) => s.labels.length))).toBe(1);
  expect(Math.max(...samples.map((s) => s.dots))).toBeLessThanOrEqual(1);
  expect(samples.flatMap((s) => s.overlaps)).toEqual([]);
  const hops = told(samples);
  expect(hops.map((h) => h.seq)).toEqual([...hops.map((h) => h.seq)].sort((a, b) => a - b));
  // told in a sentence, in causal order: kubectl → API server → etcd → controller manager → scheduler →
  // kubelet → container runtime → registry
  const captions = samples.map((s) => s.caption).filter((c, i, all) => c !== all[i - 1]);
  const want = [
    /^kubectl sends the request “create deployment\/web” to the API server\.$/,
    /^The API server stores Deployment web in etcd\.$/,
    /^The controller manager is watching the API server and sees Deployment web \(ADDED\)\.$/,
    /^The controller manager asks the API server: create replicaset\/web-\w+\.$/,
    /^The controller manager asks the API server: create pod\/web-/,
    /^The scheduler sees Pod web-\S+, which has no node yet\.$/,
    /^The scheduler picks worker-\d and binds Pod web-\S+ to it\.$/,
    /^The kubelet on worker-\d sees Pod web-/,
    /^The kubelet asks the container runtime on worker-\d for the Pod’s sandbox\.$/,
    /^The container runtime on worker-\d pulls nginx from the registry\.$/,
  ];
  let at = 0;
  for (const c of captions) if (at < want.length && want[at]!.test(c)) at++;
  expect(at, captions.join('\n')).toBe(want.length);
  // each hop long enough to read at 1×: 0.7 s in flight, 0.3 s resting at its target
  // (of the hops of this story, from its first to the last one seen whole)
  const first = hops.findIndex((h) => h.text === 'create deployment/web');
  const shown = hops.slice(first, -1).map((h) => {
    const ts = samples.filter((s) => s.labels.some((l) => Number(l.seq) === h.seq)).map((s) => s.t);
    return Math.max(...ts) - Math.min(...ts);
  });
  // (a loaded machine drops frames: every hop over 0.3 s, the typical one close to its 1 s)
  expect(Math.min(...shown), shown.join(' ')).toBeGreaterThan(300);
  expect([...shown].sort((a, b) => a - b)[Math.floor(shown.length / 2)]).toBeGreaterThan(850);
});

for (const size of [
  { width: 1920, height: 1080, path: '/#lesson=08-control-plane&present=1', name: 'presenter-1920' },
  { width: 1366, height: 768, path: '/', name: '1366' },
  { width: 1280, height: 720, path: '/', name: '1280' },
])
  test(`hop labels never cover each other or a node title (${size.name}, 1× and 4×)`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    await openStudio(page, size.path, { clock: 'playing' });
    await startSampler(page);
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await page.waitForTimeout(6000);
    await page.screenshot({ path: `${SHOTS}/story-labels-${size.name}.png` });
    await page.getByTestId('speed').selectOption('4');
    await run(page, 'kubectl scale deployment web --replicas=4');
    await page.waitForTimeout(3000);
    const samples = await stopSampler(page);
    expect(samples.some((s) => s.labels.length > 0)).toBe(true);
    expect([...new Set(samples.flatMap((s) => s.overlaps))]).toEqual([]);
  });

test('the first control-plane lesson opens on the story, in both languages', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openStudio(page, '/#lesson=08-control-plane', { clock: 'playing' });
  await page.getByTestId('speed').selectOption('4');
  await page.goto('/#lesson=08-control-plane&step=api-server');
  await page.reload();
  const caption = page.getByTestId('story-caption');
  await expect(caption).toContainText('Follow a request');
  // the clock is back at a speed where messages fly one at a time
  await expect(page.getByTestId('speed')).toHaveValue('1');
  await page.getByTestId('lang').selectOption('zh');
  await expect(caption).toContainText('跟着一个请求看');
  await page.screenshot({ path: `${SHOTS}/story-lesson-1366-zh.png` });
  await page.getByRole('button', { name: /运行/ }).first().click();
  await expect(caption).toContainText('kubectl 把请求“create pod/web”发给 API 服务器。');
  await expect(caption).toContainText('API 服务器把 Pod web 存入 etcd。', { timeout: 10_000 });
  await page.getByTestId('lang').selectOption('en');
  await expect(caption).toContainText(/The scheduler|The API server|kubelet/, { timeout: 10_000 });
});

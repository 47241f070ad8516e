import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { LOOK } from '../src/cli/corpus';
import { studioTranscript } from '../src/state/worker/transcript';
import { openStudio, run } from './helpers';

const root = join(fileURLToPath(import.meta.url), '../..');

interface Remote {
  exec(t: string): Promise<{ output: string; exitCode: number }>;
}
type Kubelab = {
  inWorker: boolean;
  host: { cluster: { api: { list(k: string): { metadata: { name: string } }[] } } };
  spawn(init: object): Promise<Remote>;
};

test('the simulation runs in a Web Worker and the mirror follows it', async ({ page }) => {
  await openStudio(page);
  expect(
    page
      .workers()
      .map((w) => w.url())
      .some((u) => /simWorker/.test(u)),
  ).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __kubelab: Kubelab }).__kubelab.inWorker)).toBe(
    true,
  );
  await run(page, 'kubectl create deployment mirror --image=nginx --replicas=2');
  // the page reads the pods from its mirror, synchronously, after the worker pushed them
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          (window as unknown as { __kubelab: Kubelab }).__kubelab.host.cluster.api
            .list('Pod')
            .map((p) => p.metadata.name)
            .filter((n) => n.startsWith('mirror-')).length,
      ),
    )
    .toBe(2);
});

test('a script replayed through the studio’s worker gives the headless runner’s transcript byte for byte', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openStudio(page);
  // a fresh worker of the same build, in the runner's session mode (the terminal's mode streams `rollout status`)
  await page.evaluate(async () => {
    const k = (window as unknown as { __kubelab: Kubelab; __replay?: Remote }).__kubelab;
    (window as unknown as { __replay?: Remote }).__replay = await k.spawn({
      seed: 1,
      playing: false,
      speed: 1,
      lang: 'en',
      files: [],
      mode: 'script',
    });
  });
  const script = readFileSync(join(root, 'src/cli/corpus/scripts/mixed.sh'), 'utf8');
  const got = await studioTranscript(`${script}\n${LOOK}`, (text) =>
    page.evaluate((t) => (window as unknown as { __replay: Remote }).__replay.exec(t), text),
  );
  expect(got).toBe(readFileSync(join(root, 'src/cli/corpus/golden/corpus-scripts-mixed.txt'), 'utf8'));
});

test('without a worker (?sim=main) the same core runs on the page and the terminal still answers', async ({
  page,
}) => {
  await openStudio(page, '/?sim=main');
  expect(await page.evaluate(() => (window as unknown as { __kubelab: Kubelab }).__kubelab.inWorker)).toBe(
    false,
  );
  expect(
    page
      .workers()
      .map((w) => w.url())
      .some((u) => /simWorker/.test(u)),
  ).toBe(false);
  const out = await run(page, 'kubectl get nodes');
  expect(out).toContain('worker-1');
});

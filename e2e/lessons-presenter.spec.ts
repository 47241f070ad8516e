import { expect, test } from '@playwright/test';

type Kubelab = {
  host: {
    seed: number;
    cluster: { api: { list(kind: string, ns?: string): { metadata: { name: string } }[] } };
  };
};

test('an instructor opens a shared step link in presenter view', async ({ page }) => {
  await page.goto('/#lesson=12-deployments&step=rollout&seed=7&present=1');
  const pane = page.locator('.lesson-pane');
  await expect(pane).toHaveClass(/presenter/);
  await expect(page.locator('html')).toHaveClass(/kubelab-presenter/);
  // the time controls stay on a projector (issue 13): the room has to see the clock and Play
  await expect(page.locator('.topbar').getByTestId('play')).toBeVisible();
  await expect(pane.locator('#step-title')).toHaveText('A rolling update');
  await expect(pane.locator('.step-count')).toHaveText('Step 3 of 5');
  // the step's cluster is prepared: the Deployment of steps 1–2 exists, with the link's seed
  const state = await page.evaluate(() => {
    const k = (globalThis as unknown as { __kubelab: Kubelab }).__kubelab;
    return {
      seed: k.host.seed,
      deployments: k.host.cluster.api.list('Deployment', 'default').map((d) => d.metadata.name),
    };
  });
  expect(state).toEqual({ seed: 7, deployments: ['nginx-deployment'] });
  // the diagram outlines the components the step is about
  await expect(page.locator('html')).toHaveAttribute('data-lesson-highlight', /kube-controller-manager/);
  await expect(page.locator('[data-component="kube-controller-manager"]')).toHaveCSS(
    'outline-style',
    'solid',
  );
  await expect(page.locator('[data-component="etcd"]')).toHaveCSS('outline-style', 'none');
  // the goal is not met yet, and says why
  await expect(pane.locator('.goal.unmet').first().locator('.goal-reason')).toContainText('nginx:1.14.2');

  // answers on demand, keyboard remote
  await expect(pane.locator('.solution')).toHaveCount(0);
  await page.locator('body').press('a');
  await expect(pane.locator('.solution')).toContainText(
    'kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1',
  );
  await page.locator('body').press('ArrowRight');
  await expect(pane.locator('.step-count')).toHaveText('Step 4 of 5');
  await expect(pane.locator('#step-title')).toHaveText('A rollout that fails');
  await page.locator('body').press('ArrowLeft');
  await expect(pane.locator('.step-count')).toHaveText('Step 3 of 5');

  // the step's script plays itself: it stops where the instructor talks, then types and runs the command
  await page.locator('body').press('p');
  await expect(pane.locator('.say')).toContainText('We change the image.');
  await pane.getByRole('button', { name: 'Continue' }).click();
  await expect(pane.locator('.typing')).toContainText('$ kubectl set');
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const k = (globalThis as unknown as { __kubelab: Kubelab }).__kubelab;
          const d = k.host.cluster.api.list('Deployment', 'default')[0] as unknown as {
            spec: { template: { spec: { containers: { image: string }[] } } };
          };
          return d.spec.template.spec.containers[0]!.image;
        }),
      { timeout: 15_000 },
    )
    .toBe('nginx:1.16.1');
  await page.locator('body').press('p');

  await pane.getByRole('button', { name: 'Leave presenter view' }).click();
  await expect(page.locator('.topbar')).toBeVisible();
});

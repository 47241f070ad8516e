import { expect, test, type Page } from '@playwright/test';

// A learner opens Kubelab, switches to Chinese, completes the first lesson and its quiz, reloads, and finds the
// progress kept.

async function runSolution(page: Page) {
  const pane = page.locator('.lesson-pane');
  await pane.getByRole('button', { name: '显示答案' }).click();
  await pane.getByRole('button', { name: /运行答案/ }).click();
}

test('a learner completes lesson 1 and its quiz in Chinese; progress survives a reload', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const pane = page.locator('.lesson-pane');
  await expect(pane.locator('.lesson-name')).toHaveText('What Kubernetes is');
  await pane.getByRole('button', { name: '中文' }).click();
  await expect(pane.locator('.lesson-name')).toHaveText('Kubernetes 是什么');
  await expect(pane.locator('.step-count')).toHaveText('第 1 步，共 4 步');

  for (let step = 1; step <= 4; step++) {
    await expect(pane.locator('.step-count')).toHaveText(`第 ${step} 步，共 4 步`);
    await expect(pane.locator('.goal.unmet').first()).toBeVisible();
    await runSolution(page);
    await expect(pane.locator('.goal.unmet')).toHaveCount(0);
    await expect(pane.locator('.all-met')).toHaveText('所有目标都已达成，做得好！');
    await pane.getByRole('button', { name: step < 4 ? '下一步 →' : '参加测验' }).click();
  }

  // The quiz, in Chinese.
  const quiz = pane.locator('.quiz');
  await expect(quiz.getByRole('heading', { level: 2 })).toHaveText('测验：Kubernetes 是什么');
  await quiz.getByLabel('谷歌的 Borg').check();
  const planes = quiz.locator('[data-question="planes"]');
  await planes
    .getByLabel('控制平面', { exact: true })
    .selectOption({ label: '决定什么在哪里运行并记录下来' });
  await planes.getByLabel('工作节点（数据平面）').selectOption({ label: '运行应用的容器' });
  await planes.getByLabel('控制平面节点上的污点').selectOption({ label: '让普通 Pod 不被调度到该节点' });
  await quiz.getByLabel('它运行三个（或五个）控制平面节点。').check();
  await quiz.getByLabel('它有三个或更多工作节点。').check();
  await quiz.locator('[data-question="list-nodes"] input').fill('kubectl  get nodes');
  const challenge = quiz.locator('[data-question="add-worker"]');
  await challenge.getByRole('button', { name: '准备集群' }).click();
  await page.evaluate(() => {
    const k = (globalThis as unknown as { __kubelab: { host: { exec(t: string, o?: object): unknown } } })
      .__kubelab;
    k.host.exec('sim node add worker-2\nsim node add worker-3\nsim advance 15s', { echo: true });
  });
  await expect(challenge.locator('.goal.met')).toHaveCount(1);
  await quiz.getByRole('button', { name: '提交答案' }).click();
  await expect(quiz.locator('.score')).toHaveText('得分：5 / 5');
  await expect(quiz.locator('.verdict.right')).toHaveCount(5);
  // every chosen option explains itself
  await expect(quiz.locator('[data-question="heritage"] .explain').first()).toContainText('谷歌用 Borg');

  // Reload: progress and language are kept.
  await page.reload();
  await pane.getByRole('button', { name: /课程地图/ }).click();
  const item = pane.locator('[data-lesson="07-what-is-kubernetes"]');
  await expect(item.locator('.status')).toHaveText('已完成');
  await expect(item.locator('.lesson-meta')).toContainText('得分：5 / 5');
  await expect(pane.locator('.progress-text')).not.toHaveText('已完成 0%');
  // both tracks are on the map
  await expect(pane.getByRole('heading', { name: 'Kubernetes', exact: true })).toBeVisible();
  await expect(pane.getByRole('heading', { name: '容器与 Docker' })).toBeVisible();
  // the lesson's step strip marks every step done; a step can be jumped to
  await item.getByRole('button').first().click();
  await expect(pane.locator('.step-strip button.done')).toHaveCount(4);
  await pane.locator('.step-strip button').nth(2).click();
  await expect(pane.locator('.step-count')).toHaveText('第 3 步，共 4 步');
  expect(dialogs).toEqual([]);
});

import { expect, test } from '@playwright/test';

const evil = `id: evil
track: kubernetes
order: 1
title: { en: "Totally normal <img src=x onerror=\\"window.pwned=1\\">", zh: 普通课程 }
summary: { en: Nothing to see, zh: 没什么 }
start:
  setup: sim node add evil-start
steps:
  - id: one
    title: { en: "<script>window.pwned=2</script>Step", zh: 步骤 }
    text:
      en: |
        Hello <script>window.pwned=3</script> and <img src=x onerror="window.pwned=4">.
        [click me](javascript:window.pwned=5) and [safe](https://kubernetes.io/)
      zh: 你好 <script>window.pwned=6</script>
    script:
      - run: sim node add evil-script
    solution: sim node add evil-solution
`;

type Kubelab = { host: { cluster: { api: { list(kind: string): { metadata: { name: string } }[] } } } };

test('a malicious custom lesson shows its text without running its script', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto('/');
  const pane = page.locator('.lesson-pane');
  await pane.getByRole('button', { name: /Course map/ }).click();
  await pane.getByRole('button', { name: 'Instructor' }).click();
  await pane
    .getByTestId('custom-lesson-file')
    .setInputFiles({ name: 'evil.yaml', mimeType: 'text/yaml', buffer: Buffer.from(evil) });

  await expect(pane.locator('.custom-notice')).toBeVisible();
  await expect(pane.locator('#step-title')).toHaveText('<script>window.pwned=2</script>Step');
  await expect(pane.locator('.md')).toContainText(
    'Hello <script>window.pwned=3</script> and <img src=x onerror="window.pwned=4">.',
  );
  await expect(pane.locator('.md script, .md img')).toHaveCount(0);
  await expect(pane.locator('.md a')).toHaveCount(1);
  await expect(pane.locator('.md a')).toHaveAttribute('href', 'https://kubernetes.io/');
  await expect(pane.locator('.lesson-name')).toContainText('<img src=x');

  await page.waitForTimeout(1500);
  const after = await page.evaluate(() => {
    const k = (globalThis as unknown as { __kubelab: Kubelab; pwned?: number }).__kubelab;
    return {
      pwned: (globalThis as { pwned?: number }).pwned ?? null,
      nodes: k.host.cluster.api.list('Node').map((n) => n.metadata.name),
    };
  });
  expect(after.pwned).toBeNull();
  expect(after.nodes.filter((n) => n.startsWith('evil'))).toEqual([]);
  expect(dialogs).toEqual([]);
});

test('a custom lesson with mistakes names each file and field', async ({ page }) => {
  await page.goto('/');
  const pane = page.locator('.lesson-pane');
  await pane.getByRole('button', { name: /Course map/ }).click();
  await pane.getByRole('button', { name: 'Instructor' }).click();
  const bad =
    'id: bad\ntrack: kubernetes\norder: 1\ntitle: { en: Bad }\nsummary: { en: s, zh: 概 }\nsteps:\n  - id: one\n    title: { en: t, zh: 题 }\n    text: { en: x, zh: 文 }\n    goals:\n      - text: { en: g, zh: 目 }\n        kind: Podd\n';
  await pane
    .getByTestId('custom-lesson-file')
    .setInputFiles({ name: 'bad.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
  const issues = pane.locator('.issues');
  await expect(issues).toContainText('title.zh');
  await expect(issues).toContainText('steps[0].goals[0].kind');
  await expect(issues).toContainText('steps[0].solution');
});

test('an instructor exports a quiz to Moodle GIFT and imports a GIFT file as a quiz', async ({ page }) => {
  await page.goto('/');
  const pane = page.locator('.lesson-pane');
  await pane.getByRole('button', { name: /Course map/ }).click();
  await pane.getByRole('button', { name: 'Instructor' }).click();
  const download = page.waitForEvent('download');
  await pane.getByRole('button', { name: 'Export this quiz as GIFT' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('07-what-is-kubernetes-en.gift.txt');
  const chunks: Buffer[] = [];
  for await (const c of await file.createReadStream()) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  expect(text).toContain(
    '::07-what-is-kubernetes/heritage::[markdown]Which system did Kubernetes grow out of?',
  );

  await pane
    .getByTestId('gift-file')
    .setInputFiles({ name: 'quiz.gift.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  const quiz = pane.locator('.quiz');
  await expect(quiz.locator('fieldset')).toHaveCount(4); // the cluster challenge has no GIFT form
  await quiz.getByLabel("Google's Borg").check();
  await quiz.getByRole('button', { name: 'Submit answers' }).click();
  await expect(quiz.locator('.score')).toHaveText('Score: 1 / 4');
});

test('the lesson builder records a step from the sandbox and exports a lesson that loads back', async ({
  page,
}) => {
  await page.goto('/');
  const pane = page.locator('.lesson-pane');
  await pane.getByRole('button', { name: /Course map/ }).click();
  await pane.getByRole('button', { name: 'Instructor' }).click();
  await pane.getByLabel('Lesson id (folder name)').fill('95-recorded');
  await pane.getByRole('button', { name: /Start recording/ }).click();
  await page.evaluate(() => {
    const k = (globalThis as unknown as { __kubelab: { host: { exec(t: string, o?: object): unknown } } })
      .__kubelab;
    k.host.exec('kubectl apply -f deployment.yaml', { echo: true });
    k.host.exec('sim advance 30s', { echo: true });
  });
  await pane.getByLabel('Step title (English)').fill('Make web');
  await pane.getByLabel('Step title (Chinese)').fill('创建 web');
  await pane.getByRole('button', { name: 'Mark step' }).click();
  await expect(pane.getByText('1 step(s) recorded')).toBeVisible();
  const download = page.waitForEvent('download');
  await pane.getByRole('button', { name: 'Export lesson (.zip)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('95-recorded.zip');
  const chunks: Buffer[] = [];
  for await (const c of await file.createReadStream()) chunks.push(c as Buffer);
  const zip = Buffer.concat(chunks);
  const { unzipSync, strFromU8 } = await import('fflate');
  const files = unzipSync(new Uint8Array(zip));
  expect(Object.keys(files).sort()).toEqual(['95-recorded/deployment.yaml', '95-recorded/lesson.yaml']);
  const yaml = strFromU8(files['95-recorded/lesson.yaml']!);
  expect(yaml).toContain('kind: Deployment');
  expect(yaml).toContain('name: web');
  expect(yaml).toContain('kubectl apply -f deployment.yaml');

  // the exported zip loads back as a custom lesson
  await pane.getByRole('button', { name: /Course map/ }).click();
  await pane.getByRole('button', { name: 'Instructor' }).click();
  await pane
    .getByTestId('custom-lesson-file')
    .setInputFiles({ name: '95-recorded.zip', mimeType: 'application/zip', buffer: zip });
  await expect(pane.locator('#step-title')).toHaveText('Make web');
  await expect(pane.locator('.goal')).toHaveCount(1);
});

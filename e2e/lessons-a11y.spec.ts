import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// The lesson pane in its main states has no WCAG A/AA violations that axe can find.
test('the lesson pane is accessible: step, quiz, course map, glossary, instructor', async ({ page }) => {
  await page.goto('/#lesson=10-pods&step=sidecar');
  const pane = page.locator('.lesson-pane');
  await expect(pane.locator('#step-title')).toHaveText('Two containers, one localhost');
  const scan = async (state: string) => {
    const r = await new AxeBuilder({ page })
      .include('.lesson-pane')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze();
    expect(
      r.violations.map((v) => `${state}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  };
  await scan('step');
  await pane.getByRole('button', { name: 'Quiz', exact: true }).click();
  await expect(pane.locator('.quiz')).toBeVisible();
  await scan('quiz');
  await pane.getByRole('button', { name: 'Submit answers' }).click();
  await expect(pane.locator('.score')).toBeVisible();
  await scan('quiz results');
  await pane.getByRole('button', { name: /Course map/ }).click();
  await scan('course map');
  await pane.getByRole('button', { name: 'Glossary' }).click();
  await scan('glossary');
  await pane.getByRole('button', { name: /Course map/ }).click();
  await pane.getByRole('button', { name: 'Instructor' }).click();
  await scan('instructor');
});

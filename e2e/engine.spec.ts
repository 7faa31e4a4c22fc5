import { test, expect } from '@playwright/test';
import { expectRows, metricCell, openView } from './helpers';

test('a worker stuck in a long task is shown, and stopping it brings the same data back', async ({
  page,
}) => {
  await page.goto('/');
  await expectRows(page, 4000);
  const before = await (await metricCell(page, 'v2', 'Accuracy')).innerText();
  // A 60-second task in the worker (the longest `spin` allows), as a runaway request would be.
  await page.evaluate(() => {
    const engine = (window as unknown as { __workbenchEngine: { spin: (ms: number) => unknown } })
      .__workbenchEngine;
    void Promise.resolve(engine.spin(60_000)).catch(() => {});
  });
  const notice = page.getByText(/The engine has been busy with one task for [1-9]\d* s/);
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: 'test-results/engine-busy.png' });
  await page.getByRole('button', { name: 'Stop and restart' }).click();
  await expect(notice).toBeHidden();
  // The new worker reopened the demo: the same rows and the same numbers, well before 60 s.
  await expectRows(page, 4000);
  await expect(await metricCell(page, 'v2', 'Accuracy')).toHaveText(before);
  await openView(page, 'Rows');
  const grid = page.getByRole('grid', { name: 'Rows in all rows' });
  await expect(grid.locator('[role="row"][aria-rowindex="2"]')).not.toContainText(/Loading/);
});

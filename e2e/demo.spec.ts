import { test, expect } from '@playwright/test';
import { expectRows, metricCell } from './helpers';

test('the app opens on the bundled digits demo with two versions', async ({ page }) => {
  await page.goto('/');
  await expectRows(page, 4000);
  await expect(page.getByRole('status')).toContainText('2 versions · multiclass');
  await expect(await metricCell(page, 'v1', 'Accuracy')).toHaveText(/^\d+\.\d%$/);
  await expect(await metricCell(page, 'v2', 'Macro-F1')).toHaveText(/^\d+\.\d%$/);
  await page.screenshot({ path: 'test-results/demo-digits.png', fullPage: true });
});

test('the flights demo is a binary task with AUC', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /US flights/ }).click();
  await expectRows(page, 30000);
  await expect(page.getByRole('status')).toContainText('binary');
  await expect(await metricCell(page, 'v2', 'ROC-AUC')).toHaveText(/^0\.\d{3}$/);
});

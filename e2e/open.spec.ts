import { test, expect } from '@playwright/test';
import {
  accuracyOf,
  dropFiles,
  dropFilesNamed,
  expectRows,
  expectWideOpened,
  metricCell,
  openEmpty,
  pct,
  pickFiles,
} from './helpers';

test.describe('opening real files', () => {
  for (const name of ['wide.arrow', 'wide-lz4.arrow', 'wide-zstd.arrow', 'wide.arrows']) {
    test(`${name} (polars) opens through the picker with rows and metrics`, async ({ page }) => {
      await openEmpty(page);
      await pickFiles(page, name);
      await expectWideOpened(page);
    });
  }

  test('dropping files anywhere opens them', async ({ page }) => {
    await openEmpty(page);
    await dropFiles(page, 'string-view.arrow');
    await expectRows(page, 100);
    await expect(await metricCell(page, 'a', 'Accuracy')).toHaveText(
      pct(accuracyOf('string-view.arrow', 'label', 'pred_a')),
    );
  });

  test('one file per version is joined on the id, with a join report', async ({ page }) => {
    await openEmpty(page);
    await pickFiles(page, 'features.arrow', 'preds_v1.arrow', 'preds_v2.arrow');
    await expectRows(page, 300);
    await expect(page.getByRole('status')).toContainText('binary');
    const report = page.getByRole('table', { name: 'Join report' });
    const v2 = report.locator('tr', {
      has: page.getByRole('rowheader', { name: 'preds_v2.arrow' }),
    });
    // matched, missing, not in dataset, duplicates
    await expect(v2.locator('td')).toHaveText(['v2', '297', '295', '5', '0', '2']);
    const v1 = report.locator('tr', {
      has: page.getByRole('rowheader', { name: 'preds_v1.arrow' }),
    });
    await expect(v1.locator('td')).toHaveText(['v1', '303', '300', '0', '3', '0']);
    await expect(await metricCell(page, 'v1', 'ROC-AUC')).toHaveText(/^0\.\d{3}$/);
  });

  test('per-version files named by their writer get the model name as version', async ({
    page,
  }) => {
    await openEmpty(page);
    await dropFilesNamed(page, [
      ['features.arrow', 'eval_features.arrow'],
      ['preds_v1.arrow', 'preds_logreg_polars_lz4.arrow'],
      ['preds_v2.arrow', 'preds_gbm_polars_lz4.arrow'],
    ]);
    await expectRows(page, 300);
    const report = page.getByRole('table', { name: 'Join report' });
    const row = (file: string) =>
      report.locator('tr', { has: page.getByRole('rowheader', { name: file }) }).locator('td');
    await expect(row('preds_logreg_polars_lz4.arrow').first()).toHaveText('logreg');
    await expect(row('preds_gbm_polars_lz4.arrow').first()).toHaveText('gbm');
    await expect(await metricCell(page, 'logreg', 'ROC-AUC')).toHaveText(/^0\.\d{3}$/);
  });

  test('a long log with a version column is pivoted by id', async ({ page }) => {
    await openEmpty(page);
    await pickFiles(page, 'long-log.arrow', 'long-labels.arrow');
    await expectRows(page, 200);
    await expect(page.getByRole('status')).toContainText('2 versions · regression');
    await expect(await metricCell(page, 'v1', 'MAE')).toHaveText(/^\d+\.\d{3}$/);
    await expect(page.getByText('long log')).toBeVisible();
  });

  test('?data=URL opens files from URLs (repeatable)', async ({ page }) => {
    const { readFileSync } = await import('node:fs');
    const { dataPath } = await import('./helpers');
    await page.route('**/remote/*.arrow', (route) =>
      route.fulfill({ body: readFileSync(dataPath(route.request().url().split('/').pop()!)) }),
    );
    await page.goto(
      '/?data=remote/features.arrow&data=remote/preds_v1.arrow&data=remote/preds_v2.arrow',
    );
    await expectRows(page, 300);
    await expect(page.getByRole('status')).toContainText('2 versions');
  });
});

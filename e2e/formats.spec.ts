// Parquet and CSV open through the same picker as Arrow, with the same rows and metrics as the
// Arrow file they were written from (fixtures: scripts/make-parquet-fixtures.mjs).
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import {
  accuracyOf,
  dataPath,
  dropFiles,
  expectRows,
  expectWideOpened,
  metricCell,
  openEmpty,
  pct,
  pickFiles,
} from './helpers';

test.describe('Parquet and CSV', () => {
  for (const name of [
    'wide.parquet',
    'wide-duckdb-snappy.parquet',
    'wide-v2.parquet',
    'wide.csv',
    'wide.tsv',
    'wide.csv.gz',
  ]) {
    test(`${name} opens through the picker with rows and metrics`, async ({ page }) => {
      await openEmpty(page);
      await pickFiles(page, name);
      await expectWideOpened(page);
      if (name === 'wide.parquet') await page.screenshot({ path: '/tmp/wb-parquet.png' });
      if (name === 'wide.csv') await page.screenshot({ path: '/tmp/wb-csv.png' });
    });
  }

  test('formats mix: features.parquet with the per-version Arrow files, dropped', async ({
    page,
  }) => {
    await openEmpty(page);
    await dropFiles(page, 'features.parquet', 'preds_v1.arrow', 'preds_v2.arrow');
    await expectRows(page, 300);
    await expect(page.getByRole('status')).toContainText('binary');
    const report = page.getByRole('table', { name: 'Join report' });
    const v2 = report.locator('tr', {
      has: page.getByRole('rowheader', { name: 'preds_v2.arrow' }),
    });
    await expect(v2.locator('td')).toHaveText(['v2', '297', '295', '5', '0', '2']);
  });

  test('?data=URL opens Parquet and gzipped CSV from URLs', async ({ page }) => {
    await page.route('**/remote/*', (route) =>
      route.fulfill({ body: readFileSync(dataPath(route.request().url().split('/').pop()!)) }),
    );
    await page.goto('/?data=remote/features.parquet&data=remote/preds_v1.arrow');
    await expectRows(page, 300);
    await expect(page.getByRole('status')).toContainText('binary');
    await page.goto('/?data=remote/wide.csv.gz');
    await expectRows(page, 500);
    await expect(await metricCell(page, 'v2', 'Accuracy')).toHaveText(
      pct(accuracyOf('wide.arrow', 'label', 'pred_v2')),
    );
  });

  test('a damaged Parquet file is named with the reason, and the open dataset stays', async ({
    page,
  }) => {
    await openEmpty(page);
    await pickFiles(page, 'wide.csv');
    await expectRows(page, 500);
    await page.getByLabel('Open data files').setInputFiles({
      name: 'cut.parquet',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(dataPath('wide.parquet')).subarray(0, 20_000),
    });
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('cut.parquet');
    await expect(alert).toContainText('truncated');
    await expectRows(page, 500);
    await page.screenshot({ path: '/tmp/wb-parquet-bad.png' });
  });

  test('the format comes from the bytes: a CSV named .arrow opens as CSV', async ({ page }) => {
    await openEmpty(page);
    await pickFiles(page, 'csv-renamed.arrow');
    const rows = readFileSync(dataPath('csv-renamed.arrow'), 'utf8').trim().split('\n').length - 1;
    await expectRows(page, rows);
  });

  test('Arrow users never load the Parquet decoder; Parquet users load it once', async ({
    page,
  }) => {
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(r.url()));
    await openEmpty(page);
    await pickFiles(page, 'wide.arrow');
    await expectRows(page, 500);
    expect(fetched.filter((u) => /parquet/i.test(u))).toEqual([]);
    await pickFiles(page, 'wide.parquet');
    await expect(page.getByRole('status')).toContainText('500 rows');
    await expect
      .poll(() => fetched.filter((u) => /parquet_wasm_bg.*\.wasm$/.test(u)).length)
      .toBe(1);
    expect(fetched.every((u) => u.startsWith('http://127.0.0.1'))).toBe(true);
  });
});

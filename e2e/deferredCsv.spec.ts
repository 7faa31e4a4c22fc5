// A large CSV opens on the columns the Overview needs; the features and the embedding (a JSON
// list per row) are parsed after (src/data/partial/csvPartial.ts). The worker's reading is held
// (holdColumns) so the waiting is seen, then let go. The file is written by DuckDB.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { expectRows, metricCell, openEmpty, openView, pct } from './helpers';

const N = 60_000;
const DIM = 32; // ≈ 420 bytes a row: above the 16 MiB where the first-columns open starts
const DIR = join(tmpdir(), `wb-deferred-csv-${process.pid}`);
const CSV = join(DIR, 'big-wide.csv');

const label = Int32Array.from({ length: N }, (_, i) => i % 3);
const pred = (k: number) =>
  Int32Array.from({ length: N }, (_, i) => (i % k === 0 ? (i + 1) % 3 : i % 3));
const accuracy = (p: Int32Array) => p.filter((x, i) => x === label[i]).length / N;

test.beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  const p = (k: number) => `(CASE WHEN i % ${k} = 0 THEN (i + 1) % 3 ELSE i % 3 END)::INTEGER`;
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(
    `COPY (SELECT (i + 1000000000000)::BIGINT AS id, (i % 3)::INTEGER AS label, ` +
      `${p(5)} AS pred_v1, ${p(7)} AS pred_v2, (i * 0.5)::DOUBLE AS f_num0, ` +
      `((i % 100) / 4)::FLOAT AS f_num1, ['north', 'south', 'east', 'west'][i % 4 + 1] AS f_cat0, ` +
      `to_json(list_transform(range(${DIM}), j -> (sin((i * ${DIM} + j) * 0.37))::FLOAT)) AS embedding ` +
      `FROM range(${N}) t(i)) TO '${CSV}' (HEADER)`,
  );
  c.closeSync();
  db.closeSync();
  expect(statSync(CSV).size).toBeGreaterThan(16 * 2 ** 20);
});

test.afterAll(() => rmSync(DIR, { recursive: true, force: true }));

async function hold(page: Page, on: boolean) {
  await page.evaluate((on) => {
    const engine = (
      window as unknown as { __workbenchEngine: { holdColumns: (on: boolean) => Promise<void> } }
    ).__workbenchEngine;
    return engine.holdColumns(on);
  }, on);
}

test('a large CSV opens on its first columns; Rows waits for the features, then shows them', async ({
  page,
}) => {
  await openEmpty(page);
  await hold(page, true);
  await page.getByLabel('Open data files').setInputFiles(CSV);
  await expectRows(page, N);
  await expect(await metricCell(page, 'v1', 'Accuracy')).toHaveText(pct(accuracy(pred(5))));
  await expect(await metricCell(page, 'v2', 'Accuracy')).toHaveText(pct(accuracy(pred(7))));
  const status = page.getByRole('status');
  await expect(status).toContainText('Reading 3 more columns… 0%');
  await page.screenshot({ path: 'test-results/deferred-csv-overview.png' });

  await openView(page, 'Rows');
  const wait = page.getByRole('progressbar', { name: 'Loading columns' });
  await expect(wait).toHaveText('Loading column f_num0 and 2 more… 0%');
  await hold(page, false);
  await expect(wait).toBeHidden();
  const grid = page.getByRole('grid', { name: 'Rows in all rows' });
  await expect(grid.getByRole('columnheader', { name: 'f_num0' })).toBeVisible();
  const headers = await grid.getByRole('columnheader').allInnerTexts();
  const at = (name: string) => headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === name);
  const row = grid.locator('[role="row"][aria-rowindex="4"]'); // the third row: i = 2
  await expect(row.getByRole('gridcell').first()).not.toHaveText(/Loading/);
  const cells = await row.getByRole('gridcell').allInnerTexts();
  expect(cells[at('f_num0')]!.trim()).toBe('1');
  expect(cells[at('f_num1')]!.trim()).toBe('0.5');
  expect(cells[at('f_cat0')]!.trim()).toBe('east');
  expect(cells[at('id')]!.trim()).toBe('1000000000002');
  await expect(status).not.toContainText('Reading');
  await page.screenshot({ path: 'test-results/deferred-csv-loaded.png' });
  // The Map needs the embedding, parsed by now.
  await openView(page, 'Map');
  await expect(wait).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Legend: label' })).toBeVisible();
});

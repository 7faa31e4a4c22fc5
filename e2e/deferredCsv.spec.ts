// A large CSV opens on the columns the Overview needs; the features and the embedding (a JSON
// list per row) are parsed after (src/data/partial/csvPartial.ts); the shared steps are in
// deferredHelpers.ts. The file is written by DuckDB.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DuckDBInstance } from '@duckdb/node-api';
import { metricCell, pct } from './helpers';
import { openHeld, rowsWaitThenShow, wideColumnsSql } from './deferredHelpers';

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
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(
    `COPY (SELECT ${wideColumnsSql()}, ` +
      `to_json(list_transform(range(${DIM}), j -> (sin((i * ${DIM} + j) * 0.37))::FLOAT)) AS embedding ` +
      `FROM range(${N}) t(i)) TO '${CSV}' (HEADER)`,
  );
  c.closeSync();
  db.closeSync();
  expect(statSync(CSV).size).toBeGreaterThan(16 * 2 ** 20);
});

test.afterAll(() => rmSync(DIR, { recursive: true, force: true }));

test('a large CSV opens on its first columns; Rows waits for the features, then shows them', async ({
  page,
}) => {
  // The first pass is split: a helper worker scans the second half (src/data/partial/csvPart.ts).
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await openHeld(page, CSV, N);
  expect(workers.some((u) => u.includes('csvPart.worker'))).toBe(true);
  await expect(await metricCell(page, 'v1', 'Accuracy')).toHaveText(pct(accuracy(pred(5))));
  await expect(await metricCell(page, 'v2', 'Accuracy')).toHaveText(pct(accuracy(pred(7))));
  await expect(page.getByRole('status')).toContainText('Reading 3 more columns… 0%');
  await page.screenshot({ path: 'test-results/deferred-csv-overview.png' });
  // The Map needs the embedding, parsed by then.
  await rowsWaitThenShow(
    page,
    'f_num0 and 2 more',
    { f_num0: '1', f_num1: '0.5', f_cat0: 'east', id: '1000000000002' },
    'deferred-csv',
  );
});

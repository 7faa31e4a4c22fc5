// A large Arrow file opens on the columns the Overview needs; the features and the embedding
// are read after (src/worker/session/deferred.ts); the shared steps are in deferredHelpers.ts.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  Dictionary,
  Field,
  FixedSizeList,
  Float32,
  Int32,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { DuckDBInstance } from '@duckdb/node-api';
import { metricCell, pct } from './helpers';
import { hold, openHeld, rowsWaitThenShow, wideColumnsSql } from './deferredHelpers';

const N = 60_000;
const DIM = 80; // 60,000 × 80 float32 = 19 MB: above the 16 MiB where the footer read starts
const CATS = ['north', 'south', 'east', 'west'];
const FILE = join(tmpdir(), `wb-deferred-${process.pid}`, 'big-wide.arrow');
// The same values written by DuckDB (snappy): the embedding a list, the category a plain string
// (read with the first columns: a string's values decide whether it is an image URL). Several row
// groups, so the first columns are decoded on two threads (src/data/formats/parquetHelper.ts).
const PARQUET = join(tmpdir(), `wb-deferred-${process.pid}`, 'big-wide.parquet');
const label = Int32Array.from({ length: N }, (_, i) => i % 3);
const predV1 = Int32Array.from({ length: N }, (_, i) => (i % 5 === 0 ? (i + 1) % 3 : i % 3));
const predV2 = Int32Array.from({ length: N }, (_, i) => (i % 7 === 0 ? (i + 1) % 3 : i % 3));

test.beforeAll(async () => {
  const emb = new Float32Array(N * DIM);
  for (let i = 0; i < emb.length; i++) emb[i] = Math.sin(i * 0.37) + ((i / DIM) % 3);
  const embType = new FixedSizeList(DIM, new Field('item', new Float32(), false));
  const table = new Table({
    id: makeVector(BigInt64Array.from({ length: N }, (_, i) => BigInt(i) + 10n ** 12n)),
    label: makeVector(label),
    pred_v1: makeVector(predV1),
    pred_v2: makeVector(predV2),
    f_num0: makeVector(Float64Array.from({ length: N }, (_, i) => i * 0.5)),
    f_num1: makeVector(Float32Array.from({ length: N }, (_, i) => (i % 100) / 4)),
    f_cat0: vectorFromArray(
      Array.from({ length: N }, (_, i) => CATS[i % 4]!),
      new Dictionary(new Utf8(), new Int32()),
    ),
    embedding: makeVector(
      makeData({
        type: embType,
        length: N,
        nullCount: 0,
        child: makeData({ type: new Float32(), length: N * DIM, data: emb }),
      }),
    ),
  });
  mkdirSync(join(FILE, '..'), { recursive: true });
  writeFileSync(FILE, tableToIPC(table, 'file'));
  // DuckDB, not polars: nodejs-polars' native binary needs Node 22 and npm skips it on Node 20.
  const flat = `(i * ${DIM} + j)`;
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(
    `COPY (SELECT ${wideColumnsSql()}, ` +
      `list_transform(range(${DIM}), j -> (sin(${flat} * 0.37) + fmod(${flat} / ${DIM}, 3))::FLOAT) AS embedding ` +
      `FROM range(${N}) t(i)) TO '${PARQUET}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 16384)`,
  );
  c.closeSync();
  db.closeSync();
  // Above the 16 MiB where the first-columns open starts.
  expect(statSync(PARQUET).size).toBeGreaterThan(16 * 2 ** 20);
});

const accuracy = (pred: Int32Array) => pred.filter((p, i) => p === label[i]).length / N;

test('the Overview works at once; Rows and the Map wait for their columns, then show them', async ({
  page,
}) => {
  await openHeld(page, FILE, N);
  // Overview from the first columns: the numbers of an independent count.
  await expect(await metricCell(page, 'v1', 'Accuracy')).toHaveText(pct(accuracy(predV1)));
  await expect(await metricCell(page, 'v2', 'Accuracy')).toHaveText(pct(accuracy(predV2)));
  await expect(page.getByRole('status')).toContainText('Reading 4 more columns… 0%');
  // Reading goes on: the table appears with the feature columns, values as written.
  await rowsWaitThenShow(page, 'f_num0 and 3 more', { f_num0: '1', f_cat0: 'east' }, 'deferred');
});

test('a cohort on a column still being read waits for it, then counts the right rows', async ({
  page,
}) => {
  await openHeld(page, FILE, N);
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('Small f_num0');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('col:f_num0');
  await page.getByLabel('Maximum of condition 1').fill('100');
  // f_num0 = i / 2 ≤ 100 for i = 0…200.
  const matched = page.getByText(`201 of ${N.toLocaleString('en-US')} rows match`);
  await expect(page.getByRole('status')).toContainText('Reading 4 more columns');
  await expect(page.getByText('Loading column f_num0… 0%')).toBeVisible();
  await expect(matched).toHaveCount(0);
  await page.screenshot({ path: 'test-results/deferred-cohort-waiting.png' });
  await hold(page, false);
  await expect(matched).toBeVisible();
  await page.getByRole('button', { name: 'Save cohort' }).click();
  await expect(page.getByRole('button', { name: /Small f_num0/ })).toContainText('201 rows');
});

test('a Parquet file opens on its first columns; Rows waits for the features, then shows them', async ({
  page,
}) => {
  await openHeld(page, PARQUET, N);
  await expect(await metricCell(page, 'v1', 'Accuracy')).toHaveText(pct(accuracy(predV1)));
  await expect(await metricCell(page, 'v2', 'Accuracy')).toHaveText(pct(accuracy(predV2)));
  // The row groups were shared with the second decoder (the worker the engine worker started).
  expect(page.workers().map((w) => w.url())).toContainEqual(
    expect.stringMatching(/parquetDecode\.worker/),
  );
  // f_num0, f_num1, f_cat0 (DuckDB writes it with a dictionary: read as a categorical, after the
  // Overview) and the embedding.
  await expect(page.getByRole('status')).toContainText('Reading 4 more columns… 0%');
  await page.screenshot({ path: 'test-results/deferred-parquet-overview.png' });
  await rowsWaitThenShow(
    page,
    'f_num0 and 3 more',
    { f_num0: '1', f_cat0: 'east', id: '1000000000002' },
    'deferred-parquet',
  );
});

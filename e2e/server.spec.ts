import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { dataPath, expectRows, metricCell, openView, pct } from './helpers';

/** wide.arrow holds the same 500 rows as wide-snappy.parquet: read with arrow-js, independently. */
const wide = tableFromIPC(readFileSync(dataPath('wide.arrow')));
const col = (name: string) => wide.getChild(name)!;
function truthIn(country: string) {
  let n = 0;
  let right = 0;
  for (let i = 0; i < wide.numRows; i++) {
    if (col('country').get(i) !== country) continue;
    n++;
    if (col('pred_v1').get(i) === col('label').get(i)) right++;
  }
  return { n, accuracy: right / n };
}

async function openServed(page: Page, ...flags: string[]): Promise<string> {
  const url = await serve(...flags, dataPath('wide-snappy.parquet'));
  await page.goto(url);
  await expectRows(page, 500);
  return url;
}

// `npm run serve -- file.parquet` (scripts/serve.mjs): DuckDB answers the views over HTTP.
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = port === 4173 ? 'dist' : `.e2e-dist/${port}`;

let child: ChildProcess | null = null;
test.afterEach(() => {
  child?.kill();
  child = null;
});

function serve(...args: string[]): Promise<string> {
  const port = args.includes('--port') ? [] : ['--port', '0'];
  child = spawn('node', ['scripts/serve.mjs', '--no-open', ...port, ...args], {
    env: { ...process.env, WORKBENCH_DIST: dist },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stderr!.on('data', (d) => (out += String(d)));
    child!.stdout!.on('data', (d) => {
      out += String(d);
      const m = /http:\/\/127\.0\.0\.1:\d+\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child!.on('exit', (code) => reject(new Error(`serve.mjs exited ${code}: ${out}`)));
  });
}

// wide-snappy.parquet: 500 rows, 3 classes; v1 is 67.0% accurate, v2 80.4% (e2e/data/README.md).
test('the overview of a Parquet file answered by DuckDB', async ({ page }) => {
  await openServed(page);
  await expect(page.getByRole('status')).toContainText('rows in DuckDB');
  await expect(await metricCell(page, 'v1', 'Accuracy')).toHaveText('67.0%');
  await expect(await metricCell(page, 'v2', 'Accuracy')).toHaveText('80.4%');
  await page.screenshot({ path: 'test-results/server-overview.png', fullPage: true });
});

test('a cohort edit updates its size and metrics from DuckDB', async ({ page }) => {
  await openServed(page);
  const de = truthIn('DE');
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('Germany');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('col:country');
  await page.getByLabel('Values of condition 1').getByRole('checkbox', { name: /^DE\b/ }).check();
  await expect(page.getByText(`${de.n} of 500 rows match`)).toBeVisible();
  await page.getByRole('button', { name: 'Save cohort' }).click();
  const chip = page.getByRole('button', { name: /Germany/ });
  await expect(chip).toContainText(`${de.n} rows`);
  await expect(await metricCell(page, 'v1', 'Accuracy', 'Germany')).toHaveText(pct(de.accuracy));
});

test('rows: a sorted page and find by id, answered by DuckDB', async ({ page }) => {
  await openServed(page);
  await openView(page, 'Rows');
  await expect(page.getByText('500 rows in all rows')).toBeVisible();
  const grid = page.getByRole('grid', { name: 'Rows in all rows' });
  const age = grid.getByRole('columnheader', { name: 'age' });
  await age.getByRole('button').click();
  await age.getByRole('button').click();
  await expect(age).toHaveAttribute('aria-sort', 'descending');
  // The oldest age in the file, read with arrow-js.
  let max = -Infinity;
  for (let i = 0; i < wide.numRows; i++) {
    const v = col('age').get(i);
    if (v !== null && v > max) max = v;
  }
  const first = grid.locator('[role="row"][aria-rowindex="2"]');
  await expect(first).toContainText(String(max));
  const id = String(col('id').get(123));
  const box = page.getByLabel('Find row by id');
  await box.fill(id);
  await box.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Row ${id}` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(String(col('segment').get(123)));
  await page.screenshot({ path: 'test-results/server-row.png', fullPage: true });
});

test('Compare: accuracies, the paired difference and flips from DuckDB', async ({ page }) => {
  await openServed(page);
  await openView(page, 'Compare');
  const table = page.getByRole('table', { name: /Metrics per cohort and version/ });
  const row = (v: string) =>
    table
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${v}`) }) });
  await expect(row('v1').locator('td').nth(2)).toContainText('67.0%');
  await expect(row('v2').locator('td').nth(2)).toContainText('80.4%');
  await expect(row('v2').locator('td').nth(2)).toContainText('Δ +13.4 pts');
  await expect(page.getByText(/Intervals from 200 bootstrap resamples/)).toBeVisible({
    timeout: 30_000,
  });
  const flips = page.getByRole('table', { name: /Flips from the baseline v1/ });
  await expect(flips).toContainText('63');
  await expect(flips).toContainText('130');
  await page.screenshot({ path: 'test-results/server-compare.png', fullPage: true });
});

test('a view the server does not answer yet says so; the app stays up', async ({ page }) => {
  await openServed(page);
  await openView(page, 'Map');
  await expect(page.getByText(/not available in server mode/).first()).toBeVisible();
  await openView(page, 'Overview');
  await expect(await metricCell(page, 'v1', 'Accuracy')).toHaveText('67.0%');
});

test('stopping the server mid-session: a clear message, saved cohorts kept', async ({ page }) => {
  const first = new URL(await openServed(page));
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('Members');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('col:is_member');
  await page
    .getByLabel('Values of condition 1')
    .getByRole('checkbox', { name: /^true\b/ })
    .check();
  await page.getByRole('button', { name: 'Save cohort' }).click();
  await expect(page.getByRole('button', { name: /Members/ })).toContainText('rows');
  const chip = page.getByRole('button', { name: /Members/ });
  await expect(chip).toContainText(/\d+ rows/);
  const size = /(\d+) rows/.exec(await chip.innerText())![1]!;
  child!.kill();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('the DuckDB server is not answering');
  await expect(alert).toContainText(`--port ${first.port}`);
  await expect(page.getByRole('button', { name: /Members/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/server-stopped.png', fullPage: true });
  // Started again on that port as the message says: a new token, the same origin, the cohort back.
  const old = child!;
  if (old.exitCode === null && old.signalCode === null)
    await new Promise((r) => old.once('exit', r));
  await openServed(page, '--port', first.port);
  await expect(page.getByRole('button', { name: /Members/ })).toContainText(`${size} rows`);
});

test('bad input stops the command with a sentence naming it', async () => {
  await expect(serve('no/such/file.parquet')).rejects.toThrow(
    /No such file: .*no\/such\/file\.parquet/,
  );
  await expect(serve(dataPath('nothing-here-*.parquet'))).rejects.toThrow(/No file matches/);
  await expect(
    serve(dataPath('wide-snappy.parquet'), dataPath('features.parquet')),
  ).rejects.toThrow(/do not share one schema/);
});

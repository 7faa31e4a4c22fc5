import { readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { expect, test, type Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { dataPath, expectRows, metricCell, openView, pct } from './helpers';
import { commandOf } from './spawnApp';

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
const serve = commandOf('scripts/serve.mjs', (args) =>
  args.includes('--port') ? [] : ['--port', '0'],
);

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

test('the row detail lists exact nearest neighbours found by a distance scan in DuckDB', async ({
  page,
}) => {
  await openServed(page);
  // Cosine distances to row 123's embedding, recomputed from wide.arrow with arrow-js.
  const vec = (i: number) => Array.from(col('embedding').get(i) as ArrayLike<number>);
  const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const q = vec(123);
  const ranked = Array.from({ length: wide.numRows }, (_, i) => i)
    .filter((i) => i !== 123)
    .map((i) => {
      const v = vec(i);
      return { i, d: 1 - v.reduce((s, x, j) => s + x * q[j]!, 0) / (norm(q) * norm(v)) };
    })
    .sort((a, b) => a.d - b.d || a.i - b.i);
  const id = String(col('id').get(123));
  const box = page.getByLabel('Find row by id');
  await box.fill(id);
  await box.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Row ${id}` });
  const table = dialog.getByRole('table', { name: /^Nearest neighbours of/ });
  await expect(table).toContainText(`Nearest neighbours of ${id} (cosine, 499 candidates)`, {
    timeout: 30_000,
  });
  const first = table.locator('tbody tr').first();
  await expect(first.getByRole('rowheader')).toHaveText(String(col('id').get(ranked[0]!.i)));
  await expect(first.locator('td').nth(1)).toHaveText(ranked[0]!.d.toFixed(4));
  await expect(table.locator('tbody tr')).toHaveCount(10);
  await expect(dialog.getByText(/not available in server mode/)).toHaveCount(0);
  await table.scrollIntoViewIfNeeded();
  await dialog.screenshot({ path: 'test-results/server-neighbours.png' });
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

/** Multiclass log loss and Brier of a version from wide.arrow's rows (arrow-js), as sklearn defines them. */
function lossesOf(version: string) {
  const eps = 2 ** -23; // probabilities are float32: clipped by float32's epsilon, as sklearn does
  let ll = 0;
  let brier = 0;
  for (let i = 0; i < wide.numRows; i++) {
    const y = col('label').get(i) as number;
    const p = Array.from(col(`probs_${version}`).get(i) as ArrayLike<number>);
    ll -= Math.log(Math.min(1 - eps, Math.max(eps, p[y]!)));
    brier += p.reduce((s, v, j) => s + (v - (j === y ? 1 : 0)) ** 2, 0);
  }
  return { logLoss: ll / wide.numRows, brier: brier / wide.numRows };
}

test('Compare: log loss and Brier with their intervals from DuckDB', async ({ page }) => {
  await openServed(page);
  await openView(page, 'Compare');
  const table = page.getByRole('table', { name: /Metrics per cohort and version/ });
  await expect(page.getByText(/Intervals from 200 bootstrap resamples/)).toBeVisible({
    timeout: 60_000,
  });
  const headers = await table.getByRole('columnheader').allInnerTexts();
  // Data cells skip the version's row header: a column's cell is td number (header index − 1).
  const cell = (v: string, name: string) =>
    table
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${v}`) }) })
      .locator('td')
      .nth(headers.findIndex((h) => h.trim() === name) - 1);
  for (const v of ['v1', 'v2']) {
    const want = lossesOf(v);
    await expect(cell(v, 'Log loss')).toContainText(want.logLoss.toFixed(3));
    await expect(cell(v, 'Brier')).toContainText(want.brier.toFixed(3));
    // A bootstrap interval drawn in DuckDB: "lo to hi".
    await expect(cell(v, 'Log loss')).toContainText(/\d\.\d{3} to \d\.\d{3}/);
  }
  await expect(cell('v2', 'Brier')).toContainText(/Δ [−+]0\.\d{3}/);
  await expect(page.getByText(/log loss and Brier are not computed/)).toHaveCount(0);
  await table.screenshot({ path: 'test-results/server-compare-losses.png' });
});

test('Slices: failure slices found by DuckDB, the top one made a cohort of the same size', async ({
  page,
}) => {
  await openServed(page);
  await openView(page, 'Slices');
  await page.getByRole('button', { name: 'Find slices' }).click();
  const table = page.getByRole('table', { name: /slices, most significant first$/ });
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Benjamini–Hochberg/)).toBeVisible();
  await expect(page.getByText(/not available in server mode/)).toHaveCount(0);
  const top = table.locator('tbody tr').first();
  const text = (await top.locator('th .slice-text').innerText()).trim();
  const rows = (await top.locator('td').first().innerText()).trim();
  expect(Number(rows.replace(/,/g, ''))).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/server-slices.png', fullPage: true });
  // The cohort's size is counted by a WHERE, not by the slice search's GROUP BY: they agree.
  await top.getByRole('button', { name: 'Make cohort' }).click();
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const chip = page.getByRole('button', { name: new RegExp(escaped) }).first();
  await expect(chip).toContainText(`${rows} rows`);
});

test('release rules: a share-above rule checked by DuckDB', async ({ page }) => {
  await openServed(page);
  await openView(page, 'Compare');
  // The confidence (largest probability) of each version, read from wide.arrow with arrow-js.
  const conf = (name: string) =>
    Array.from({ length: wide.numRows }, (_, i) => {
      const p = col(name).get(i);
      return p === null ? NaN : Math.max(...(Array.from(p) as number[]));
    });
  const c1 = conf('probs_v1');
  const c2 = conf('probs_v2');
  let up = 0;
  let down = 0;
  c1.forEach((a, i) => {
    const b = c2[i]!;
    if (a !== a || b !== b) return;
    if (b > 0.7 && !(a > 0.7)) up++;
    if (a > 0.7 && !(b > 0.7)) down++;
  });
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = 'Share of confidences above 0.7 must not rise by more than 1 point';
  const grid = page.getByRole('table', { name: /^Release rules/ });
  await expect(grid.locator('thead th').filter({ hasText: rule })).toBeVisible();
  const cell = grid
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: /^All rows/ }) })
    .locator('td')
    .last(); // the one rule's column, after the "v2 vs v1" cell
  await expect(cell).toContainText(`${up} moved above 0.7, ${down} moved below`, {
    timeout: 60_000,
  });
  await expect(cell).toContainText(/Pass|Fail|Inconclusive/);
  await expect(page.getByText(/not available in server mode/)).toHaveCount(0);
  await page.locator('section.rules-panel').screenshot({ path: 'test-results/server-rules.png' });
  // A row whose confidence moved above 0.7: its detail says it counts toward the rule.
  const i = c1.findIndex((a, j) => a <= 0.7 && c2[j]! > 0.7);
  const id = String(col('id').get(i));
  await page.getByLabel('Find row by id').fill(id);
  await page.getByLabel('Find row by id').press('Enter');
  const dialog = page.getByRole('dialog', { name: `Row ${id}` });
  await expect(dialog.getByRole('list', { name: 'Rules this row crosses' })).toContainText(
    `confidence moved above 0.7 (${c1[i]!.toFixed(2)} under v1 → ${c2[i]!.toFixed(2)} under v2)`,
  );
  await dialog.screenshot({ path: 'test-results/server-row-rules.png' });
});

// The flights demo (binary scores, no predictions) as Parquet, written by DuckDB from a CSV of
// the arrow-js rows: the scores stay float32, so both sides hold the same values. `delayed` is
// written as `label`: the server's summary does not infer a label from its values yet (the tab's
// inferLabel does), and this test is about the Compare panels.
const flights = tableFromIPC(
  readFileSync(new URL('../public/demo/flights.arrow', import.meta.url)),
);
const fcol = (name: string) => Array.from(flights.getChild(name)!.toArray() as ArrayLike<number>);

async function flightsParquet(): Promise<string> {
  const csv = test.info().outputPath('flights.csv');
  const out = test.info().outputPath('flights.parquet');
  const names = ['id', 'delayed', 'score_v1', 'score_v2', 'dep_hour'];
  const cols = names.map((n) => flights.getChild(n)!);
  const lines = [names.join(',')];
  for (let i = 0; i < flights.numRows; i++) lines.push(cols.map((c) => String(c.get(i))).join(','));
  writeFileSync(csv, lines.join('\n'));
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(
    `COPY (SELECT id, delayed::INTEGER AS label, score_v1::FLOAT AS score_v1, score_v2::FLOAT AS score_v2, ` +
      `dep_hour::INTEGER AS dep_hour FROM read_csv('${csv}', all_varchar = true)) TO '${out}' (FORMAT parquet)`,
  );
  c.closeSync();
  db.closeSync();
  return out;
}

test('Compare charts, thresholds and curves of a binary model from DuckDB', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(await serve(await flightsParquet()));
  await expectRows(page, 30000);
  await openView(page, 'Compare');
  const y = fcol('delayed');
  const s1 = fcol('score_v1');
  const s2 = fcol('score_v2');
  // Calibration: ECE over 10 bins of v2's score, recomputed here from the arrow-js rows.
  const n = new Array<number>(10).fill(0);
  const conf = new Array<number>(10).fill(0);
  const hits = new Array<number>(10).fill(0);
  s2.forEach((v, i) => {
    const b = Math.min(9, Math.floor(v * 10));
    n[b]!++;
    conf[b]! += v;
    hits[b]! += y[i]!;
  });
  const ece = n.reduce((e, _, b) => e + Math.abs(hits[b]! - conf[b]!), 0) / s2.length;
  const eceTable = page.getByRole('table', { name: /^Expected calibration error in/ });
  await expect(
    eceTable.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'v2' }) }),
  ).toContainText(ece.toFixed(4));
  await expect(page.getByRole('img', { name: /^Score distributions/ })).toContainText('v2');
  await expect(page.getByRole('img', { name: /^v1 score vs v2 score/ })).toBeVisible();
  // The server answers one query at a time: the bootstrap (200 resamples × 30,000 rows, AUC per
  // resample) runs first; a threshold edit is answered after it, as a person would see it.
  await expect(page.getByText(/Intervals from 200 bootstrap resamples/)).toBeVisible({
    timeout: 120_000,
  });
  // Thresholds: v1 at 0.3 flags as many rows as have score_v1 ≥ 0.3.
  await page.getByLabel('Threshold of v1 (number)').fill('0.3');
  await page.getByLabel('Threshold of v1 (number)').press('Enter');
  const points = page.getByRole('table', { name: /^Operating points in/ });
  const v1 = points
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: /^v1/ }) });
  const flagged = s1.filter((v) => v >= 0.3).length;
  await expect(v1.locator('td').nth(1)).toHaveText(flagged.toLocaleString('en-US'));
  const tp = s1.filter((v, i) => v >= 0.3 && y[i] === 1).length;
  const pos = y.filter((v) => v === 1).length;
  await expect(v1.locator('td').nth(3)).toHaveText(pct(tp / pos));
  // ROC curves with their areas, and matching v2 to v1's false-positive rate.
  const roc = page.getByRole('img', { name: 'ROC curve (All rows)' });
  await expect(roc).toContainText('v1 ≥ 0.3');
  await expect(roc).toContainText(/v2 \(AUC 0\.\d{3}\)/);
  await page.getByRole('button', { name: 'Match operating point' }).click();
  // Answered after the threshold edit's Compare (its bootstrap: AUC, PR-AUC, log loss, Brier).
  await expect(page.locator('.match-note')).toContainText("v2's threshold set to", {
    timeout: 90_000,
  });
  await expect(page.getByText(/not available in server mode/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/server-compare-binary.png', fullPage: true });
});

test('the Map in server mode: a hashed sample of the rows, picked rows open, a lasso over all rows', async ({
  page,
}) => {
  // 500 rows drawn as a sample of 200 (the flag caps the points the Map draws).
  await openServed(page, '--map-sample', '200');
  await openView(page, 'Map');
  await expect(page.getByText('A sample of 200 of 500 rows')).toBeVisible();
  await expect(page.getByText(/PCA of embedding: the two axes keep/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Legend: label' })).toBeVisible();
  // The WebGL layer has drawn points.
  const canvas = page.getByTestId('scatter');
  const drawn = await page.locator('canvas.scatter-gl').evaluate((c: HTMLCanvasElement) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.canvas.width = c.width;
    ctx.canvas.height = c.height;
    ctx.drawImage(c, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i]! < 200 || px[i + 2]! < 200) ink++;
    return ink;
  });
  expect(drawn).toBeGreaterThan(200);
  // The legend counts the drawn points: 200 in all.
  const counts = await page
    .getByRole('list', { name: 'Legend: label' })
    .locator('.legend-count')
    .allInnerTexts();
  expect(counts.reduce((t, c) => t + Number(c.replace(/,/g, '')), 0)).toBe(200);
  await page.screenshot({ path: 'test-results/server-map.png', fullPage: true });

  // A box over the whole map selects the rows inside it, drawn or not: more than the 200 drawn
  // (rows outside the sample's extent may fall outside the box); DuckDB sizes the cohort alike.
  const box = (await canvas.boundingBox())!;
  await page.getByRole('button', { name: 'Box select' }).click();
  await page.mouse.move(box.x + 2, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2, { steps: 5 });
  await page.mouse.up();
  const bar = page.getByRole('region', { name: 'Selection' });
  await expect(bar).toContainText('rows selected');
  const selected = Number((await bar.locator('strong').innerText()).replace(/,/g, ''));
  expect(selected).toBeGreaterThan(200);
  expect(selected).toBeLessThanOrEqual(500);
  await bar.getByRole('button', { name: `Make cohort of ${selected} selected rows` }).click();
  await expect(page.getByRole('button', { name: /Map box/ })).toContainText(`${selected} rows`);

  // Keyboard picking: a drawn point opens its row, read from DuckDB.
  await page.getByRole('button', { name: 'Pan & pick' }).click();
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /^Row \d+/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Nearest neighbours' })).toBeVisible();
  await page.screenshot({ path: 'test-results/server-map-picked.png', fullPage: true });
});

test('a view the server does not answer yet says so; the app stays up', async ({ page }) => {
  await openServed(page);
  await openView(page, 'Map');
  await page.getByRole('button', { name: 'Find likely label errors' }).click();
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
  const stopped = serve.stop();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('the DuckDB server is not answering');
  await expect(alert).toContainText(`--port ${first.port}`);
  await expect(page.getByRole('button', { name: /Members/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/server-stopped.png', fullPage: true });
  // Started again on that port as the message says: a new token, the same origin, the cohort back.
  await stopped;
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

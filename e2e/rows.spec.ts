import { readFileSync } from 'node:fs';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { expectRows, openView } from './helpers';

/** The digits demo read in Node with arrow-js: the independent side of every check here. */
const digits = tableFromIPC(readFileSync(new URL('../public/demo/digits.arrow', import.meta.url)));
const col = (name: string) => digits.getChild(name)!;
const N = digits.numRows;

/** Row indices by ink, highest first, missing last, ties in file order (the table's rule). */
function byInkDesc(): number[] {
  const ink = col('ink');
  const idx = [...Array(N).keys()];
  const has = (i: number) => ink.get(i) !== null && !Number.isNaN(ink.get(i));
  const valid = idx.filter(has).sort((a, b) => ink.get(b) - ink.get(a) || a - b);
  return [...valid, ...idx.filter((i) => !has(i))];
}

/** Numbers as the table shows them: up to 4 decimals, no grouping. */
const shown = (v: number) =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: 4, useGrouping: false }).format(v);

function firstFlip(kind: 'correct-to-wrong' | 'wrong-to-correct'): number {
  for (let i = 0; i < N; i++) {
    const l = col('label').get(i);
    const a = col('pred_v1').get(i) === l;
    const b = col('pred_v2').get(i) === l;
    if (kind === 'correct-to-wrong' ? a && !b : !a && b) return i;
  }
  throw new Error(`no ${kind} flip in the demo`);
}

async function openRows(page: Page): Promise<Locator> {
  await page.goto('/');
  await expectRows(page, N);
  await openView(page, 'Rows');
  await expect(page.getByText(`${N.toLocaleString('en-US')} rows in all rows`)).toBeVisible();
  return page.getByRole('grid', { name: 'Rows in all rows' });
}

/** The text of a data row's cells under the named column headers. */
async function rowValues(grid: Locator, rowIndex: number, columns: string[]): Promise<string[]> {
  const headers = await grid.getByRole('columnheader').allInnerTexts();
  const at = columns.map((c) => headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === c));
  const row = grid.locator(`[role="row"][aria-rowindex="${rowIndex + 2}"]`);
  await expect(row.getByRole('gridcell').first()).not.toHaveText(/Loading/);
  const cells = await row.getByRole('gridcell').allInnerTexts();
  return at.map((j) => cells[j]!.trim());
}

test('the rows table sorts in the worker and scrolls to the last row', async ({ page }) => {
  const grid = await openRows(page);
  await expect(grid).toHaveAttribute('aria-rowcount', String(N + 1));
  const ink = grid.getByRole('columnheader', { name: 'ink' });
  await ink.getByRole('button').click();
  await expect(ink).toHaveAttribute('aria-sort', 'ascending');
  await ink.getByRole('button').click();
  await expect(ink).toHaveAttribute('aria-sort', 'descending');

  const order = byInkDesc();
  for (let p = 0; p < 5; p++) {
    const i = order[p]!;
    expect(await rowValues(grid, p, ['id', 'ink', 'label'])).toEqual([
      col('id').get(i),
      shown(col('ink').get(i)),
      String(col('label').get(i)),
    ]);
  }
  await page.screenshot({ path: 'test-results/rows-table.png' });

  await grid.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const last = order[N - 1]!;
  expect(await rowValues(grid, N - 1, ['id', 'ink'])).toEqual([
    col('id').get(last),
    shown(col('ink').get(last)),
  ]);
});

test('the keyboard moves through rows and Enter opens one', async ({ page }) => {
  const grid = await openRows(page);
  await grid.locator('[role="row"][aria-rowindex="2"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('[role="row"][aria-rowindex="4"]')).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Row ${col('id').get(2)}` });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(grid.locator('[role="row"][aria-rowindex="4"]')).toBeFocused();
});

test('"Find row by id" opens a flipped row with its flip in words', async ({ page }) => {
  await openRows(page);
  const i = firstFlip('correct-to-wrong');
  const id: string = col('id').get(i);
  const box = page.getByLabel('Find row by id');
  // Prefix suggestions: the first 8 ids (sorted) that start with what was typed.
  const prefix = id.slice(0, -2);
  const ids = Array.from({ length: N }, (_, j) => String(col('id').get(j)));
  const expected = ids
    .filter((x) => x.startsWith(prefix))
    .sort()
    .slice(0, 8);
  await box.fill(prefix);
  await expect(page.getByRole('listbox', { name: 'Matching ids' }).getByRole('option')).toHaveText(
    expected,
  );
  await box.fill(id);
  await expect(page.getByRole('option').first()).toHaveText(id);
  await box.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Row ${id}` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('correct under v1, wrong under v2');
  await expect(dialog).toContainText(`Label: ${col('label').get(i)}`);
  await expect(dialog.getByRole('heading', { name: 'Release rules crossed' })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Nearest neighbours' })).toBeVisible();
  const features = dialog.getByRole('table').last();
  await expect(features.getByRole('row', { name: /^ink/ })).toContainText(shown(col('ink').get(i)));
  await expect(page).toHaveURL(new RegExp(`row=${id}`));
  await page.screenshot({ path: 'test-results/row-detail.png' });

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  const back = firstFlip('wrong-to-correct');
  await box.fill(col('id').get(back));
  await box.press('Enter');
  await expect(page.getByRole('dialog')).toContainText('wrong under v1, correct under v2');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('an unknown id gets a message, not a blank screen', async ({ page }) => {
  await openRows(page);
  const box = page.getByLabel('Find row by id');
  await box.fill('digit-nope');
  await box.press('Enter');
  await expect(page.getByText('No row with id “digit-nope”.')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('grid')).toBeVisible();
});

test('an id in another case opens its row; a typo gets the nearest ids and what ids look like', async ({
  page,
}) => {
  await openRows(page);
  const ids = Array.from({ length: N }, (_, j) => String(col('id').get(j))).sort();
  const id = ids[84]!;
  const box = page.getByLabel('Find row by id');
  await box.fill(id.toUpperCase());
  await box.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Row ${id}` });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // One character replaced by a look-alike: not a prefix of anything, one edit away.
  const typo = id.slice(0, 2) + 'o' + id.slice(3);
  await box.fill(typo);
  await box.press('Enter');
  const message = page.locator('.find-message');
  await expect(message).toContainText(`No row with id “${typo}”. Did you mean`);
  await expect(message).toContainText(
    `${N.toLocaleString('en-US')} ids, like ${ids[0]}, ${ids[Math.round((N - 1) / 2)]}, ${ids[N - 1]}.`,
  );
  await page.screenshot({ path: 'test-results/find-row-typo.png' });
  await message.getByRole('button', { name: id, exact: true }).click();
  await expect(dialog).toBeVisible();
});

test('choosing columns redraws the rows already on screen', async ({ page }) => {
  const grid = await openRows(page);
  // Row 3's ink before, then hide "ink": its header and every row's cell for it must go.
  expect(await rowValues(grid, 3, ['id', 'ink'])).toEqual([
    col('id').get(3),
    shown(col('ink').get(3)),
  ]);
  const row = grid.locator('[role="row"][aria-rowindex="5"]');
  const before = await row.getByRole('gridcell').count();
  await page.getByText(/^Columns \(\d+ of \d+\)$/).click();
  await page.getByRole('checkbox', { name: /^ink\b/ }).uncheck();
  await expect(grid.getByRole('columnheader', { name: 'ink' })).toHaveCount(0);
  await expect(row.getByRole('gridcell')).toHaveCount(before - 1);
  await expect(
    row.getByRole('gridcell', { name: shown(col('ink').get(3)), exact: true }),
  ).toHaveCount(0);
  // And back: the cell returns with the same value in the same row.
  await page.getByRole('checkbox', { name: /^ink\b/ }).check();
  expect(await rowValues(grid, 3, ['id', 'ink'])).toEqual([
    col('id').get(3),
    shown(col('ink').get(3)),
  ]);
});

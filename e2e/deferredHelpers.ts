// Shared steps of the specs about files opened on their first columns (deferred.spec.ts,
// deferredCsv.spec.ts): the worker's reading of the rest is held (holdColumns, a test hook like
// `spin`) so the waiting is seen, then let go.
import { expect, type Page } from '@playwright/test';
import { expectRows, openEmpty, openView } from './helpers';

/** The wide table's columns as DuckDB SQL over `range(n) t(i)`, less the embedding. */
export function wideColumnsSql(): string {
  const pred = (k: number) => `(CASE WHEN i % ${k} = 0 THEN (i + 1) % 3 ELSE i % 3 END)::INTEGER`;
  return (
    `(i + 1000000000000)::BIGINT AS id, (i % 3)::INTEGER AS label, ` +
    `${pred(5)} AS pred_v1, ${pred(7)} AS pred_v2, (i * 0.5)::DOUBLE AS f_num0, ` +
    `((i % 100) / 4)::FLOAT AS f_num1, ['north', 'south', 'east', 'west'][i % 4 + 1] AS f_cat0`
  );
}

export async function hold(page: Page, on: boolean) {
  await page.evaluate((on) => {
    const engine = (
      window as unknown as { __workbenchEngine: { holdColumns: (on: boolean) => Promise<void> } }
    ).__workbenchEngine;
    return engine.holdColumns(on);
  }, on);
}

/** Opens `file` through the picker with the reading of deferred columns held. */
export async function openHeld(page: Page, file: string, rows: number) {
  await openEmpty(page);
  await hold(page, true);
  await page.getByLabel('Open data files').setInputFiles(file);
  await expectRows(page, rows);
}

/**
 * Rows waits for its columns ("Loading column <waiting>… 0%"); once the reading is let go the
 * third row (i = 2) shows `values` under their headers, the status stops saying "Reading", and
 * the Map (which needs the embedding) opens without waiting.
 */
export async function rowsWaitThenShow(
  page: Page,
  waiting: string,
  values: Record<string, string>,
  shot: string,
) {
  await openView(page, 'Rows');
  const wait = page.getByRole('progressbar', { name: 'Loading columns' });
  await expect(wait).toHaveText(`Loading column ${waiting}… 0%`);
  await page.screenshot({ path: `test-results/${shot}-waiting.png` });
  await hold(page, false);
  await expect(wait).toBeHidden();
  const grid = page.getByRole('grid', { name: 'Rows in all rows' });
  await expect(grid.getByRole('columnheader', { name: 'f_num0' })).toBeVisible();
  const headers = await grid.getByRole('columnheader').allInnerTexts();
  const at = (name: string) => headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === name);
  const row = grid.locator('[role="row"][aria-rowindex="4"]'); // the third row: i = 2
  await expect(row.getByRole('gridcell').first()).not.toHaveText(/Loading/);
  const cells = await row.getByRole('gridcell').allInnerTexts();
  for (const [name, value] of Object.entries(values)) expect(cells[at(name)]!.trim()).toBe(value);
  await expect(page.getByRole('status')).not.toContainText('Reading');
  await page.screenshot({ path: `test-results/${shot}-loaded.png` });
  await openView(page, 'Map');
  await expect(wait).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Legend: label' })).toBeVisible();
}

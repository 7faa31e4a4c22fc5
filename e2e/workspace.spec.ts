import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { expectRows, openView } from './helpers';

/** A row of the digits demo that flipped correct → wrong, found through arrow-js rows. */
function flippedRow(): { id: string; label: number } {
  const t = tableFromIPC(readFileSync(new URL('../public/demo/digits.arrow', import.meta.url)));
  for (let i = 0; i < t.numRows; i++) {
    const l = t.getChild('label')!.get(i);
    if (t.getChild('pred_v1')!.get(i) === l && t.getChild('pred_v2')!.get(i) !== l) {
      return { id: String(t.getChild('id')!.get(i)), label: l };
    }
  }
  throw new Error('no flipped row');
}

test('a deep link to a row opens that row, with its flip in words', async ({ page }) => {
  const row = flippedRow();
  await page.goto(`/?row=${encodeURIComponent(row.id)}`);
  await expectRows(page, 4000);
  const drawer = page.getByRole('dialog', { name: `Row ${row.id}` });
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText('correct under v1, wrong under v2');
});

test('the whole workspace exports as one JSON file and imports into a fresh browser', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await expectRows(page, 4000);
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('Wrong under v2');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('outcome:v2');
  await page.getByRole('button', { name: 'Save cohort' }).click();
  const chip = page
    .getByRole('region', { name: 'Cohorts' })
    .getByRole('button', { name: /^Wrong under v2/ });
  // The chip shows "…" until the worker has counted the cohort.
  await expect(chip).toContainText(/[\d,]+ rows/);
  const size = (await chip.innerText()).match(/([\d,]+) rows/)![1]!;
  await openView(page, 'Compare');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export workspace' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^digits-workspace-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await file.path();
  const saved = JSON.parse(readFileSync(path!, 'utf8'));
  expect(saved.format).toBe('workbench-workspace');
  expect(saved.view).toBe('compare');

  // A fresh context has no storage: importing the file brings back the cohort and the view.
  const fresh = await browser.newPage();
  await fresh.goto('/');
  await expectRows(fresh, 4000);
  await expect(
    fresh.getByRole('region', { name: 'Cohorts' }).getByRole('button', { name: /^Wrong under v2/ }),
  ).toHaveCount(0);
  await fresh.getByLabel('Import workspace').setInputFiles(path!);
  await expect(
    fresh.getByRole('region', { name: 'Cohorts' }).getByRole('button', { name: /^Wrong under v2/ }),
  ).toContainText(`${size} rows`);
  await expect(
    fresh.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Compare' }),
  ).toHaveAttribute('aria-pressed', 'true');
  await fresh.close();
});

test('the rows table keeps its sort across a reload (it travels in the URL)', async ({ page }) => {
  await page.goto('/');
  await expectRows(page, 4000);
  await openView(page, 'Rows');
  const ink = page.getByRole('columnheader', { name: 'ink' });
  await ink.getByRole('button').click();
  await ink.getByRole('button').click();
  await expect(ink).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=-ink/);
  await page.reload();
  await expectRows(page, 4000);
  await expect(page.getByRole('columnheader', { name: 'ink' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
});

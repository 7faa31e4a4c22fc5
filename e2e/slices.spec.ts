import { expect, test, type Page } from '@playwright/test';
import { openView } from './helpers';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function openSlices(page: Page, demo: string, rows: string) {
  await page.goto(`/?data=demo/${demo}.arrow`);
  await expect(page.getByRole('status')).toContainText(`${rows} rows`);
  await openView(page, 'Slices');
}

test('find failure slices on the flights demo and turn the top one into a cohort', async ({
  page,
}) => {
  await openSlices(page, 'flights', '30,000');
  await page.getByRole('button', { name: 'Find slices' }).click();

  const table = page.getByRole('table', { name: /slices, most significant first$/ });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Benjamini–Hochberg/)).toBeVisible();
  const top = table.locator('tbody tr').first();
  const text = (await top.locator('th .slice-text').innerText()).trim();
  const rows = (await top.locator('td').first().innerText()).trim();
  expect(Number(rows.replace(/,/g, ''))).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/slices.png', fullPage: true });

  await top.getByRole('button', { name: 'Make cohort' }).click();
  const chip = page.getByRole('button', { name: new RegExp(escape(text)) }).first();
  await expect(chip).toContainText(`${rows} rows`);
  await expect(chip).toHaveAttribute('aria-pressed', 'true');

  // "Show rows" makes the cohort and opens the rows table.
  await top.getByRole('button', { name: 'Show rows' }).click();
  const views = page.getByRole('navigation', { name: 'Views' });
  await expect(views.getByRole('button', { name: 'Rows', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('where v2 got better than v1 on the digits demo: net change, both versions, honest heading after "Make cohort"', async ({
  page,
}) => {
  await openSlices(page, 'digits', '4,000');
  const form = page.locator('form.slices-controls');
  await form.getByRole('combobox', { name: /^Find/ }).selectOption('improvement');
  await form.getByRole('combobox', { name: /^Version/ }).selectOption('v2');
  await form.getByRole('combobox', { name: /^Baseline/ }).selectOption('v1');
  await form.getByRole('combobox', { name: /^Conditions up to/ }).selectOption('1');
  await page.getByRole('button', { name: 'Find slices' }).click();

  const table = page.getByRole('table', { name: /slices, most significant first$/ });
  await expect(table).toBeVisible({ timeout: 30_000 });
  for (const name of ['Flips', /Error rate v1/, /Error rate v2/, /Net change/, 'Outside the slice'])
    await expect(table.getByRole('columnheader', { name })).toBeVisible();
  const top = table.locator('tbody tr').first();
  await expect(top.locator('th .slice-text')).toHaveText('slant in [-0.8901, -0.1046]');
  // 5 broken, 60 fixed of 800 rows: −6.9 points net.
  await expect(top).toContainText('5 right → wrong');
  await expect(top).toContainText('60 wrong → right');
  await expect(top).toContainText('−6.9 pts');
  const what = page.getByTestId('slices-what');
  await expect(what).toContainText('v2 got better than v1 on balance');
  await expect(what).not.toContainText('within');
  await page.screenshot({ path: '/tmp/slices-improvement.png', fullPage: true });

  // Making the top slice a cohort activates it; the text still describes the table shown.
  await top.getByRole('button', { name: 'Make cohort' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Made the cohort' })).toBeVisible();
  await expect(what).not.toContainText('within');
  await expect(page.locator('.slices-scope-note')).toContainText('these results are for all rows');
  // The same slice again is the saved cohort, not a duplicate.
  await top.getByRole('button', { name: 'Make cohort' }).click();
  await expect(page.getByText(/is the saved cohort “slant in/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^slant in \[-0\.8901, -0\.1046\]/ })).toHaveCount(
    1,
  );
  await page.screenshot({ path: '/tmp/slices-after-cohort.png', fullPage: true });
});

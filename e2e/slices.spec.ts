import { expect, test } from '@playwright/test';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('find failure slices on the flights demo and turn the top one into a cohort', async ({
  page,
}) => {
  await page.goto('/?data=demo/flights.arrow');
  await expect(page.getByRole('status')).toContainText('30,000 rows');
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Slices' })
    .click();
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

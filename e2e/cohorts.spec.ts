import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { dataPath, expectRows, metricCell, openEmpty, pct, pickFiles } from './helpers';

/** Rows of the digits demo with label 8 and ink ≤ 0.12, and v1's accuracy there, via arrow-js. */
function thinEights() {
  const t = tableFromIPC(readFileSync(new URL('../public/demo/digits.arrow', import.meta.url)));
  let n = 0;
  let right = 0;
  for (let i = 0; i < t.numRows; i++) {
    if (t.getChild('label')!.get(i) !== 8 || !(t.getChild('ink')!.get(i) <= 0.12)) continue;
    n++;
    if (t.getChild('pred_v1')!.get(i) === 8) right++;
  }
  return { n, accuracy: right / n };
}

test('build a cohort in the builder, see its size and metrics, find it again after a reload', async ({
  page,
}) => {
  await page.goto('/');
  await expectRows(page, 4000);
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('Thin 8s');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('label');
  await page.getByLabel('Values of condition 1').getByRole('checkbox', { name: /^8\b/ }).check();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 2').selectOption('col:ink');
  await page.getByLabel('Maximum of condition 2').fill('0.12');
  const expected = thinEights();
  await expect(page.getByText(`${expected.n} of 4,000 rows match`)).toBeVisible();
  await page.getByRole('button', { name: 'Save cohort' }).click();

  const chip = page.getByRole('button', { name: /Thin 8s/ });
  await expect(chip).toContainText(`${expected.n} rows`);
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(await metricCell(page, 'v1', 'Accuracy', 'Thin 8s')).toHaveText(
    pct(expected.accuracy),
  );
  await page.screenshot({ path: 'test-results/cohort-saved.png', fullPage: true });

  // The URL carries the cohort; storage too: a plain reload (and a fresh open of the demo) finds it.
  await page.reload();
  await expectRows(page, 4000);
  await expect(page.getByRole('button', { name: /Thin 8s/ })).toContainText(`${expected.n} rows`);
  await page.goto('/');
  await expect(page.getByRole('button', { name: /Thin 8s/ })).toContainText(`${expected.n} rows`);
});

test('import cohorts from JSON: a missing column is named and the rest kept', async ({ page }) => {
  await openEmpty(page);
  await pickFiles(page, 'wide.arrow');
  await expectRows(page, 500);
  await page.getByLabel('Import cohorts').setInputFiles(dataPath('cohorts.json'));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('cohorts.json');
  await expect(alert).toContainText('names column "height_cm", which this dataset lacks');
  await expect(alert).toContainText('"Only height" was skipped');

  const t = tableFromIPC(readFileSync(dataPath('wide.arrow')));
  let n = 0;
  for (let i = 0; i < t.numRows; i++) {
    const age = t.getChild('age')!.get(i);
    if (age !== null && age >= 40 && t.getChild('is_member')!.get(i) === true) n++;
  }
  await expect(page.getByRole('button', { name: /Members over 40/ })).toContainText(`${n} rows`);
  await expect(page.getByRole('button', { name: /Only height/ })).toHaveCount(0);
});

test('a null never counts as out of range: NOT(range) leaves null ages out', async ({ page }) => {
  await openEmpty(page);
  await pickFiles(page, 'wide.arrow');
  await expectRows(page, 500);
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('Not 30-50');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('col:age');
  await page.getByLabel('Minimum of condition 1').fill('30');
  await page.getByLabel('Maximum of condition 1').fill('50');
  await page.getByRole('checkbox', { name: 'not' }).check();
  const t = tableFromIPC(readFileSync(dataPath('wide.arrow')));
  let n = 0;
  for (let i = 0; i < t.numRows; i++) {
    const age = t.getChild('age')!.get(i);
    if (age !== null && !(age >= 30 && age <= 50)) n++;
  }
  await expect(page.getByText(`${n} of 500 rows match`)).toBeVisible();
});

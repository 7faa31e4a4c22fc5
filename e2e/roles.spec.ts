import { test, expect } from '@playwright/test';
import { expectRows, openEmpty, pickFiles } from './helpers';

test('the role mapping can be corrected, and is remembered for the dataset', async ({ page }) => {
  await openEmpty(page);
  await pickFiles(page, 'wide.arrow');
  await expectRows(page, 500);
  await page.getByText('Column roles').click();
  await expect(page.getByLabel('Role of pred_v2')).toHaveValue('prediction');
  // Rename version v2 to "candidate" and drop v1's prediction.
  await page.getByLabel('Version of pred_v2').fill('candidate');
  await page.getByLabel('Version of probs_v2').fill('candidate');
  await page.getByLabel('Role of pred_v1').selectOption('ignore');
  await page.getByLabel('Role of probs_v1').selectOption('ignore');
  await page.getByRole('button', { name: 'Apply roles' }).click();
  const table = page.getByRole('table', { name: /Headline metrics/ });
  await expect(table.getByRole('rowheader')).toHaveText(['candidate']);
  await expect(page.getByRole('status')).toContainText('1 version');

  await page.reload();
  await pickFiles(page, 'wide.arrow');
  await expect(table.getByRole('rowheader')).toHaveText(['candidate']);
  await expect(page.getByText('your saved mapping')).toBeVisible();
  await page.getByText('Column roles').click();
  await page.getByRole('button', { name: 'Reset to inferred' }).click();
  await expect(table.getByRole('rowheader')).toHaveText(['v1', 'v2']);
});

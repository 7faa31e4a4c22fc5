import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import {
  accuracyOf,
  dataPath,
  expectRows,
  metricCell,
  openEmpty,
  openView,
  pct,
  pickFiles,
} from './helpers';

// Label columns named the way teams name them (e2e/data/labels, scripts/make-label-fixtures.mjs).

/** ROC-AUC as Mann-Whitney U over arrow-js rows (ties half): independent of the app. */
function aucOf(name: string, label: string, positive: number, score: string): number {
  const t = tableFromIPC(readFileSync(dataPath(name)));
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < t.numRows; i++)
    (t.getChild(label)!.get(i) === positive ? pos : neg).push(t.getChild(score)!.get(i));
  let u = 0;
  for (const p of pos) for (const q of neg) u += p > q ? 1 : p === q ? 0.5 : 0;
  return u / (pos.length * neg.length);
}

test('churned: the label is inferred from its values, and the app says so', async ({ page }) => {
  await openEmpty(page);
  await pickFiles(page, 'labels/churn.arrow');
  await expectRows(page, 400);
  await expect(page.getByRole('note')).toHaveText(
    'Label inferred from values: churned (true/false, like pred_v1).',
  );
  const acc = accuracyOf('labels/churn.arrow', 'churned', 'pred_v2');
  await expect(await metricCell(page, 'v2', 'Accuracy')).toHaveText(pct(acc));
  await expect(await metricCell(page, 'v2', 'Rows evaluated')).toHaveText('400');
  await expect(page.getByRole('region', { name: 'No label column' })).toHaveCount(0);
});

test('no label by name and two columns fit: a banner on every view, one click to choose', async ({
  page,
}) => {
  await openEmpty(page);
  await pickFiles(page, 'labels/late-flights.arrow');
  await expectRows(page, 300);
  const banner = page.getByRole('region', { name: 'No label column' });
  await expect(banner).toContainText('No label column: metrics need one.');
  // Ranked by agreement with pred_v1: arrived_late first.
  await expect(banner.getByRole('button')).toHaveText([
    'Use arrived_late as the label',
    'Use weekend as the label',
  ]);
  await expect(page.getByRole('table', { name: /Headline metrics/ })).toHaveCount(0);
  await expect(page.getByText('No label column: metrics need one. Choose it')).toBeVisible();
  await page.screenshot({ path: '/tmp/owndata-label-banner.png' });
  for (const view of ['Rows', 'Compare', 'Slices']) {
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: view })
      .click();
    await expect(banner).toBeVisible();
  }
  await openView(page, 'Overview');
  await banner.getByRole('button', { name: 'Use arrived_late as the label' }).click();
  await expect(banner).toHaveCount(0);
  const acc = accuracyOf('labels/late-flights.arrow', 'arrived_late', 'pred_v1');
  await expect(await metricCell(page, 'v1', 'Accuracy')).toHaveText(pct(acc));
});

test('the positive class list follows the label chosen, before Apply', async ({ page }) => {
  await openEmpty(page);
  await pickFiles(page, 'labels/churn.arrow');
  await expectRows(page, 400);
  await page.getByRole('heading', { name: 'Column roles' }).click();
  const positive = page.getByLabel('Positive class');
  await expect(positive.locator('option')).toHaveText(['false', 'true']);
  await page.getByLabel('Role of churned').selectOption('feature');
  await page.getByLabel('Role of region').selectOption('label');
  await expect(positive.locator('option')).toHaveText(['false', 'north', 'south', 'true']);
});

test('cancer: AUC far below 0.5 offers to swap the positive class, which fixes it', async ({
  page,
}) => {
  await openEmpty(page);
  await pickFiles(page, 'labels/cancer.arrow');
  await expectRows(page, 300);
  const low = aucOf('labels/cancer.arrow', 'malignant', 1, 'score_v1');
  expect(low).toBeLessThan(0.2);
  await expect(await metricCell(page, 'v1', 'ROC-AUC')).toHaveText(low.toFixed(3));
  const checks = page.getByRole('region', { name: 'Checks' });
  await expect(checks).toContainText('the scores look like P(0), not P(1)');
  await page.screenshot({ path: '/tmp/owndata-checks.png' });
  await checks.getByRole('button', { name: 'Swap the positive class to “0”' }).click();
  const high = aucOf('labels/cancer.arrow', 'malignant', 0, 'score_v1');
  await expect(await metricCell(page, 'v1', 'ROC-AUC')).toHaveText(high.toFixed(3));
  await expect(checks).toHaveCount(0);
});

test('predictions that disagree with their own scores are named, with a fix', async ({ page }) => {
  await openEmpty(page);
  await pickFiles(page, 'labels/fraud.arrow');
  await expectRows(page, 400);
  const checks = page.getByRole('region', { name: 'Checks' });
  await expect(checks).toContainText(
    'v1: the predicted class disagrees with its own score at threshold 0.5 on 20 of 400 rows (5.0%).',
  );
  await checks.getByRole('button', { name: 'Predict v1 from its score' }).click();
  await expect(checks).toHaveCount(0);
});

test('two files sharing no ids: asked whether they are one dataset, each opens alone', async ({
  page,
}) => {
  await openEmpty(page);
  await pickFiles(page, 'labels/cancer.arrow', 'labels/diabetes.arrow');
  await expectRows(page, 300);
  const checks = page.getByRole('region', { name: 'Checks' });
  await expect(checks).toContainText(
    'diabetes.arrow shares no ids with cancer.arrow: are these one dataset?',
  );
  await checks.getByRole('button', { name: 'Open diabetes.arrow alone' }).click();
  await expectRows(page, 200);
  await expect(page.getByRole('status')).toContainText('regression');
  await expect(page.getByRole('note')).toContainText('progression');
});

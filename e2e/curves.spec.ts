import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { expectRows, openView } from './helpers';

async function openCompare(page: Page) {
  await openView(page, 'Compare');
  await expect(page.getByRole('heading', { name: 'ROC and precision–recall' })).toBeVisible();
}

/** ROC-AUC of a flights score by Mann–Whitney over arrow-js rows (ties half): independent. */
function flightsAuc(score: string): number {
  const t = tableFromIPC(readFileSync(new URL('../public/demo/flights.arrow', import.meta.url)));
  const s = t.getChild(score)!.toArray() as Float64Array;
  const y = Array.from(t.getChild('delayed')!.toArray() as ArrayLike<number>);
  const pos = Float64Array.from(s.filter((_, i) => y[i] === 1)).sort();
  const neg = Float64Array.from(s.filter((_, i) => y[i] === 0)).sort();
  let below = 0;
  let atOrBelow = 0;
  let twice = 0;
  for (const p of pos) {
    while (below < neg.length && neg[below]! < p) below++;
    while (atOrBelow < neg.length && neg[atOrBelow]! <= p) atOrBelow++;
    twice += below + atOrBelow;
  }
  return twice / (2 * pos.length * neg.length);
}

test('flights: ROC and precision–recall curves with thresholds and a matched point', async ({
  page,
}) => {
  await page.goto('/?data=demo/flights.arrow');
  await expectRows(page, 30000);
  await openCompare(page);

  const roc = page.getByRole('img', { name: 'ROC curve (All rows)' });
  const pr = page.getByRole('img', { name: 'Precision–recall curve (All rows)' });
  await expect(roc).toBeVisible();
  await expect(pr).toBeVisible();
  // Each version's threshold (0.5 until changed) is marked on both curves; v1's scores all stay
  // under 0.5 (public/demo/README.md: flagged 0.00%), so at 0.5 it flags nothing.
  for (const chart of [roc, pr]) {
    await expect(chart).toContainText('v1 ≥ 0.5 (flags nothing)');
    await expect(chart).toContainText('v2 ≥ 0.5');
  }
  // The areas agree with an independent count and with the Compare table's ROC-AUC.
  const areas = page.getByRole('table', { name: /^Areas and marked operating points in All rows/ });
  for (const v of ['v1', 'v2']) {
    const auc = flightsAuc(`score_${v}`).toFixed(3);
    await expect(roc).toContainText(`${v} (AUC ${auc})`);
    const row = areas.getByRole('row', { name: new RegExp(`^${v}`) });
    await expect(row.getByRole('cell').nth(2)).toHaveText(auc);
  }

  // Matching v2's threshold to v1's false-positive rate moves v2's mark to the matched point.
  await page.getByLabel('Threshold of v1 (number)').fill('0.3');
  await page.getByLabel('Threshold of v1 (number)').press('Enter');
  await expect(roc).toContainText('v1 ≥ 0.3');
  await expect(roc).toContainText(/v2 at v1's FPR \(≥ 0\.\d{1,4}\)/);
  await page.locator('section.curves-panel').screenshot({ path: '/tmp/curves-flights-ring.png' });
  await page.getByRole('button', { name: 'Match operating point' }).click();
  const matched = page.locator('.match-note');
  await expect(matched).toContainText("v2's threshold set to");
  const thr = (await matched.innerText()).match(/set to (0\.\d+)/)![1]!;
  expect(thr.length).toBeLessThanOrEqual(6); // four decimals at most
  await expect(roc).toContainText(`v2 ≥ ${thr}`);
  await expect(roc).not.toContainText("at v1's FPR"); // the ring now is the chosen threshold
  await page.locator('section.curves-panel').screenshot({ path: '/tmp/curves-flights.png' });

  // Saved like the other charts.
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download “ROC curve (All rows)” as SVG' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('roc-curve-all-rows.svg');
  const svg = readFileSync((await file.path())!, 'utf8');
  expect(svg).toContain('<path');
  expect(svg).toContain(`v2 ≥ ${thr}`);
});

test('digits: one-vs-rest curves for a chosen class', async ({ page }) => {
  await page.goto('/?data=demo/digits.arrow');
  await expectRows(page, 4000);
  await openCompare(page);
  await page.getByLabel('Positive class (one-vs-rest)').selectOption('3');
  const roc = page.getByRole('img', { name: 'ROC curve (class “3” vs the rest, All rows)' });
  await expect(roc).toBeVisible();
  await expect(roc).toContainText(/v1 \(AUC 0\.\d{3}\)/);
  await expect(page.getByRole('table', { name: /class “3” vs the rest/ })).toBeVisible();
  await page.locator('section.curves-panel').screenshot({ path: '/tmp/curves-digits.png' });
});

import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { expectRows, openView } from './helpers';

/** Accuracies, flips and one confusion cell of the digits demo, counted through arrow-js rows. */
function digitsTruth() {
  const t = tableFromIPC(readFileSync(new URL('../public/demo/digits.arrow', import.meta.url)));
  let r1 = 0;
  let r2 = 0;
  let c2w = 0;
  let w2c = 0;
  let fiveAsThree = 0;
  for (let i = 0; i < t.numRows; i++) {
    const l = t.getChild('label')!.get(i);
    const p1 = t.getChild('pred_v1')!.get(i);
    const p2 = t.getChild('pred_v2')!.get(i);
    if (p1 === l) r1++;
    if (p2 === l) r2++;
    if (p1 === l && p2 !== l) c2w++;
    if (p1 !== l && p2 === l) w2c++;
    if (l === 5 && p1 === 3) fiveAsThree++;
  }
  return { acc1: r1 / t.numRows, acc2: r2 / t.numRows, c2w, w2c, fiveAsThree };
}

async function openCompare(page: Page) {
  await page.goto('/');
  await expectRows(page, 4000);
  await openView(page, 'Compare');
}

test('compare two versions: accuracies and flip counts read from the tables', async ({ page }) => {
  const truth = digitsTruth();
  await openCompare(page);
  const table = page.getByRole('table', { name: /Metrics per cohort and version/ });
  const row = (v: string) =>
    table
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${v}`) }) });
  await expect(row('v1').locator('td').nth(2)).toContainText(`${(truth.acc1 * 100).toFixed(1)}%`);
  await expect(row('v2').locator('td').nth(2)).toContainText(`${(truth.acc2 * 100).toFixed(1)}%`);
  await expect(row('v2').locator('td').nth(2)).toContainText(
    `Δ +${((truth.acc2 - truth.acc1) * 100).toFixed(1)} pts`,
  );
  await expect(page.getByText(/Intervals from 200 bootstrap resamples/)).toBeVisible({
    timeout: 30_000,
  });
  const flips = page.getByRole('table', { name: /Flips from the baseline v1/ });
  const v2 = flips.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'v2' }) });
  await expect(v2.locator('td').nth(2)).toHaveText(String(truth.c2w));
  await expect(v2.locator('td').nth(4)).toHaveText(String(truth.w2c));
  await page.screenshot({ path: 'test-results/compare.png', fullPage: true });

  // A flip count opens its rows as a new cohort.
  await v2.getByRole('button', { name: /correct → wrong/ }).click();
  await expect(page.getByText(`${truth.c2w} rows in`)).toBeVisible();

  // Back in Compare the new cohort gets its intervals while the page waits: the engine worker's
  // bootstrap helper takes a share of the resamples (bootstrapHelper.ts), same numbers.
  await openView(page, 'Compare');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(page.getByText(/Intervals from 200 bootstrap resamples/)).toBeVisible({
    timeout: 30_000,
  });
  const helper = page.workers().find((w) => /bootstrap\.worker/.test(w.url()));
  expect(helper, 'the bootstrap helper worker').toBeDefined();
  const pairs = () =>
    helper!.evaluate(() => (self as unknown as { __bootstrapPairs: number }).__bootstrapPairs);
  expect(await pairs()).toBeGreaterThan(0);
});

test('a confusion cell clicks through to its rows', async ({ page }) => {
  const truth = digitsTruth();
  await openCompare(page);
  await page.getByRole('button', { name: /^v1 confusion: row 5, column 3:/ }).click();
  await expect(page.getByText(`${truth.fiveAsThree} rows in`)).toBeVisible();
  await expect(page.getByRole('button', { name: /label 5, v1 predicted 3/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

test('the difference matrix colours more correct rows under v2 as better, not as more errors', async ({
  page,
}) => {
  await openCompare(page);
  const diff = page.getByRole('table', { name: /^Difference v2 − v1/ });
  await expect(diff).toBeVisible();
  // v2 is right more often: the diagonal's sum of differences is positive (155 rows, see the
  // digits demo README: 90.5% → 94.4%).
  const cells = diff.locator('tbody tr');
  const diagonal: { text: string; bg: string }[] = [];
  for (let i = 0; i < 10; i++) {
    const td = cells.nth(i).locator('td').nth(i);
    diagonal.push({
      text: await td.innerText(),
      bg: await td.evaluate((el) => getComputedStyle(el).backgroundColor),
    });
  }
  // Signed counts: "+12" or "−4" with a true minus sign, never an ASCII hyphen.
  for (const d of diagonal) expect(d.text).toMatch(/^([+−][\d,]+|0)$/);
  const sum = diagonal.reduce(
    (s, d) => s + Number(d.text.replace(/[+,]/g, '').replace('−', '-')),
    0,
  );
  expect(sum).toBeGreaterThan(0);
  // Every diagonal cell with more correct rows under v2 is blue (blue channel above red).
  for (const d of diagonal.filter((x) => x.text.startsWith('+'))) {
    const [r, , b] = d.bg.match(/\d+/g)!.map(Number);
    expect(b!, `${d.text}: ${d.bg}`).toBeGreaterThan(r!);
  }
  await diff.screenshot({ path: '/tmp/difference-matrix.png' });
});

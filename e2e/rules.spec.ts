import { readFileSync } from 'node:fs';
import { type Locator, type Page, expect, test } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { expectRows, openView, pct } from './helpers';

// Expected values are computed here from the demo files with arrow-js, independently of the app.
function demo(name: string) {
  const t = tableFromIPC(readFileSync(new URL(`../public/demo/${name}`, import.meta.url)));
  const col = (c: string) => Array.from({ length: t.numRows }, (_, i) => t.getChild(c)!.get(i));
  return { n: t.numRows, col, table: t };
}

/** Share-above change between two score arrays over the rows `keep` selects. */
function shareChange(a: number[], b: number[], t: number, keep: (i: number) => boolean) {
  let n = 0;
  let up = 0;
  let down = 0;
  let aboveA = 0;
  let aboveB = 0;
  a.forEach((x, i) => {
    if (!keep(i)) return;
    n++;
    const y = b[i]!;
    if (x > t) aboveA++;
    if (y > t) aboveB++;
    if (x <= t && y > t) up++;
    if (x > t && y <= t) down++;
  });
  return { n, up, down, aboveA, aboveB, delta: (aboveB - aboveA) / n };
}

/** The row detail's number format: 2 decimals, more when 2 would hide the side of t. */
function fmt(v: number, t: number): string {
  let digits = 2;
  while (digits < 6 && v.toFixed(digits) === t.toFixed(digits) && v !== t) digits++;
  return v.toFixed(digits);
}

const pts = (d: number) => `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d * 100).toFixed(1)} pts`;

async function openCompare(page: Page) {
  await openView(page, 'Compare');
  await expect(page.getByRole('heading', { name: 'Release rules' })).toBeVisible();
}

/** Builds and saves a numeric-range cohort through the filter builder, as a person would. */
async function rangeCohort(page: Page, name: string, field: string, min: string, max: string) {
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill(name);
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption(field);
  if (min) await page.getByLabel('Minimum of condition 1').fill(min);
  if (max) await page.getByLabel('Maximum of condition 1').fill(max);
  await page.getByRole('button', { name: 'Save cohort' }).click();
  await expect(page.getByRole('button', { name: new RegExp(name) })).toBeVisible();
}

/** Both versions' scores and the departure hour of every flight of the demo. */
function flightScores() {
  const f = demo('flights.arrow');
  const num = (c: string) => f.col(c) as number[];
  return { s1: num('score_v1'), s2: num('score_v2'), hour: num('dep_hour') };
}

/**
 * Flights with "Evening departures" (20 h and later) and one more dep_hour range as cohorts, and
 * the rule "share of scores above 0.4 must not rise by more than 1 point"; returns its name.
 */
async function flightsShareRule(page: Page, other: [string, string, string]) {
  await page.goto('/?data=demo/flights.arrow');
  await expectRows(page, 30000);
  await rangeCohort(page, 'Evening departures', 'col:dep_hour', '20', '');
  await rangeCohort(page, other[0], 'col:dep_hour', other[1], other[2]);
  await openCompare(page);
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByLabel('Score threshold of rule 1').fill('0.4');
  return 'Share of scores above 0.4 must not rise by more than 1 point';
}

/** The grid cell of a cohort (row header) and a rule (column header). */
async function ruleCell(page: Page, cohort: string, rule: string): Promise<Locator> {
  const grid = page.getByRole('table', { name: /^Release rules/ });
  await expect(grid.locator('thead th').filter({ hasText: rule })).toBeVisible();
  const headers = await grid.locator('thead th').allInnerTexts();
  const col = headers.findIndex((h) => h.trim() === rule);
  expect(col, `rule column "${rule}" in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
  const row = grid
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${cohort}`) }) });
  return row.locator('th, td').nth(col);
}

test('flights: a share-above rule fails on evening departures and travels in the URL', async ({
  page,
}) => {
  // No flight scores above 0.7 under either version (max 0.43 and 0.67), so a 0.7 rule passes
  // everywhere on this file; 0.4 is the level v2 pushes many evening flights past.
  const { s1, s2, hour } = flightScores();
  expect(Math.max(...s1, ...s2)).toBeLessThan(0.7);
  const evening = shareChange(s1, s2, 0.4, (i) => hour[i]! >= 20);
  const morning = shareChange(s1, s2, 0.4, (i) => hour[i]! <= 11);
  expect(evening.delta).toBeGreaterThan(0.05);

  const rule = await flightsShareRule(page, ['Morning departures', '', '11']);

  const bad = await ruleCell(page, 'Evening departures', rule);
  await expect(bad).toContainText('Fail');
  await expect(bad).toContainText(`Δ ${pts(evening.delta)}`);
  await expect(bad).toContainText(
    `${evening.up.toLocaleString('en-US')} moved above 0.4, ${evening.down.toLocaleString('en-US')} moved below`,
  );
  await expect(bad).toContainText(
    `v1 ${pct(evening.aboveA / evening.n)} → v2 ${pct(evening.aboveB / evening.n)}`,
  );
  const good = await ruleCell(page, 'Morning departures', rule);
  await expect(good).toContainText('Pass');
  await expect(good).toContainText(`Δ ${pts(morning.delta)}`);
  await expect(page.getByText(/Benjamini–Hochberg across the 3 tests/)).toBeVisible();
  await page.locator('section.rules-panel').screenshot({ path: 'test-results/rules-flights.png' });

  // The rule lives in the compare settings: in the URL and in storage.
  await expect(page).toHaveURL(/compare=.*share-above-rise/);
  await page.reload();
  await expectRows(page, 30000);
  await expect(page.getByLabel('Score threshold of rule 1')).toHaveValue('0.4');
  await expect(await ruleCell(page, 'Evening departures', rule)).toContainText('Fail');
});

test('digits: "confidence above 0.7 must not rise by more than 1 point" fails for the 9s', async ({
  page,
}) => {
  const d = demo('digits.arrow');
  const label = d.col('label') as number[];
  const conf = (c: string) =>
    d.col(c).map((v: { toArray(): Float32Array }) => Math.max(...v.toArray()));
  const c1 = conf('probs_v1');
  const c2 = conf('probs_v2');
  const nines = shareChange(c1, c2, 0.7, (i) => label[i] === 9);
  expect(nines.delta).toBeGreaterThan(0.1);

  await page.goto('/');
  await expectRows(page, 4000);
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('Nines');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('label');
  await page.getByLabel('Values of condition 1').getByRole('checkbox', { name: /^9\b/ }).check();
  await page.getByRole('button', { name: 'Save cohort' }).click();
  await openCompare(page);
  await page.getByRole('button', { name: 'Add rule' }).click();
  const rule = 'Share of confidences above 0.7 must not rise by more than 1 point';
  const cell = await ruleCell(page, 'Nines', rule);
  await expect(cell).toContainText('Fail');
  await expect(cell).toContainText(`Δ ${pts(nines.delta)}`);
  await expect(cell).toContainText(
    `${nines.up.toLocaleString('en-US')} moved above 0.7, ${nines.down.toLocaleString('en-US')} moved below`,
  );
  await page.locator('section.rules-panel').screenshot({ path: 'test-results/rules-digits.png' });
  // Multiclass: the charts show the predicted class's probability (the confidence).
  await expect(page.getByRole('img', { name: /^Confidence distributions/ })).toBeVisible();
  await page
    .locator('section.distributions-panel')
    .screenshot({ path: 'test-results/distributions-digits.png' });
  await page
    .locator('section.calibration-panel')
    .screenshot({ path: 'test-results/calibration-digits.png' });

  // A 9 whose confidence crossed 0.7 lists the rule in its detail, with both values.
  const i = label.findIndex((l, k) => l === 9 && c1[k]! <= 0.7 && c2[k]! > 0.7);
  const id = String(d.col('id')[i]);
  const box = page.getByLabel('Find row by id');
  await box.fill(id);
  await box.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Row ${id}` });
  await expect(dialog.getByRole('list', { name: 'Rules this row crosses' })).toContainText(
    `${rule}: confidence moved above 0.7 (${fmt(c1[i]!, 0.7)} under v1 → ${fmt(c2[i]!, 0.7)} under v2)`,
  );
  const section = dialog.locator('section', {
    has: page.getByRole('heading', { name: 'Release rules crossed' }),
  });
  await section.scrollIntoViewIfNeeded();
  await section.screenshot({ path: 'test-results/rules-row-detail.png' });
});

/** matchOperatingPoint by FPR, recomputed: v2's threshold whose false positives are nearest. */
function matchByFpr(s1: number[], s2: number[], y: number[], thr: number) {
  const target = s1.filter((s, i) => s >= thr && y[i] === 0).length;
  const neg = s2.filter((_, i) => y[i] === 0).sort((a, b) => b - a);
  const cands = [...new Set(s2)].sort((a, b) => b - a);
  let best = NaN;
  let bestDiff = Infinity;
  let p = 0;
  for (const t of cands) {
    while (p < neg.length && neg[p]! >= t) p++;
    if (Math.abs(p - target) < bestDiff) {
      bestDiff = Math.abs(p - target);
      best = t;
    }
  }
  return best;
}

function point(s: number[], y: number[], t: number) {
  let tp = 0;
  let fp = 0;
  let pos = 0;
  s.forEach((v, i) => {
    if (y[i] === 1) pos++;
    if (v >= t && y[i] === 1) tp++;
    if (v >= t && y[i] === 0) fp++;
  });
  const n = s.length;
  return {
    alerts: tp + fp,
    rate: (tp + fp) / n,
    tpr: tp / pos,
    fpr: fp / (n - pos),
    precision: tp / (tp + fp),
  };
}

test('flights: set a threshold, match the operating point by FPR, read the table', async ({
  page,
}) => {
  const f = demo('flights.arrow');
  const s1 = f.col('score_v1') as number[];
  const s2 = f.col('score_v2') as number[];
  const y = f.col('delayed') as number[];
  const t2 = matchByFpr(s1, s2, y, 0.3);
  const p1 = point(s1, y, 0.3);
  const p2 = point(s2, y, t2);

  await page.goto('/?data=demo/flights.arrow');
  await expectRows(page, 30000);
  await openCompare(page);
  await page.getByLabel('Threshold of v1 (number)').fill('0.3');
  await page.getByLabel('Match by').selectOption('fpr');
  await page.getByRole('button', { name: 'Match operating point' }).click();
  await expect(page.getByLabel('Threshold of v2 (number)')).toHaveValue(
    String(Number(t2.toFixed(4))),
  );

  const table = page.getByRole('table', { name: /^Operating points/ });
  await expect(table).toBeVisible();
  const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
  expect(headers).toEqual([
    'Version',
    'Threshold',
    'Alerts',
    'Alert rate',
    'TPR (recall)',
    'FPR',
    'Precision',
  ]);
  const row = (v: string) =>
    table
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${v}`) }) });
  const cells = (p: typeof p1, t: number) => [
    String(Number(t.toFixed(4))),
    p.alerts.toLocaleString('en-US'),
    pct(p.rate),
    pct(p.tpr),
    pct(p.fpr),
    pct(p.precision),
  ];
  await expect(row('v1').locator('td')).toHaveText(cells(p1, 0.3));
  await expect(row('v2').locator('td')).toHaveText(cells(p2, t2));
  // Equal false-positive rates (to within a row or two of 24,000 negatives).
  expect(Math.abs(p2.fpr - p1.fpr)).toBeLessThan(1e-4);
  await expect(page.getByText(/v2's threshold set to/)).toBeVisible();
  await page
    .locator('section.thresholds-panel')
    .screenshot({ path: 'test-results/thresholds-matched.png' });
});

test('flights: rules against their limits lead to a verdict per version, first in the report', async ({
  page,
}) => {
  // 5 pm departures: 27 of 2,005 move above 0.4 (+1.35 pts), interval 0.83 to 1.86 pts: the
  // estimate is past the 1-point limit but the interval straddles it (counted with arrow-js
  // below, the interval by the Agresti–Min formula of engine/stats/margin.ts).
  const { s1, s2, hour } = flightScores();
  const five = shareChange(s1, s2, 0.4, (i) => hour[i] === 17);
  expect([five.n, five.up, five.down]).toEqual([2005, 27, 0]);

  const rule = await flightsShareRule(page, ['Five pm departures', '17', '17']);

  const open = await ruleCell(page, 'Five pm departures', rule);
  await expect(open).toContainText('Inconclusive');
  await expect(open).toContainText(`Δ ${pts(five.delta)} (95% CI +0.8 to +1.9)`);
  await expect(open).toContainText(/about [\d,]+ rows would decide at this effect/);
  await expect(await ruleCell(page, 'Evening departures', rule)).toContainText('Fail');

  const verdicts = page.getByRole('table', { name: 'Release verdict against baseline v1' });
  const v2 = verdicts.getByRole('row', { name: /^v2/ });
  await expect(v2).toContainText('Do not ship');
  await expect(v2).toContainText(`fails “${rule}” in All rows`);
  await expect(v2).toContainText('and 1 more');
  const failing = page.getByRole('table', { name: 'Failing rules' });
  await expect(failing.locator('tbody tr')).toHaveCount(2);
  await expect(failing).toContainText('in Evening departures');
  await page.locator('section.rules-panel').screenshot({ path: '/tmp/rules-verdict.png' });

  // The downloaded report opens with the verdict and the failing rules.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report' }).click(),
  ]);
  const html = readFileSync((await download.path())!, 'utf8');
  const at = (s: string) => html.indexOf(s);
  expect(at('Release verdict against baseline v1')).toBeGreaterThan(0);
  expect(at('Release verdict against baseline v1')).toBeLessThan(at('<dl>'));
  expect(at('Failing rules')).toBeLessThan(at('<dl>'));
  expect(at('<td class="bad"><strong>') === -1).toBe(true); // cells are text, never markup
  expect(html).toMatch(/<td class="bad">Do not ship<\/td>/);
  await page.setContent(html);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(
    page.getByRole('table', { name: 'Release verdict against baseline v1' }),
  ).toBeInViewport();
  await page.screenshot({ path: '/tmp/report-first-screen.png' });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { expectRows, openEmpty, openView, pickFiles } from './helpers';

async function openCompare(page: Page) {
  await openView(page, 'Compare');
  await expect(page.getByRole('heading', { name: 'Distributions' })).toBeVisible();
}

/** ECE over 10 equal-width bins of the score, recomputed from arrow-js rows. */
function ece(score: number[], y: number[], keep: (i: number) => boolean) {
  const n = new Array<number>(10).fill(0);
  const conf = new Array<number>(10).fill(0);
  const pos = new Array<number>(10).fill(0);
  let total = 0;
  score.forEach((s, i) => {
    if (!keep(i)) return;
    const b = Math.min(9, Math.floor(s * 10));
    n[b]!++;
    conf[b]! += s;
    pos[b]! += y[i]!;
    total++;
  });
  return { ece: n.reduce((e, _, b) => e + Math.abs(pos[b]! - conf[b]!), 0) / total, total };
}

test('flights: distributions, density, calibration for a cohort; chart and report downloads', async ({
  page,
}) => {
  const t = tableFromIPC(readFileSync(new URL('../public/demo/flights.arrow', import.meta.url)));
  const col = (c: string) => Array.from({ length: t.numRows }, (_, i) => t.getChild(c)!.get(i));
  const hour = col('dep_hour') as number[];
  const y = col('delayed') as number[];
  const evening = (i: number) => hour[i]! >= 20;

  await page.goto('/?data=demo/flights.arrow');
  await expectRows(page, 30000);
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('Evening departures');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('col:dep_hour');
  await page.getByLabel('Minimum of condition 1').fill('20');
  await page.getByRole('button', { name: 'Save cohort' }).click();
  await openCompare(page);

  const dist = page.getByRole('img', {
    name: 'Score distributions (Evening departures vs all rows)',
  });
  await expect(dist).toBeVisible();
  await expect(dist).toContainText('v2 · Evening departures');
  await expect(dist).toContainText('v1 · all rows');
  await expect(dist).toContainText('v1 threshold 0.5');
  await expect(
    page.getByRole('img', { name: 'v1 score vs v2 score (Evening departures)' }),
  ).toBeVisible();

  const eceTable = page.getByRole('table', {
    name: 'Expected calibration error in Evening departures',
  });
  for (const v of ['v1', 'v2']) {
    const want = ece(col(`score_${v}`) as number[], y, evening);
    const row = eceTable
      .locator('tbody tr')
      .filter({ has: page.getByRole('rowheader', { name: v }) });
    await expect(row.locator('td')).toHaveText([
      want.ece.toFixed(4),
      want.total.toLocaleString('en-US'),
    ]);
  }
  await page
    .locator('section.distributions-panel')
    .screenshot({ path: 'test-results/distributions.png' });
  await page
    .locator('section.calibration-panel')
    .screenshot({ path: 'test-results/calibration.png' });

  // Each chart saves as SVG (clean markup) and PNG (a real PNG file).
  const density = 'v1 score vs v2 score (Evening departures)';
  const [svgFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download “${density}” as SVG` }).click(),
  ]);
  expect(svgFile.suggestedFilename()).toBe('v1-score-vs-v2-score-evening-departures.svg');
  const svg = readFileSync((await svgFile.path())!, 'utf8');
  expect(svg).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('<rect');
  expect(svg).not.toMatch(/<script|on[a-z]+=/);
  const [pngFile] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download “${density}” as PNG` }).click(),
  ]);
  expect(pngFile.suggestedFilename()).toBe('v1-score-vs-v2-score-evening-departures.png');
  const png = readFileSync((await pngFile.path())!);
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.length).toBeGreaterThan(5000);

  // The report: this view's tables, rules and charts, aggregates only.
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByLabel('Score threshold of rule 1').fill('0.4');
  const rule = 'Share of scores above 0.4 must not rise by more than 1 point';
  const grid = page.getByRole('table', { name: /^Release rules/ });
  await expect(grid.locator('thead th').filter({ hasText: rule })).toBeVisible();
  await expect(grid.locator('tbody tr').first()).toContainText('Fail');
  const [report] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report' }).click(),
  ]);
  expect(report.suggestedFilename()).toMatch(/^flights-report-\d{4}-\d{2}-\d{2}\.html$/);
  const html = readFileSync((await report.path())!, 'utf8');
  expect(html).toContain('<h2>Calibration</h2>');
  expect(html).toContain('<caption>Expected calibration error in Evening departures</caption>');
  expect(html).toContain(`<figcaption>${density}</figcaption><svg`);
  expect(html).toContain('<dt>Active cohort</dt><dd>Evening departures</dd>');
  expect(html).toContain(`<dt>Rule 1</dt><dd>${rule}</dd>`);
  expect(html).toContain(`<th scope="col">${rule}</th>`);
  expect(html).toMatch(
    /<td class="bad"><div><span class="p-verdict">✗ Fail<\/span><\/div><div><span class="p-delta">Δ \+\d+\.\d pts<\/span> <span class="p-interval">\(95% CI/,
  );
  expect(html).toContain('&quot;kind&quot;: &quot;share-above-rise&quot;');
  expect(html).not.toMatch(/flight-0\d{5}/); // no row ids
  expect(html).not.toContain('Download report');
  // Opened as a file the way a colleague would (the download itself has no extension).
  const copy = test.info().outputPath('report.html');
  writeFileSync(copy, html);
  await page.goto(`file://${copy}`);
  await expect(page.getByRole('heading', { name: 'Calibration' })).toBeVisible();
  await page.screenshot({ path: 'test-results/report.png', fullPage: true });
  await page.getByRole('heading', { name: 'Release rules' }).evaluate((h) => h.scrollIntoView());
  await page.screenshot({ path: 'test-results/report-rules.png' });
});

test('a report of a dataset whose class names are markup escapes them', async ({ page }) => {
  await openEmpty(page);
  await pickFiles(page, 'html.arrow');
  await expectRows(page, 60);
  await openCompare(page);
  const [report] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report' }).click(),
  ]);
  const html = readFileSync((await report.path())!, 'utf8');
  expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
  expect(html).not.toContain('<img');
  expect(html).not.toMatch(/<script/i);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  const copy = test.info().outputPath('report.html');
  writeFileSync(copy, html);
  await page.goto(`file://${copy}`);
  await expect(page.getByRole('heading', { name: 'Release rules' })).toBeVisible();
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

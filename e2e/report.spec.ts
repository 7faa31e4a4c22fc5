import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectRows, openView } from './helpers';

test('flights: the downloaded report opens with the verdict and failing rules, cells readable', async ({
  page,
}) => {
  await page.goto('/?data=demo/flights.arrow');
  await expectRows(page, 30000);
  await openView(page, 'Compare');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await page.getByLabel('Score threshold of rule 1').fill('0.4');
  const rule = 'Share of scores above 0.4 must not rise by more than 1 point';
  await expect(page.getByRole('table', { name: 'Failing rules' })).toBeVisible();
  // A matched threshold is stored at full precision (0.33033740520477295 here).
  await page.getByLabel('Threshold of v1 (number)').fill('0.3');
  await page.getByRole('button', { name: 'Match operating point' }).click();
  const note = page.locator('.match-note');
  await expect(note).toContainText("v2's threshold set to 0.3303:");
  await expect(page.getByText(/Intervals from \d+ bootstrap resamples/)).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download report' }).click(),
  ]);
  const html = readFileSync((await download.path())!, 'utf8');
  const at = (s: string) => html.indexOf(s);
  // The verdict, then the failing rule by name, then the context, then the tables.
  expect(at('<h2>Release verdict</h2>')).toBeGreaterThan(0);
  expect(at('<h2>Release verdict</h2>')).toBeLessThan(at('Failing rules'));
  expect(at('Failing rules')).toBeLessThan(at('<dl>'));
  expect(at('<dl>')).toBeLessThan(at('<h2>Compare versions</h2>'));
  expect(html).toContain('<th scope="row">v2</th><td class="bad">Do not ship</td>');
  expect(html).toContain(`<td>“${rule}” in All rows</td>`);
  // Thresholds to the controls' four decimals (the settings JSON keeps the exact value).
  expect(html).toContain('<dt>Thresholds</dt><dd>v1 0.3, v2 0.3303</dd>');
  expect(html.split('<pre>')[0]).not.toMatch(/0\.3303\d{2,}/);
  // Metric cells in parts: estimate + interval, difference + interval, p and q.
  expect(html).toMatch(
    /<td><div><span class="p-value">\d+\.\d%<\/span> <span class="p-interval">\d+\.\d% to \d+\.\d%<\/span><\/div><div><span class="p-delta">Δ [+−±]\d+\.\d pts<\/span> <span class="p-interval">[^<]+<\/span><\/div><div><span class="p-test">p [^<]+, q [^<]+<\/span>/,
  );
  // No control labels: the baseline picker, the versions picker, progress notes.
  expect(html).not.toContain('Baseline version');
  expect(html).not.toContain('row-normalized');
  expect(html).not.toMatch(/Refining|Checking the rules|\(baseline\) vs/);
  expect(html).toContain('Intervals from 200 bootstrap resamples.');

  const copy = test.info().outputPath('report.html');
  writeFileSync(copy, html);
  writeFileSync('/tmp/curves-report.html', html);
  await page.goto(`file://${copy}`);
  await expect(
    page.getByRole('table', { name: 'Release verdict against baseline v1' }),
  ).toBeInViewport();
  await expect(page.getByRole('table', { name: 'Failing rules' })).toBeInViewport();
  await page.screenshot({ path: '/tmp/curves-report-first-screen.png' });
  await page.getByRole('heading', { name: 'Compare versions' }).evaluate((h) => h.scrollIntoView());
  await page.screenshot({ path: '/tmp/curves-report-metrics.png' });
});

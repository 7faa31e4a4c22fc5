import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Page, expect } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';

export const dataPath = (name: string) => fileURLToPath(new URL(`./data/${name}`, import.meta.url));

/** Opens the app with no dataset (so a test starts from a known empty state). */
export async function openEmpty(page: Page) {
  await page.goto('/?demo=none');
  await expect(page.getByRole('status')).toHaveText(/No data open/);
}

/** Uses the file picker, as a person would. */
export async function pickFiles(page: Page, ...names: string[]) {
  await page.getByLabel('Open data files').setInputFiles(names.map(dataPath));
}

/** Drops files on the page: a real drop event carrying real File objects. */
export async function dropFiles(page: Page, ...names: string[]) {
  await dropFilesNamed(
    page,
    names.map((name) => [name, name]),
  );
}

/** Drops fixture files under other names ([fixture, name as the user's file is called]). */
export async function dropFilesNamed(page: Page, files: [string, string][]) {
  const payload = files.map(([fixture, name]) => ({
    name,
    bytes: Array.from(readFileSync(dataPath(fixture))),
  }));
  const dt = await page.evaluateHandle((files) => {
    const transfer = new DataTransfer();
    for (const f of files) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name));
    return transfer;
  }, payload);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
}

export async function expectRows(page: Page, n: number) {
  const grouped = n.toLocaleString('en-US');
  await expect(page.getByRole('status')).toContainText(`${grouped} rows`);
}

/** A cell of the headline metrics table, by version and metric header. */
export async function metricCell(page: Page, version: string, metric: string, cohort = 'All rows') {
  const table = page.getByRole('table', { name: /Headline metrics/ });
  // The status line can show the rows before the table has its columns: wait for the header.
  await expect(table.locator('thead th').filter({ hasText: metric }).first()).toBeVisible();
  const headers = await table.locator('thead th').allInnerTexts();
  const col = headers.findIndex((h) => h.trim() === metric);
  expect(col, `metric column ${metric}`).toBeGreaterThanOrEqual(0);
  const row = table
    .locator('tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: version, exact: true }) })
    .filter({ has: page.getByRole('cell', { name: cohort, exact: true }) });
  return row.locator('th, td').nth(col);
}

/** Accuracy of a prediction column, computed in Node through arrow-js rows (independent). */
export function accuracyOf(name: string, label: string, pred: string): number {
  const t = tableFromIPC(readFileSync(dataPath(name)));
  let right = 0;
  for (let i = 0; i < t.numRows; i++)
    if (t.getChild(label)!.get(i) === t.getChild(pred)!.get(i)) right++;
  return right / t.numRows;
}

export const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The `wide` fixture (in any format) is open: its rows, versions and both accuracies as
 * arrow-js computes them from wide.arrow. */
export async function expectWideOpened(page: Page) {
  await expectRows(page, 500);
  await expect(page.getByRole('status')).toContainText('2 versions · multiclass');
  for (const v of ['v1', 'v2'])
    await expect(await metricCell(page, v, 'Accuracy')).toHaveText(
      pct(accuracyOf('wide.arrow', 'label', `pred_${v}`)),
    );
}

/** Opens a view by its button in the Views navigation, as a person would. */
export async function openView(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name, exact: true })
    .click();
}

/** Opens the Map view and sweeps the pointer over it until a point's hover card shows. */
export async function hoverSomePoint(page: Page) {
  await openView(page, 'Map');
  const map = page.getByTestId('scatter');
  const box = (await map.boundingBox())!;
  const tip = page.getByRole('tooltip');
  // The layout is the app's own PCA: the middle of the map holds points.
  for (let k = 0; k < 400 && !(await tip.isVisible()); k++) {
    await page.mouse.move(
      box.x + box.width * (0.3 + 0.4 * ((k % 20) / 20)),
      box.y + box.height * (0.3 + (0.4 * Math.floor(k / 20)) / 20),
    );
  }
  await expect(tip).toBeVisible();
  const hoveredId = (await tip.locator('.scatter-tip-lines div').first().innerText()).trim();
  return { tip, hoveredId };
}

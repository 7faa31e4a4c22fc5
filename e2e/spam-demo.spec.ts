import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { expectRows, hoverSomePoint, metricCell, openEmpty, openView, pct } from './helpers';

// The text demo (public/demo/spam.arrow), read in Node with arrow-js: the independent side.
const spam = tableFromIPC(readFileSync(new URL('../public/demo/spam.arrow', import.meta.url)));
const col = (name: string) => spam.getChild(name)!;
const text = (i: number) => String(col('text').get(i));

/** Accuracy at 0.5 of a score column, computed here from the file. */
function accuracy(score: string): number {
  let right = 0;
  for (let i = 0; i < spam.numRows; i++) {
    const spamPred = (col(score).get(i) as number) >= 0.5;
    if (spamPred === (col('label').get(i) === 'spam')) right++;
  }
  return right / spam.numRows;
}

test('spam demo: picked from the demo list, texts in the gallery and the row, metrics as computed here', async ({
  page,
}) => {
  await openEmpty(page);
  await page.getByRole('link', { name: 'Spam e-mails (binary, texts)' }).click();
  await expectRows(page, spam.numRows);
  await page.screenshot({ path: '/tmp/spam-overview.png' });

  await openView(page, 'Gallery');
  const gallery = page.getByRole('region', { name: 'Gallery of all rows' });
  // File order: the first card holds the first message's text (its start; cards clip).
  await expect(gallery.getByRole('listitem').first()).toContainText(text(0).slice(0, 20));
  await page.screenshot({ path: '/tmp/spam-gallery.png' });

  const id = String(col('id').get(3));
  await page.getByLabel('Find row by id').fill(id);
  await page.getByLabel('Find row by id').press('Enter');
  const drawer = page.getByRole('dialog', { name: `Row ${id}` });
  await expect(drawer.getByLabel('text text')).toContainText(text(3).slice(0, 40));
  await page.screenshot({ path: '/tmp/spam-row.png' });
  await drawer.getByRole('button', { name: /close/i }).click();

  await openView(page, 'Overview');
  for (const v of ['v1', 'v2'])
    await expect(await metricCell(page, v, 'Accuracy')).toContainText(pct(accuracy(`score_${v}`)));
  await openView(page, 'Compare');
  await expect(page.getByRole('table', { name: /^Flips from the baseline v1/ })).toBeVisible();
  await page.screenshot({ path: '/tmp/spam-compare.png', fullPage: true });
});

test('spam demo: the map’s hover card shows the hovered message’s own text', async ({ page }) => {
  await page.goto('/?data=demo/spam.arrow');
  await expectRows(page, spam.numRows);
  const { tip, hoveredId } = await hoverSomePoint(page);
  const row = Array.from({ length: spam.numRows }, (_, i) => i).find(
    (i) => String(col('id').get(i)) === hoveredId,
  );
  expect(row, `hovered id ${hoveredId}`).toBeDefined();
  // The card's snippet is the start of that message's own text (whitespace folded).
  const start = text(row!).replace(/\s+/g, ' ').slice(0, 24);
  await expect(tip).toContainText(start);
  await page.screenshot({ path: '/tmp/spam-map.png' });
});

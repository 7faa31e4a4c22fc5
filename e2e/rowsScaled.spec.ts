// Past ~270k rows the grid's spacer is capped and scroll positions are scaled
// (src/views/Rows/useScaledVirtualizer.ts). The wheel and the keyboard still move by true rows;
// the scrollbar jumps anywhere, the last row included.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator } from '@playwright/test';
import { Table, makeVector, tableToIPC } from 'apache-arrow';
import { expectRows, openEmpty, openView } from './helpers';

const N = 1_000_000; // 30 M px of rows: each real pixel of the 8 M px spacer is ~3.75 rows' px
const ROW_H = 30;
const FILE = join(tmpdir(), `wb-scaled-${process.pid}`, 'million.arrow');

test.beforeAll(() => {
  const table = new Table({
    id: makeVector(Int32Array.from({ length: N }, (_, i) => i)),
    label: makeVector(Int32Array.from({ length: N }, (_, i) => i % 2)),
    pred_v1: makeVector(Int32Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 1 : i % 2))),
    pred_v2: makeVector(Int32Array.from({ length: N }, (_, i) => (i % 5 === 0 ? 0 : i % 2))),
  });
  mkdirSync(join(FILE, '..'), { recursive: true });
  writeFileSync(FILE, tableToIPC(table, 'file'));
});

/** Row positions (0-based) of the first and last rows wholly inside the grid, below its header. */
function shownRange(grid: Locator): Promise<[number, number]> {
  return grid.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const head = el.querySelector('[role="row"]')!.getBoundingClientRect().bottom;
    const bottom = box.top + el.clientHeight;
    const inside = [...el.querySelectorAll<HTMLElement>('[role="row"][aria-rowindex]')]
      .filter((r) => Number(r.getAttribute('aria-rowindex')) > 1)
      .filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= head - 1 && b.bottom <= bottom + 1;
      })
      .map((r) => Number(r.getAttribute('aria-rowindex')) - 2);
    return [Math.min(...inside), Math.max(...inside)] as [number, number];
  });
}

test('at a million rows the wheel moves by rows, not by hundreds; the scrollbar reaches the end', async ({
  page,
}) => {
  await openEmpty(page);
  await page.getByLabel('Open data files').setInputFiles(FILE);
  await expectRows(page, N);
  await openView(page, 'Rows');
  const grid = page.getByRole('grid', { name: 'Rows in all rows' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(N + 1));
  await expect(grid.locator('[aria-rowindex="2"] [role="gridcell"]').first()).toHaveText('0');

  // One wheel step of 8 rows' height shows row 8 at the top (scaled, it showed row ~30).
  const box = (await grid.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 8 * ROW_H);
  await expect.poll(async () => (await shownRange(grid))[0]).toBe(8);
  await expect(grid.locator('[aria-rowindex="10"] [role="gridcell"]').first()).toHaveText('8');
  await page.mouse.wheel(0, 8 * ROW_H);
  await expect.poll(async () => (await shownRange(grid))[0]).toBe(16);

  // The scrollbar's end is the last row; a wheel step up from there moves 8 rows again.
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(async () => (await shownRange(grid))[1]).toBe(N - 1);
  await expect(grid.locator(`[aria-rowindex="${N + 1}"] [role="gridcell"]`).first()).toHaveText(
    String(N - 1),
  );
  await page.mouse.wheel(0, -8 * ROW_H);
  await expect.poll(async () => (await shownRange(grid))[1]).toBe(N - 9);
  await page.screenshot({ path: 'test-results/rows-scaled.png' });

  // The keyboard: End focuses the last row, in view; ArrowUp twice keeps the focus in view.
  await grid.locator(`[aria-rowindex="${N - 7}"]`).focus();
  await page.keyboard.press('End');
  await expect(grid.locator(`[aria-rowindex="${N + 1}"]`)).toBeFocused();
  await expect.poll(async () => (await shownRange(grid))[1]).toBe(N - 1);
  for (let k = 0; k < 30; k++) await page.keyboard.press('ArrowUp');
  await expect(grid.locator(`[aria-rowindex="${N + 1 - 30}"]`)).toBeFocused();
  // The focused row (position N − 31) is at the top of the screen, wholly shown.
  await expect.poll(async () => (await shownRange(grid))[0]).toBe(N - 31);
});

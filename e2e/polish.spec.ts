import { expect, test, type Page } from '@playwright/test';
import { expectRows, openView } from './helpers';

// Issue 20, "Polish found in use": the row detail beside the navigation, map keyboard picking,
// one button style, and screenshots of the main views at three window sizes.

async function openMap(page: Page) {
  await page.goto('/');
  await expectRows(page, 4000);
  await openView(page, 'Map');
  await expect(page.getByText(/4,000 points — PCA of embedding/)).toBeVisible();
  const map = page.getByTestId('scatter');
  // The panels around the map settle after it first draws; a point's screen place moves with them.
  let last = '';
  await expect
    .poll(
      async () => {
        const box = JSON.stringify(await map.boundingBox());
        const same = box === last;
        last = box;
        return same;
      },
      { intervals: [250] },
    )
    .toBe(true);
  return map;
}

/** The live line under the map names the cursor's point: "Point <id>, label: …". */
async function cursorPoint(page: Page) {
  const line = page.locator('.scatter-cursor');
  await expect(line).toHaveText(/^Point \S+/);
  const text = await line.innerText();
  return /^Point ([^,]+)/.exec(text)![1]!;
}

/**
 * The cursor's point once the page has caught up: the live line names it, the tooltip shows it,
 * and where the tooltip sits (14 px right of and below the point).
 */
async function settled(page: Page, not?: string) {
  if (not !== undefined) await expect.poll(() => cursorPoint(page)).not.toBe(not);
  const id = await cursorPoint(page);
  const tip = page.getByRole('tooltip');
  await expect(tip.locator('.scatter-tip-lines div').first()).toHaveText(id);
  const [x, y] = await tip.evaluate(
    (el: HTMLElement) => [parseFloat(el.style.left), parseFloat(el.style.top)] as [number, number],
  );
  return { id, x, y };
}

test('the map is picked with the keyboard: arrows move to a point that way, Enter opens it', async ({
  page,
}) => {
  const map = await openMap(page);
  await map.focus();
  await page.keyboard.press('ArrowRight');
  const a = await settled(page);

  await page.keyboard.press('ArrowRight');
  const b = await settled(page, a.id);
  expect(b.x).toBeGreaterThan(a.x);

  await page.keyboard.press('ArrowUp');
  const c = await settled(page, b.id);
  expect(c.y).toBeLessThan(b.y); // up is towards the top of the window

  await page.keyboard.press('ArrowLeft');
  const named = (await settled(page, c.id)).id;
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Row ${named}` });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'test-results/polish-map-keyboard.png' });
});

test('the row detail sits beside the Views navigation, which stays usable; its edge resizes it', async ({
  page,
}) => {
  await openMap(page);
  await page.getByTestId('scatter').focus();
  await page.keyboard.press('ArrowDown');
  const id = await cursorPoint(page);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Row ${id}` });
  await expect(dialog).toBeVisible();

  // Not over the navigation: their boxes do not overlap.
  const nav = page.getByRole('navigation', { name: 'Views' });
  const n = (await nav.boundingBox())!;
  const d = (await dialog.boundingBox())!;
  const overlap =
    n.x < d.x + d.width && d.x < n.x + n.width && n.y < d.y + d.height && d.y < n.y + n.height;
  expect(overlap).toBe(false);

  // The navigation works with the panel open, and the panel stays.
  await openView(page, 'Compare');
  await expect(nav.getByRole('button', { name: 'Compare' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('table', { name: /Metrics per cohort and version/ })).toBeVisible();
  await expect(dialog).toBeVisible();

  // Resize with the keyboard: left widens by 24 px a press, Home is the narrowest.
  const edge = dialog.getByRole('separator', { name: 'Resize the row detail' });
  const before = (await dialog.boundingBox())!.width;
  await edge.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await dialog.boundingBox())!.width).toBeCloseTo(before + 48, 0);
  await expect(edge).toHaveAttribute('aria-valuenow', String(Math.round(before + 48)));
  await page.keyboard.press('Home');
  await expect.poll(async () => (await dialog.boundingBox())!.width).toBeCloseTo(320, 0);

  // And with the pointer: drag the edge 150 px to the left.
  const e = (await edge.boundingBox())!;
  await page.mouse.move(e.x + e.width / 2, e.y + 200);
  await page.mouse.down();
  await page.mouse.move(e.x + e.width / 2 - 150, e.y + 200, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await dialog.boundingBox())!.width).toBeCloseTo(470, 0);
  await page.screenshot({ path: 'test-results/polish-drawer.png' });
});

test('buttons share the app style: Find slices is a primary button, not a native one', async ({
  page,
}) => {
  await page.goto('/');
  await expectRows(page, 4000);
  await openView(page, 'Slices');
  const find = page.getByRole('button', { name: 'Find slices' });
  const primary = await find.evaluate((el) => {
    const s = getComputedStyle(el);
    const accent = getComputedStyle(document.documentElement).getPropertyValue('--accent');
    return { bg: s.backgroundColor, radius: s.borderRadius, accent: accent.trim() };
  });
  expect(primary.bg).toBe('rgb(36, 86, 199)'); // --accent #2456c7
  expect(primary.radius).toBe('6px');
  await find.click();
  const make = page.getByRole('button', { name: 'Make cohort' }).first();
  await expect(make).toBeVisible();
  expect(await make.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('6px');
  await page.screenshot({ path: 'test-results/polish-slices.png', fullPage: true });
});

for (const [w, h] of [
  [1280, 720],
  [1440, 900],
  [2560, 1440],
] as const) {
  test(`Overview, Compare and Rows at ${w}×${h} (screenshots to look at)`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?data=demo/digits.arrow');
    await expectRows(page, 4000);
    await expect(page.getByRole('table', { name: /Headline metrics/ })).toBeVisible();
    await page.screenshot({ path: `test-results/polish-overview-${w}.png`, fullPage: true });
    await openView(page, 'Compare');
    const metrics = page.getByRole('table', { name: /Metrics per cohort and version/ });
    await expect(metrics).toBeVisible();
    await page.screenshot({ path: `test-results/polish-compare-${w}.png` });
    await metrics.screenshot({ path: `test-results/polish-compare-table-${w}.png` });
    await openView(page, 'Rows');
    await expect(page.getByRole('grid')).toBeVisible();
    await page.screenshot({ path: `test-results/polish-rows-${w}.png` });
  });
}

/** The header's lines: its controls' vertical centres, grouped within 12 px. */
async function headerLines(page: Page) {
  const mids = await page.locator('header.header > *').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return r.top + r.height / 2;
    }),
  );
  return new Set(mids.map((m) => Math.round(m / 12))).size;
}

for (const [w, h] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`the header keeps to two lines at ${w}×${h}, Reset beside the views`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?data=demo/digits.arrow');
    await expectRows(page, 4000);
    const header = page.locator('header.header');
    await header.screenshot({ path: `test-results/polish-header-${w}.png` });
    expect(await headerLines(page)).toBe(2);
    // The button shares the Views tabs' line instead of wrapping onto a third one.
    const views = (await page.getByRole('navigation', { name: 'Views' }).boundingBox())!;
    const reset = page.getByRole('button', { name: 'Reset saved state of this dataset' });
    await expect(reset).toHaveText('Reset saved state');
    const r = (await reset.boundingBox())!;
    expect(Math.abs(r.y + r.height / 2 - (views.y + views.height / 2))).toBeLessThan(8);
    expect(r.x + r.width).toBeLessThanOrEqual(w);
  });
}

test('Slices, Cohorts and Rows at 1280×720 (screenshots to look at)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?data=demo/digits.arrow');
  await expectRows(page, 4000);
  await openView(page, 'Slices');
  await page.getByRole('button', { name: 'Find slices' }).click();
  await expect(page.getByRole('button', { name: 'Make cohort' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/polish-slices-1280.png' });
  const form = page.locator('form.slices-controls');
  await form.getByRole('combobox', { name: /^Find/ }).selectOption('regression');
  await form.screenshot({ path: 'test-results/polish-slices-form-1280.png' });
  // The controls keep to one line at 1280 px, the baseline picker included.
  const mids = await form
    .locator(':scope > *')
    .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top / 12)));
  expect(new Set(mids).size).toBe(1);
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.screenshot({ path: 'test-results/polish-cohorts-1280.png' });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await openView(page, 'Rows');
  await expect(page.getByRole('grid')).toBeVisible();
  await page.screenshot({ path: 'test-results/polish-rows-1280.png' });
  await page.getByRole('grid').evaluate((el) => {
    // The grid or the nearest box around it that scrolls sideways.
    let box: HTMLElement | null = el as HTMLElement;
    while (box && box.scrollWidth <= box.clientWidth) box = box.parentElement;
    if (box) box.scrollLeft = box.scrollWidth;
  });
  await page.screenshot({ path: 'test-results/polish-rows-right-1280.png' });
});

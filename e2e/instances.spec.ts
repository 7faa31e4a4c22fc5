import { readFileSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { Int32, Utf8, tableFromIPC, tableToIPC, Table, vectorFromArray } from 'apache-arrow';
import { dataPath, expectRows, hoverSomePoint, openEmpty, openView, pickFiles } from './helpers';

/** The digits demo read in Node with arrow-js: the independent side of the pixel checks. */
const digits = tableFromIPC(readFileSync(new URL('../public/demo/digits.arrow', import.meta.url)));
const digitBytes = (i: number) =>
  Array.from((digits.getChild('image')!.get(i) as { toArray(): Uint8Array }).toArray());

/** Grey levels of a colour-type-0, filter-0 PNG (what the fixture script writes), decoded here. */
function pngGrey(png: Uint8Array): { width: number; height: number; grey: number[] } {
  const view = Buffer.from(png);
  const width = view.readUInt32BE(16);
  const height = view.readUInt32BE(20);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < view.length) {
    const len = view.readUInt32BE(at);
    if (view.toString('latin1', at + 4, at + 8) === 'IDAT')
      idat.push(view.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const grey: number[] = [];
  for (let y = 0; y < height; y++)
    grey.push(...raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)));
  return { width, height, grey };
}

/** What a canvas holds: its own size and the green channel of each pixel (grey images). */
async function canvasPixels(canvas: Locator) {
  return canvas.evaluate((el: HTMLCanvasElement) => {
    const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    return {
      width: el.width,
      height: el.height,
      green: Array.from(data.filter((_, k) => k % 4 === 1)),
      first: Array.from(data.subarray(0, 4)),
    };
  });
}

async function findRow(page: Page, id: string) {
  await page.getByLabel('Find row by id').fill(id);
  await page.getByLabel('Find row by id').press('Enter');
  return page.getByRole('dialog', { name: `Row ${id}` });
}

test('digits gallery: each card draws the row’s own 28×28 pixels; a click opens the row large', async ({
  page,
}) => {
  await page.goto('/');
  await expectRows(page, digits.numRows);
  await openView(page, 'Gallery');
  const gallery = page.getByRole('region', { name: 'Gallery of all rows' });
  const first = gallery.getByRole('img', { name: 'Image of digit-00000' });
  await expect(first).toBeVisible();
  const px = await canvasPixels(first);
  expect([px.width, px.height]).toEqual([28, 28]);
  expect(px.green).toEqual(digitBytes(0));
  const label0 = String(digits.getChild('label')!.get(0));
  await expect(gallery.getByRole('button', { name: /^Row digit-00000: / })).toHaveAccessibleName(
    new RegExp(`label ${label0}, v1 ${digits.getChild('pred_v1')!.get(0)}`),
  );
  await page.screenshot({ path: '/tmp/instances-gallery.png' });

  // Sorted like the rows table: by label, highest first → the first card is the first 9.
  await page.getByLabel('Sort by').selectOption({ label: 'label' });
  await page.getByLabel('Highest first').check();
  let firstNine = 0;
  while (digits.getChild('label')!.get(firstNine) !== 9) firstNine++;
  const id = `digit-${String(firstNine).padStart(5, '0')}`;
  const card = gallery.getByRole('listitem').first().getByRole('button');
  await expect(card).toHaveAccessibleName(new RegExp(`^Row ${id}: label 9`));
  await card.click();
  const drawer = page.getByRole('dialog', { name: `Row ${id}` });
  const large = drawer.getByRole('img', { name: `image of ${id}` });
  await expect(large).toBeVisible();
  expect((await canvasPixels(large)).green).toEqual(digitBytes(firstNine));
  expect((await large.boundingBox())?.width).toBeCloseTo(280, 0);
  await page.screenshot({ path: '/tmp/instances-row-detail.png' });
});

test('map hover card shows the hovered digit', async ({ page }) => {
  await page.goto('/');
  await expectRows(page, digits.numRows);
  const { tip, hoveredId } = await hoverSomePoint(page);
  const index = Number(hoveredId.replace('digit-', ''));
  const img = tip.getByRole('img');
  await expect(img).toBeVisible();
  expect((await canvasPixels(img)).green).toEqual(digitBytes(index));
  await page.screenshot({ path: '/tmp/instances-hover.png' });
  await tip.screenshot({ path: '/tmp/instances-hover-card.png' });
  // The card holds the lines and the image below them, on its own background.
  const card = (await tip.boundingBox())!;
  const image = (await img.boundingBox())!;
  expect(card.height).toBeGreaterThan(image.height + 40);
  expect(image.y).toBeGreaterThan(card.y + 40);
});

const pngTable = tableFromIPC(readFileSync(dataPath('instances/png-images.arrow')));

test('PNG bytes are decoded in the worker; corrupt, 100 MP, SVG and null rows say why', async ({
  page,
}) => {
  await openEmpty(page);
  await pickFiles(page, 'instances/png-images.arrow');
  await expectRows(page, pngTable.numRows);
  await openView(page, 'Gallery');
  const gallery = page.getByRole('region', { name: 'Gallery of all rows' });
  const img = gallery.getByRole('img', { name: 'Image of png-4' });
  await expect(img).toBeVisible();
  const want = pngGrey(pngTable.getChild('image')!.get(4) as Uint8Array);
  const got = await canvasPixels(img);
  expect([got.width, got.height]).toEqual([want.width, want.height]);
  expect(got.green).toEqual(want.grey);
  await gallery.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(
    gallery.getByRole('img', { name: /^No image: the png data is corrupt/ }),
  ).toBeVisible();
  await expect(
    gallery.getByRole('img', { name: 'No image: 10000×10000 png (100 MP) is too large to show' }),
  ).toBeVisible();
  await expect(
    gallery.getByRole('img', {
      name: 'No image: SVG images are not shown (they can carry scripts)',
    }),
  ).toBeVisible();
  await expect(gallery.getByRole('img', { name: 'No image: no image' })).toBeVisible();
  await page.screenshot({ path: '/tmp/instances-png-bad.png' });

  // The row detail: the image large, the long note wrapped and clipped with "Show all".
  const drawer = await findRow(page, 'png-0');
  await expect(drawer.getByRole('img', { name: 'image of png-0' })).toBeVisible();
  const note = String(pngTable.getChild('note_text')!.get(0));
  const text = drawer.getByLabel('note_text text');
  await expect(text).toHaveText(`${note.slice(0, 2000)}…`);
  await drawer
    .getByRole('button', { name: `Show all (${note.length.toLocaleString('en-US')} characters)` })
    .click();
  await expect(text).toHaveText(note);
  await page.screenshot({ path: '/tmp/instances-text-detail.png' });
});

test('image URLs: data: PNGs drawn; javascript:, SVG refused; a remote origin only once allowed', async ({
  page,
}) => {
  const asked: string[] = [];
  page.on('request', (r) => asked.push(r.url()));
  await openEmpty(page);
  await pickFiles(page, 'instances/url-images.arrow');
  await expectRows(page, 13);
  await openView(page, 'Gallery');
  const gallery = page.getByRole('region', { name: 'Gallery of all rows' });
  const first = gallery.getByRole('img', { name: 'Image of url-0' });
  await expect(first).toBeVisible();
  expect((await canvasPixels(first)).green).toEqual(
    pngGrey(pngTable.getChild('image')!.get(0) as Uint8Array).grey,
  );
  await expect(
    gallery.getByRole('img', { name: 'No image: javascript: URLs are never opened' }),
  ).toBeVisible();
  await expect(
    gallery.getByRole('img', {
      name: 'No image: SVG images are not shown (they can carry scripts)',
    }),
  ).toBeVisible();
  const remote = gallery.getByRole('img', {
    name: 'No image: from http://127.0.0.1:9: not loaded until allowed',
  });
  await expect(remote).toBeVisible();
  await page.screenshot({ path: '/tmp/instances-urls.png' });
  expect(asked.filter((u) => u.startsWith('http://127.0.0.1:9/'))).toEqual([]);

  // Allowing the origin (in the row detail) lists it, and only then is it asked.
  const drawer = await findRow(page, 'url-12');
  await drawer.getByRole('button', { name: 'Allow images from http://127.0.0.1:9' }).click();
  const allowed = drawer.getByRole('region', { name: 'Allowed image origins' });
  await expect(allowed).toContainText('http://127.0.0.1:9');
  await expect(drawer.getByRole('img', { name: /^No image: not loaded/ })).toBeVisible();
  expect(asked).toContain('http://127.0.0.1:9/never-requested.png');
  await allowed.getByRole('button', { name: 'Stop loading from http://127.0.0.1:9' }).click();
  await expect(drawer.getByRole('img', { name: /not loaded until allowed/ })).toBeVisible();
});

test('RGB float pixels are drawn in colour in the rows table and the detail', async ({ page }) => {
  await openEmpty(page);
  await pickFiles(page, 'instances/rgb-pixels.arrow');
  await expectRows(page, 4);
  await openView(page, 'Rows');
  const cell = page.getByRole('grid').getByRole('img', { name: 'pixels of rgb-0' });
  await expect(cell).toBeVisible();
  // The red square's first pixel: 1 × 0.5 of full red.
  expect((await canvasPixels(cell)).first).toEqual([128, 0, 0, 255]);
  const drawer = await findRow(page, 'rgb-2');
  expect((await canvasPixels(drawer.getByRole('img', { name: 'pixels of rgb-2' }))).first).toEqual([
    0, 0, 128, 255,
  ]);
  await page.screenshot({ path: '/tmp/instances-rgb.png' });
});

test('a 50 MB text and a 50 MB image string: clipped and refused; cohort text matches marked', async ({
  page,
}) => {
  // Written here (too large to commit): 50 MB in one text cell and in one image URL cell.
  const big = 'word '.repeat(10 * 2 ** 20);
  const file = '/tmp/instances-huge-strings.arrow';
  const t = new Table({
    id: vectorFromArray(['r0', 'r1'], new Utf8()),
    label: vectorFromArray([1, 0], new Int32()),
    pred_v1: vectorFromArray([1, 1], new Int32()),
    review: vectorFromArray([big, 'Asked for a Refund twice; refund never came.'], new Utf8()),
    image_url: vectorFromArray(
      [`data:image/png;base64,${'A'.repeat(50 * 2 ** 20)}`, null],
      new Utf8(),
    ),
  });
  writeFileSync(file, tableToIPC(t, 'file'));
  const cohort = {
    id: 'c1',
    name: 'Refunds',
    predicate: { op: 'text', column: 'review', pattern: 'refund', mode: 'contains' },
  };
  await page.goto(`/?demo=none&cohorts=${encodeURIComponent(JSON.stringify([cohort]))}&active=c1`);
  await page.getByLabel('Open data files').setInputFiles(file);
  await expectRows(page, 2);
  let drawer = await findRow(page, 'r0');
  await expect(
    drawer.getByRole('img', { name: 'No image: the image text is 50 MB' }),
  ).toBeVisible();
  await expect(drawer.getByLabel('review text')).toHaveText(`${big.slice(0, 2000)}…`);
  await expect(
    drawer.getByRole('button', {
      name: `Show all (${big.length.toLocaleString('en-US')} characters)`,
    }),
  ).toBeVisible();
  await page.screenshot({ path: '/tmp/instances-huge.png' });
  await drawer.getByRole('button', { name: 'Close' }).click();
  drawer = await findRow(page, 'r1');
  await expect(drawer.getByLabel('review text').locator('mark')).toHaveText(['Refund', 'refund']);
  await page.screenshot({ path: '/tmp/instances-marks.png' });
});

test('the image role is corrected under Column roles', async ({ page }) => {
  await openEmpty(page);
  await pickFiles(page, 'instances/rgb-pixels.arrow');
  await expectRows(page, 4);
  await page.getByRole('heading', { name: 'Column roles' }).click();
  const select = page.getByLabel('Role of pixels');
  await expect(select).toHaveValue('image');
  await select.selectOption('embedding');
  await page.getByRole('button', { name: 'Apply roles' }).click();
  await openView(page, 'Gallery');
  await expect(page.getByText('No column has the image or text role')).toBeVisible();
  await openView(page, 'Overview');
  if (!(await page.getByLabel('Role of pixels').isVisible()))
    await page.getByRole('heading', { name: 'Column roles' }).click();
  await page.getByLabel('Role of pixels').selectOption('image');
  await page.getByRole('button', { name: 'Apply roles' }).click();
  await openView(page, 'Gallery');
  await expect(page.getByRole('img', { name: 'Image of rgb-0' })).toBeVisible();
});

import { writeFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { Binary, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { expectRows, openEmpty, openView } from './helpers';
import { greyGif } from './gif';

const SIZE = 16;

/** JPEG and WebP of a 16×16 image, left half black, right half white, by Chromium's encoders. */
async function encodeInBrowser(page: Page, type: 'image/jpeg' | 'image/webp') {
  const bytes = await page.evaluate(
    async ({ type, size }) => {
      const canvas = new OffscreenCanvas(size, size);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, size, size);
      ctx.fillStyle = '#fff';
      ctx.fillRect(size / 2, 0, size / 2, size);
      const blob = await canvas.convertToBlob({ type, quality: 0.95 });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    { type, size: SIZE },
  );
  return Uint8Array.from(bytes);
}

test('JPEG, WebP and GIF bytes are decoded in the worker and drawn as the image holds', async ({
  page,
}) => {
  await openEmpty(page);
  const jpeg = await encodeInBrowser(page, 'image/jpeg');
  const webp = await encodeInBrowser(page, 'image/webp');
  const gif = greyGif(SIZE, SIZE, (x) => (x < SIZE / 2 ? 0 : 3));
  // The bytes are what their producers wrote (magic numbers checked here, independently).
  expect(Array.from(jpeg.subarray(0, 3))).toEqual([0xff, 0xd8, 0xff]);
  expect(new TextDecoder().decode(webp.subarray(8, 12))).toBe('WEBP');
  expect(new TextDecoder().decode(gif.subarray(0, 6))).toBe('GIF89a');
  const images = [jpeg, webp, gif];
  const ids = ['jpeg-0', 'webp-0', 'gif-0'];
  const file = '/tmp/image-formats.arrow';
  const t = new Table({
    id: vectorFromArray(ids, new Utf8()),
    label: vectorFromArray([0, 1, 1], new Int32()),
    pred_v1: vectorFromArray([0, 1, 0], new Int32()),
    image: vectorFromArray(images, new Binary()),
  });
  writeFileSync(file, tableToIPC(t, 'file'));
  await page.getByLabel('Open data files').setInputFiles(file);
  await expectRows(page, 3);
  await openView(page, 'Gallery');
  const gallery = page.getByRole('region', { name: 'Gallery of all rows' });
  for (const id of ids) {
    const img = gallery.getByRole('img', { name: `Image of ${id}` });
    await expect(img).toBeVisible();
    const px = await img.evaluate((el: HTMLCanvasElement) => {
      const d = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
      const at = (x: number, y: number) => d[(y * el.width + x) * 4 + 1];
      return { w: el.width, h: el.height, left: at(2, 8), right: at(13, 8) };
    });
    expect([px.w, px.h], id).toEqual([SIZE, SIZE]);
    // Lossy codecs move levels a little; the halves stay apart.
    expect(px.left, `${id} left half`).toBeLessThan(40);
    expect(px.right, `${id} right half`).toBeGreaterThan(215);
  }
  await page.screenshot({ path: '/tmp/image-formats-gallery.png' });
});

import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { tableFromIPC } from 'apache-arrow';
import { expectRows, openView } from './helpers';

// Everything expected here is computed in Node from the demo file through arrow-js rows: the
// PCA with a Jacobi eigen-solver (the app uses subspace iteration), and the neighbours by brute
// force, so neither shares code with the app.
const table = tableFromIPC(readFileSync(new URL('../public/demo/digits.arrow', import.meta.url)));
const n = table.numRows;
const ids = Array.from({ length: n }, (_, i) => String(table.getChild('id')!.get(i)));
const vecs = Array.from({ length: n }, (_, i) =>
  Array.from(table.getChild('embedding')!.get(i)!.toArray() as Float32Array),
);
const dim = vecs[0]!.length;

function jacobi(a: number[][]): { values: number[]; vectors: number[][] } {
  const d = a.length;
  const m = a.map((r) => [...r]);
  const v = a.map((_, i) => a.map((_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    for (let p = 0; p < d; p++)
      for (let q = p + 1; q < d; q++) {
        if (Math.abs(m[p]![q]!) < 1e-300) continue;
        const th = (m[q]![q]! - m[p]![p]!) / (2 * m[p]![q]!);
        const t = Math.sign(th || 1) / (Math.abs(th) + Math.sqrt(th * th + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (const mat of [m, v]) {
          for (let k = 0; k < d; k++) {
            const [x, y] = [mat[k]![p]!, mat[k]![q]!];
            mat[k]![p] = c * x - s * y;
            mat[k]![q] = s * x + c * y;
          }
        }
        for (let k = 0; k < d; k++) {
          const [x, y] = [m[p]![k]!, m[q]![k]!];
          m[p]![k] = c * x - s * y;
          m[q]![k] = s * x + c * y;
        }
      }
  }
  const order = m.map((_, i) => i).sort((x, y) => m[y]![y]! - m[x]![x]!);
  return { values: order.map((i) => m[i]![i]!), vectors: order.map((i) => v.map((r) => r[i]!)) };
}

/** PCA coordinates; each axis oriented so its largest loading is positive (the app's rule). */
function pcaCoords(): [number, number][] {
  const mean = new Array<number>(dim).fill(0);
  for (const v of vecs) v.forEach((x, j) => (mean[j]! += x / n));
  const cov = mean.map(() => new Array<number>(dim).fill(0));
  for (const v of vecs)
    for (let a = 0; a < dim; a++)
      for (let b = 0; b < dim; b++)
        cov[a]![b]! += ((v[a]! - mean[a]!) * (v[b]! - mean[b]!)) / (n - 1);
  const axes = jacobi(cov)
    .vectors.slice(0, 2)
    .map((ax) => {
      const big = ax.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
      return big < 0 ? ax.map((x) => -x) : ax;
    });
  return vecs.map((v) => {
    const c = v.map((x, j) => x - mean[j]!);
    return [0, 1].map((a) => c.reduce((s, x, j) => s + x * axes[a]![j]!, 0)) as [number, number];
  });
}

function cosineNeighbours(q: number, k: number): number[] {
  const norm = (v: number[]) => Math.hypot(...v);
  const nq = norm(vecs[q]!);
  return vecs
    .map((v, i) => ({ i, d: 1 - v.reduce((s, x, j) => s + x * vecs[q]![j]!, 0) / (norm(v) * nq) }))
    .filter((x) => x.i !== q)
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, k)
    .map((x) => x.i);
}

async function openMap(page: Page) {
  await page.goto('/');
  await expectRows(page, 4000);
  await openView(page, 'Map');
  await expect(page.getByText(/4,000 points — PCA of embedding/)).toBeVisible();
  const canvas = page.getByTestId('scatter');
  return (await canvas.boundingBox())!;
}

test('the map draws the digits, a box selection becomes a cohort of the right size', async ({
  page,
}) => {
  const box = await openMap(page);
  // The WebGL layer has drawn points: count non-white pixels of the canvas in the page.
  const drawn = await page.locator('canvas.scatter-gl').evaluate((c: HTMLCanvasElement) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.canvas.width = c.width;
    ctx.canvas.height = c.height;
    ctx.drawImage(c, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i]! < 200 || px[i + 2]! < 200) ink++;
    return ink;
  });
  expect(drawn).toBeGreaterThan(2000);
  await expect(page.getByRole('list', { name: 'Legend: label' }).getByRole('listitem')).toHaveCount(
    10,
  );

  await page.getByRole('button', { name: 'Box select' }).click();
  const [x0, y0] = [box.x + box.width * 0.3, box.y + box.height * 0.35];
  const [x1, y1] = [box.x + box.width * 0.5, box.y + box.height * 0.6];
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, { steps: 5 });
  await page.mouse.move(x1, y1, { steps: 5 });
  await page.mouse.up();
  const bar = page.getByRole('region', { name: 'Selection' });
  await expect(bar).toContainText('rows selected');
  const polygon = JSON.parse(
    (await bar.getByTestId('selection-extent').getAttribute('data-polygon'))!,
  ) as number[];
  const xs = polygon.filter((_, i) => i % 2 === 0);
  const ys = polygon.filter((_, i) => i % 2 === 1);
  const [minX, maxX, minY, maxY] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const coords = pcaCoords();
  // Float32 vs float64 coordinates may differ in the 6th digit: points that close to an edge
  // could fall either way, so they widen the allowed range (there are usually none).
  const eps = 1e-4 * Math.max(maxX - minX, maxY - minY);
  const inside = (x: number, y: number, e: number) =>
    x > minX + e && x < maxX - e && y > minY + e && y < maxY - e;
  const sure = coords.filter(([x, y]) => inside(x, y, eps)).length;
  const maybe = coords.filter(([x, y]) => inside(x, y, -eps)).length;
  const text = (await bar.locator('strong').innerText()).replace(/,/g, '');
  const count = Number(text);
  expect(count).toBeGreaterThan(50);
  expect(count).toBeGreaterThanOrEqual(sure);
  expect(count).toBeLessThanOrEqual(maybe);
  await page
    .getByRole('button', { name: `Make cohort of ${count.toLocaleString('en-US')} selected rows` })
    .click();
  // Named by shape and size, not by raw map coordinates.
  await expect(bar).toContainText(`(box, ${count.toLocaleString('en-US')} points)`);
  const chip = page.getByRole('button', {
    name: `Map box, ${count.toLocaleString('en-US')} points`,
  });
  await expect(chip).toContainText(`${count.toLocaleString('en-US')} rows`);
  await page.screenshot({ path: 'test-results/map-selection.png', fullPage: true });
});

test('pick a point: its exact neighbours are listed, nearest first', async ({ page }) => {
  const box = await openMap(page);
  // Screen position of a data point: the app fits the layout's bounds into the canvas with one
  // scale and a 24 px margin, y up (scatterTransform.ts); recomputed here from our own PCA.
  const coords = pcaCoords();
  const bx = [Math.min(...coords.map((c) => c[0])), Math.max(...coords.map((c) => c[0]))];
  const by = [Math.min(...coords.map((c) => c[1])), Math.max(...coords.map((c) => c[1]))];
  const s = Math.min((box.width - 48) / (bx[1]! - bx[0]!), (box.height - 48) / (by[1]! - by[0]!));
  const screen = ([x, y]: [number, number]) => [
    box.x + box.width / 2 + s * (x - (bx[0]! + bx[1]!) / 2),
    box.y + box.height / 2 - s * (y - (by[0]! + by[1]!) / 2),
  ];
  // An isolated point, so the click cannot land on a neighbour instead.
  const pts = coords.map(screen);
  const target = pts.findIndex((p, i) =>
    pts.every((q, j) => j === i || Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!) > 12),
  );
  expect(target).toBeGreaterThanOrEqual(0);
  await page.mouse.move(pts[target]![0]!, pts[target]![1]!);
  await expect(page.getByRole('tooltip')).toContainText(ids[target]!);
  await page.mouse.click(pts[target]![0]!, pts[target]![1]!);

  const panel = page.getByRole('region', { name: 'Neighbours', exact: true });
  const rows = panel.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(10);
  await expect(panel.getByRole('table')).toContainText(`Nearest neighbours of ${ids[target]}`);
  const distances = (await rows.locator('td:nth-child(3)').allInnerTexts()).map(Number);
  expect(distances[0]).toBe(Math.min(...distances));
  expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  const want = cosineNeighbours(target, 10).map((i) => ids[i]);
  expect(await rows.locator('th').allInnerTexts()).toEqual(want);
  await expect(panel.getByLabel('Neighbour-label agreement')).toContainText(/of 10 neighbours/);
  await page.screenshot({ path: 'test-results/map-picked.png', fullPage: true });
});

test('find a row by id and see its neighbours in the row detail', async ({ page }) => {
  await openMap(page);
  const q = 123;
  await page.getByLabel('Find row by id').fill(ids[q]!);
  await page.getByLabel('Find row by id').press('Enter');
  const section = page.getByRole('region', { name: 'Nearest neighbours' });
  const rows = section.getByRole('table').locator('tbody tr');
  await expect(rows).toHaveCount(10);
  const want = cosineNeighbours(q, 10).map((i) => ids[i]);
  expect(await rows.locator('th').allInnerTexts()).toEqual(want);
  await section.getByLabel('k').fill('5');
  await expect(rows).toHaveCount(5);
  await page.screenshot({ path: 'test-results/map-detail.png', fullPage: true });
});

test('lasso, colourings, density and the label-error scan', async ({ page }) => {
  const box = await openMap(page);
  await page.getByRole('button', { name: 'Lasso select' }).click();
  const cx = box.x + box.width * 0.4;
  const cy = box.y + box.height * 0.5;
  await page.mouse.move(cx, cy - 80);
  await page.mouse.down();
  for (const [dx, dy] of [
    [70, 40],
    [50, 90],
    [-50, 90],
    [-70, 40],
  ] as const) {
    await page.mouse.move(cx + dx, cy - 80 + dy, { steps: 4 });
  }
  await page.mouse.up();
  const bar = page.getByRole('region', { name: 'Selection' });
  const count = (await bar.locator('strong').innerText()).trim();
  expect(Number(count.replace(/,/g, ''))).toBeGreaterThan(10);
  await expect(bar).toContainText(`(lasso, ${count} points)`);
  await expect(bar).not.toContainText(/x [−-]?\d/);
  await bar.getByRole('button', { name: /Make cohort of/ }).click();
  await expect(page.getByRole('button', { name: `Map lasso, ${count} points` })).toContainText(
    `${count} rows`,
  );

  await page.getByLabel('Colour by').selectOption({ label: 'v1 correct / wrong' });
  const legend = page.getByRole('list', { name: 'Legend: v1 correct / wrong' });
  // v1 is right on 90.55% of the 4,000 digits (public/demo/README.md).
  await expect(legend).toContainText('3,622');
  await expect(legend).toContainText('378');
  await page.getByLabel('Colour by').selectOption({ label: 'Column: ink' });
  await expect(page.getByRole('list', { name: 'Legend: ink' }).getByRole('listitem')).toHaveCount(
    8,
  );
  await page.getByLabel('Density').check();

  await page.getByRole('button', { name: 'Find likely label errors' }).click();
  const suspects = page.getByRole('table', { name: /most contradicted first/ });
  await expect(suspects).toBeVisible();
  await expect(
    page.getByText(new RegExp(`Checked ${count} of ${count} labelled rows`)),
  ).toBeVisible();
  // Each listed row's neighbours name another label by a strict majority: never its own (d00066,
  // label 2 with its neighbours split 3–3 between 2 and 3, was listed as "neighbours say 2").
  const listed = await suspects
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.children, (c) => (c as HTMLElement).innerText.trim())),
    );
  expect(listed.length).toBeGreaterThan(0);
  for (const [id, label, says] of listed) {
    const m = /^(\S+) \((\d+) of (\d+)\)$/.exec(says!)!;
    expect(m, `${id}: ${says}`).not.toBeNull();
    expect(m[1], id).not.toBe(label);
    expect(2 * Number(m[2]), id).toBeGreaterThan(Number(m[3]));
  }
  expect(listed.map((r) => r[0])).not.toContain('d00066');
  await page.screenshot({ path: 'test-results/map-density.png', fullPage: true });
});

test('UMAP on request, with progress', async ({ page }) => {
  test.setTimeout(180_000);
  await openMap(page);
  await page.getByLabel('Layout').selectOption({ label: 'embedding (UMAP, on request)' });
  await expect(page.getByLabel('Layout progress')).toBeVisible();
  await expect(page.getByText(/4,000 points — UMAP of embedding/)).toBeVisible({
    timeout: 150_000,
  });
  await page.screenshot({ path: 'test-results/map-umap.png', fullPage: true });
});

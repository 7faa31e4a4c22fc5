// The scripted session's steps in the app: cohort edits, scrolling the rows, panning the map.
/* global window, document */
import { profileMain } from '../profile.mjs';
import { log, sleep } from '../util.mjs';
import { longTasksBetween, pageNow, settle, workerMeasureLists } from './measure.mjs';

/** cohort-update: create a cohort once, then edit its maximum repeatedly. */
export async function cohortEdits(page, size, opts) {
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByLabel('Cohort name').fill('bench range');
  await page.getByRole('button', { name: 'Add condition' }).click();
  await page.getByLabel('Field of condition 1').selectOption('col:f_num0');
  await page.getByLabel('Minimum of condition 1').fill('-0.5');
  await page.getByLabel('Maximum of condition 1').fill('0.5');
  const waitMark = async (n) =>
    page.waitForFunction((k) => window.__session.updated.length >= k, n, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Save cohort' }).click();
  await waitMark(1);
  await page.getByText(/^Active: bench range/).waitFor();
  await sleep(500);
  await workerMeasureLists(page, true);
  const e0 = await pageNow(page);
  const stopProfile = await profileMain(page, opts.profile, 'edits', size);
  const edits = size === '10m' ? 5 : 7;
  const maxima = ['0.4', '0.6', '0.3', '0.7', '0.45', '0.55', '0.35', '0.65'];
  for (let i = 0; i < edits; i++) {
    const before = await page.evaluate(() => window.__session.updated.length);
    await page
      .getByRole('region', { name: 'Cohorts' })
      .getByRole('button', { name: 'Edit', exact: true })
      .click();
    await page.getByLabel('Maximum of condition 1').fill(maxima[i % maxima.length]);
    await page.getByRole('button', { name: 'Save cohort' }).click();
    await waitMark(before + 1);
    await sleep(300);
  }
  const e1 = await pageNow(page);
  await stopProfile();
  const s = await page.evaluate(() => window.__session);
  const saves = s.saves.filter((t) => t >= e0);
  const ms = saves.map((t) => {
    const m = s.updated.find((u) => u >= t);
    return m === undefined ? NaN : m - t;
  });
  const worker = await workerMeasureLists(page);
  const result = { ms, worker, longTasks: longTasksBetween(s, e0, e1) };
  log(
    `session ${size} cohort-update: ${ms.map((x) => x.toFixed(0)).join(', ')} ms; worker mask ` +
      `${(worker['wb:cohort:mask'] ?? []).map((x) => x.toFixed(0)).join(',')} aggregate ` +
      `${(worker['wb:cohort:aggregate'] ?? []).map((x) => x.toFixed(0)).join(',')} fused ` +
      `${(worker['wb:cohort:fused'] ?? []).map((x) => x.toFixed(0)).join(',')}; long tasks ${result.longTasks.length}`,
  );
  return result;
}

/** table-scroll-fps: the Rows view, wheel steps over the grid for ~3 s. */
export async function tableScroll(page, size, opts) {
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Rows' }).click();
  const grid = page.locator('.rows-grid');
  await grid.waitFor();
  await page.locator('.rows-grid .rows-tr:not(.loading)').first().waitFor({ timeout: 60_000 });
  const settled = await settle(page);
  const box = await grid.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const t0 = await pageNow(page);
  const stopProfile = await profileMain(page, opts.profile, 'scroll', size);
  await page.evaluate(() => window.__session.startFrames());
  const end = Date.now() + 3000;
  let steps = 0;
  while (Date.now() < end) {
    await page.mouse.wheel(0, 240);
    steps++;
    await sleep(16);
  }
  const f = await page.evaluate(() => window.__session.stopFrames());
  const t1 = await pageNow(page);
  await stopProfile();
  const scrolled = await grid.evaluate((el) => el.scrollTop);
  const loading = await page.locator('.rows-grid .rows-tr.loading').count();
  const s = await page.evaluate(() => window.__session);
  const result = {
    ...f,
    settled_ms: settled,
    steps,
    scrollTop: scrolled,
    loadingRowsAtEnd: loading,
    longTasks: longTasksBetween(s, t0, t1),
  };
  log(
    `session ${size} table-scroll: ${f.fps.toFixed(1)} fps (${f.frames} frames / ${f.ms.toFixed(0)} ms, ` +
      `worst gap ${f.worst_gap_ms?.toFixed(0)} ms), ${steps} wheel steps, scrollTop ${scrolled}, long tasks ${result.longTasks.length}`,
  );
  return result;
}

/** map-pan-fps: the Map view, drag the canvas for ~3 s. */
export async function mapPan(page, size, opts) {
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: 'Map' }).click();
  const canvas = page.getByTestId('scatter');
  await canvas.waitFor({ timeout: 180_000 });
  await page
    .getByLabel('Layout progress')
    .waitFor({ state: 'detached', timeout: 180_000 })
    .catch(() => {});
  const settled = await settle(page); // first full draw, nothing else running
  const box = await canvas.boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  const t0 = await pageNow(page);
  const stopProfile = await profileMain(page, opts.profile, 'pan', size);
  await page.evaluate(() => window.__session.startFrames());
  await page.mouse.down();
  const end = Date.now() + 3000;
  let steps = 0;
  const r = Math.min(box.width, box.height) / 4;
  while (Date.now() < end) {
    const a = steps / 10;
    await page.mouse.move(cx + r * Math.sin(a), cy + r * (1 - Math.cos(a)));
    steps++;
    await sleep(16);
  }
  await page.mouse.up();
  const f = await page.evaluate(() => window.__session.stopFrames());
  const t1 = await pageNow(page);
  await stopProfile();
  const s = await page.evaluate(() => window.__session);
  const webgl = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return ext
      ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)
      : (gl?.getParameter(gl.RENDERER) ?? null);
  });
  const result = {
    ...f,
    webgl,
    settled_ms: settled,
    steps,
    longTasks: longTasksBetween(s, t0, t1),
  };
  log(
    `session ${size} map-pan: ${f.fps.toFixed(1)} fps (${f.frames} frames / ${f.ms.toFixed(0)} ms, ` +
      `worst gap ${f.worst_gap_ms?.toFixed(0)} ms), ${steps} moves, long tasks ${result.longTasks.length}`,
  );
  return result;
}

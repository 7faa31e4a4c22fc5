import { request } from 'node:http';
import { expect, test } from '@playwright/test';
import { dataPath, expectRows } from './helpers';
import { commandOf } from './spawnApp';

// `npm start -- files…` (scripts/start.mjs), run on the build the e2e web server just made.
const launch = commandOf('scripts/start.mjs');

/** Status of a GET with the path sent exactly as written (no ../ clean-up by a client). */
function statusOf(origin: string, rawPath: string): Promise<number> {
  const u = new URL(origin);
  return new Promise((resolve, reject) => {
    request({ host: u.hostname, port: u.port, path: rawPath }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

test('npm start -- files opens the app on them, served from an unguessable path only', async ({
  page,
}) => {
  const url = await launch(dataPath('features.arrow'), dataPath('preds_v1.arrow'));
  const { origin, pathname } = new URL(url);
  expect(pathname).toMatch(/^\/[A-Za-z0-9_-]{24}\/$/);
  await page.goto(url);
  await expectRows(page, 300);
  await expect(page.getByRole('status')).toContainText('features.arrow, preds_v1.arrow');

  expect(await statusOf(origin, '/')).toBe(404);
  expect(await statusOf(origin, '/index.html')).toBe(404);
  expect(await statusOf(origin, `${pathname}files/`)).toBe(404);
  expect(await statusOf(origin, `${pathname}files/0/`)).toBe(404);
  expect(await statusOf(origin, `${pathname}assets/`)).toBe(404);
  expect(await statusOf(origin, `${pathname}../package.json`)).toBe(404);
  expect(await statusOf(origin, `${pathname}%2e%2e/package.json`)).toBe(404);
  expect(await statusOf(origin, `${pathname}files/0/preds_v1.arrow`)).toBe(404);
  expect(await statusOf(origin, `${pathname}files/1/preds_v1.arrow`)).toBe(200);
});

test('a missing file is named and nothing is served', async () => {
  await expect(launch('no/such/file.arrow')).rejects.toThrow(/Not a file: .*no\/such\/file\.arrow/);
});

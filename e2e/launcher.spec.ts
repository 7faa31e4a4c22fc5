import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { expect, test } from '@playwright/test';
import { dataPath, expectRows } from './helpers';

// `npm start -- files…` (scripts/start.mjs), run on the build the e2e web server just made.
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = port === 4173 ? 'dist' : `.e2e-dist/${port}`;

let child: ChildProcess | null = null;
test.afterEach(() => {
  child?.kill();
  child = null;
});

function launch(...files: string[]): Promise<string> {
  child = spawn('node', ['scripts/start.mjs', '--no-open', ...files], {
    env: { ...process.env, WORKBENCH_DIST: dist },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child!.stderr!.on('data', (d) => (out += String(d)));
    child!.stdout!.on('data', (d) => {
      out += String(d);
      const m = /http:\/\/127\.0\.0\.1:\d+\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child!.on('exit', (code) => reject(new Error(`start.mjs exited ${code}: ${out}`)));
  });
}

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

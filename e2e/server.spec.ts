import { type ChildProcess, spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { dataPath, expectRows, metricCell } from './helpers';

// `npm run serve -- file.parquet` (scripts/serve.mjs): DuckDB answers the views over HTTP.
const port = Number(process.env.E2E_PORT ?? 4173);
const dist = port === 4173 ? 'dist' : `.e2e-dist/${port}`;

let child: ChildProcess | null = null;
test.afterEach(() => {
  child?.kill();
  child = null;
});

function serve(...args: string[]): Promise<string> {
  child = spawn('node', ['scripts/serve.mjs', '--no-open', '--port', '0', ...args], {
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
    child!.on('exit', (code) => reject(new Error(`serve.mjs exited ${code}: ${out}`)));
  });
}

// wide-snappy.parquet: 500 rows, 3 classes; v1 is 67.0% accurate, v2 80.4% (e2e/data/README.md).
test('the overview of a Parquet file answered by DuckDB', async ({ page }) => {
  const url = await serve(dataPath('wide-snappy.parquet'));
  await page.goto(url);
  await expectRows(page, 500);
  await expect(page.getByRole('status')).toContainText('rows in DuckDB');
  await expect(await metricCell(page, 'v1', 'Accuracy')).toHaveText('67.0%');
  await expect(await metricCell(page, 'v2', 'Accuracy')).toHaveText('80.4%');
  await page.screenshot({ path: 'test-results/server-overview.png', fullPage: true });
});

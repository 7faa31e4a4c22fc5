import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { dataPath, expectRows, openEmpty, openView, pickFiles } from './helpers';

const COHORT = {
  id: 'pro',
  name: 'Pro plan',
  predicate: { op: 'in', column: 'plan', values: ['pro'] },
};

/** Count of requests for the bundled demo made by the page. */
function demoRequests(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.url().includes('/demo/')) n++;
  });
  return () => n;
}

/** Opens churn.arrow and returns a support agent's link to one of its rows, in a cohort. */
async function linkToRow(page: Page): Promise<string> {
  await openEmpty(page);
  await pickFiles(page, 'labels/churn.arrow');
  await expectRows(page, 400);
  await expect(page).toHaveURL(/ds=[0-9a-f]{8}/);
  const url = new URL(page.url());
  url.searchParams.set('row', 'C-000123');
  url.searchParams.set('view', 'rows');
  url.searchParams.set('cohorts', JSON.stringify([COHORT]));
  url.searchParams.set('active', 'pro');
  return url.pathname + url.search;
}

test('after opening an own file the URL names it, not the demo', async ({ page }) => {
  await page.goto('/');
  await expectRows(page, 4000);
  expect(page.url()).toContain('data=');
  await pickFiles(page, 'labels/churn.arrow');
  await expectRows(page, 400);
  await expect(page).toHaveURL(/ds=[0-9a-f]{8}/);
  const q = new URL(page.url()).searchParams;
  expect(q.getAll('data')).toEqual([]);
  expect(q.getAll('file')).toEqual(['churn.arrow']);
  expect(q.get('n')).toBe('400');
});

test('a link to a row of a local file asks for the file, then opens the row, cohort and view', async ({
  page,
}) => {
  const link = await linkToRow(page);
  const demo = demoRequests(page);
  await page.goto(link);
  const prompt = page.getByRole('region', { name: 'Link' });
  await expect(prompt).toContainText(
    'This link is for churn.arrow (400 rows): open them to continue.',
  );
  await expect(prompt).toContainText('Open churn.arrow again to continue');
  await expect(page.getByRole('status')).toHaveText(/No data open/);
  await page.screenshot({ path: '/tmp/owndata-link-prompt.png' });
  expect(demo()).toBe(0);
  await pickFiles(page, 'labels/churn.arrow');
  await expectRows(page, 400);
  await expect(prompt).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Row C-000123' })).toBeVisible();
  const chip = page.getByRole('region', { name: 'Cohorts' }).getByRole('button', {
    name: /^Pro plan/,
  });
  await expect(chip).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Rows' }),
  ).toHaveAttribute('aria-pressed', 'true');
  expect(demo()).toBe(0);
});

test('files that do not match the link say so, and the link applies only on request', async ({
  page,
}) => {
  const link = await linkToRow(page);
  await page.goto(link);
  await pickFiles(page, 'labels/late-flights.arrow');
  await expectRows(page, 300);
  const prompt = page.getByRole('region', { name: 'Link' });
  await expect(prompt).toContainText(
    'This link is for churn.arrow (400 rows); the files open now (late-flights.arrow, 300 rows) do not match it.',
  );
  // Nothing of the link was applied to the other data.
  await expect(page.getByRole('region', { name: 'Cohorts' })).not.toContainText('Pro plan');
  await prompt.getByRole('button', { name: 'Apply what fits' }).click();
  await expect(prompt).toHaveCount(0);
  await expect(
    page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Rows' }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('a reload after picking a file offers to reopen it in one click (kept file handle)', async ({
  page,
}) => {
  // The system picker cannot be driven headless: it is replaced by one that returns a real
  // FileSystemFileHandle (in the origin-private file system) holding churn.arrow's bytes.
  const bytes = Array.from(readFileSync(dataPath('labels/churn.arrow')));
  await page.addInitScript((content) => {
    (window as unknown as { showOpenFilePicker: unknown }).showOpenFilePicker = async () => {
      const dir = await navigator.storage.getDirectory();
      const handle = await dir.getFileHandle('churn.arrow', { create: true });
      const w = await handle.createWritable();
      await w.write(new Uint8Array(content));
      await w.close();
      return [handle];
    };
  }, bytes);
  await openEmpty(page);
  await page.getByText('Open data files…').click();
  await expectRows(page, 400);
  await openView(page, 'Rows');
  await expect(page).toHaveURL(/view=rows/);
  const demo = demoRequests(page);
  await page.reload();
  const prompt = page.getByRole('region', { name: 'Link' });
  const reopen = prompt.getByRole('button', { name: 'Reopen churn.arrow' });
  await expect(reopen).toBeVisible();
  await page.screenshot({ path: '/tmp/owndata-reopen-prompt.png' });
  await reopen.click();
  await expectRows(page, 400);
  await expect(
    page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Rows' }),
  ).toHaveAttribute('aria-pressed', 'true');
  expect(demo()).toBe(0);
});

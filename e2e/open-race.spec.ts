import { readFileSync } from 'node:fs';
import { type Page, expect, test } from '@playwright/test';
import { dataPath, expectRows, pickFiles } from './helpers';

/**
 * Holds back responses for URLs matching `pattern` by `ms` (a slow network or a large file),
 * then serves them as they are, or the bytes of a fixture.
 */
async function slowDown(page: Page, pattern: string, ms: number, fixture?: string) {
  let released = 0;
  let asked = 0;
  await page.route(pattern, async (route) => {
    asked++;
    await new Promise((r) => setTimeout(r, ms));
    released++;
    const done = fixture
      ? route.fulfill({ body: readFileSync(dataPath(fixture)) })
      : route.continue();
    await done.catch(() => undefined);
  });
  const counts = () => released;
  return Object.assign(counts, { asked: () => asked });
}

test('a file picked while the demo is still loading is not replaced by the demo', async ({
  page,
}) => {
  const released = await slowDown(page, '**/demo/digits.arrow', 2500);
  await page.goto('/');
  // The demo is on its way (its request made, its bytes held back) when the person picks a file.
  await expect.poll(released.asked).toBeGreaterThanOrEqual(1);
  await pickFiles(page, 'labels/churn.arrow');
  await expectRows(page, 400);
  await expect.poll(released, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  // Well after the demo's bytes arrived: still the user's file.
  await page.waitForTimeout(1500);
  await expectRows(page, 400);
  await expect(page.getByRole('status')).toContainText('churn.arrow');
});

test('the latest open wins: a slow link opened first does not replace a file picked later', async ({
  page,
}) => {
  const released = await slowDown(page, '**/slow/wide.arrow', 2500, 'wide.arrow');
  await page.goto('/?data=slow/wide.arrow');
  await pickFiles(page, 'labels/late-flights.arrow');
  await expectRows(page, 300);
  await expect.poll(released, { timeout: 10_000 }).toBe(1);
  await page.waitForTimeout(1500);
  await expectRows(page, 300);
});

test('Cancel while opening stops the open, and a later file opens', async ({ page }) => {
  await slowDown(page, '**/demo/flights.arrow', 2500);
  await page.goto('/?data=demo/flights.arrow');
  const progress = page.getByRole('region', { name: 'Loading progress' });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText(/No data open/);
  // Past the held-back response (if the request had started before Cancel, it is served now):
  // a loaded machine may cancel before the request reaches the network, so its count is no test.
  await page.waitForTimeout(4000);
  await expect(page.getByRole('status')).toHaveText(/No data open/);
  await pickFiles(page, 'labels/churn.arrow');
  await expectRows(page, 400);
});

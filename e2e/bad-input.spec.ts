import { test, expect } from '@playwright/test';
import { expectRows, openEmpty, pickFiles } from './helpers';

const BAD: [string, RegExp][] = [
  ['not-arrow.arrow', /truncated or corrupt|not Arrow|could not be read/],
  ['truncated.arrow', /truncated or corrupt/],
  ['corrupt-lz4.arrow', /truncated or corrupt/],
  ['list-view.arrow', /ListView/],
  ['run-end.arrow', /run-end encoded/],
];

test.describe('bad input gets a clear message and loses nothing', () => {
  for (const [name, reason] of BAD) {
    test(name, async ({ page }) => {
      await openEmpty(page);
      await pickFiles(page, 'wide.arrow');
      await expectRows(page, 500);
      await pickFiles(page, name);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(name);
      await expect(alert).toContainText(reason);
      // The dataset that was open stays open.
      await expectRows(page, 500);
      await expect(page.getByRole('table', { name: /Headline metrics/ })).toBeVisible();
    });
  }

  test('an empty table opens with 0 rows', async ({ page }) => {
    await openEmpty(page);
    await pickFiles(page, 'empty.arrow');
    await expectRows(page, 0);
  });

  test('duplicate ids are kept and reported', async ({ page }) => {
    await openEmpty(page);
    await pickFiles(page, 'dup-ids.arrow');
    await expectRows(page, 500);
    await expect(page.getByText('10 rows repeat an id of an earlier row')).toBeVisible();
  });

  test('markup in column names and values never runs', async ({ page }) => {
    await openEmpty(page);
    await pickFiles(page, 'html.arrow');
    await expectRows(page, 60);
    await page.getByText('Column roles').click();
    await expect(page.getByRole('rowheader', { name: /<img src=x onerror/ })).toBeVisible();
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.locator('main img').count()).toBe(0);
  });
});

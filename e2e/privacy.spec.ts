import { test, expect, type Request } from '@playwright/test';
import { expectRows, pickFiles } from './helpers';

/** Every request the page (and its worker) makes, collected while a person uses the app. */
function watchRequests(page: import('@playwright/test').Page): string[] {
  const urls: string[] = [];
  const record = (r: Request) => urls.push(r.url());
  page.on('request', record);
  page.context().on('request', record);
  return urls;
}

test('no request leaves for anywhere the user did not ask for', async ({ page, baseURL }) => {
  const urls = watchRequests(page);
  await page.goto('/');
  await expectRows(page, 4000);
  for (const name of ['Overview', 'Rows', 'Map', 'Compare']) {
    const tab = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name });
    if (await tab.count()) {
      await tab.click();
      await page.waitForTimeout(300);
    }
  }
  await page.getByRole('button', { name: 'New cohort' }).click();
  await page.getByRole('button', { name: 'Add condition' }).click();
  await pickFiles(page, 'wide-lz4.arrow');
  await expectRows(page, 500);
  const origin = new URL(baseURL!).origin;
  const foreign = urls.filter(
    (u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'),
  );
  expect(foreign).toEqual([]);
  expect(urls.length).toBeGreaterThan(0);
});

test('the Content-Security-Policy blocks inline script', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto('/?demo=none');
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.head.append(s);
  });
  expect(
    await page.evaluate(() => (window as unknown as { __inline?: number }).__inline),
  ).toBeUndefined();
  expect(violations.length).toBeGreaterThan(0);
});

// Opens the built app in headless Chromium and saves a screenshot (for the README and for
// looking at views by eye). Usage: node scripts/screenshot.mjs <url-path> <out.png> [width]
// Env: BASE_URL (default the preview server), FULL=0 for the viewport only, WAIT_TEXT=regex.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './ensure-chromium.mjs';

const [path = '/', out = 'docs/screenshot.png', width = '1280'] = process.argv.slice(2);
const base = process.env.BASE_URL ?? 'http://127.0.0.1:4173';
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
page.on('console', (m) => console.log(`[console.${m.type()}] ${m.text()}`));
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
await page.goto(base + path);
await page
  .getByRole('status')
  .filter({ hasText: /rows/ })
  .waitFor({ timeout: 30_000 })
  .catch(() => {});
if (process.env.WAIT_TEXT)
  await page.getByText(new RegExp(process.env.WAIT_TEXT)).first().waitFor({ timeout: 120_000 });
await page.waitForTimeout(500);
console.log('status:', await page.getByRole('status').innerText());
await page.screenshot({ path: out, fullPage: process.env.FULL !== '0' });
await browser.close();

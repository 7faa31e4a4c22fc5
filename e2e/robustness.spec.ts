import { closeSync, openSync, readFileSync, ftruncateSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { expectRows, openEmpty, pickFiles } from './helpers';

const corpusPath = (name: string) =>
  fileURLToPath(new URL(`./data/corpus/${name}`, import.meta.url));

interface Case {
  file?: string;
  reason?: string;
}
const { cases } = JSON.parse(readFileSync(corpusPath('manifest.json'), 'utf8')) as {
  cases: Case[];
};
const reasonOf = (file: string) => new RegExp(cases.find((c) => c.file === file)!.reason!, 'i');

// A handful from e2e/data/corpus: truncated, damaged metadata, absurd lengths (one of which
// makes arrow-js 21.2 loop for ever), compressed data that lies, and other formats.
const BROKEN = [
  'trunc-file-07-in-batch-body.arrow',
  'trunc-stream-19-in-batch-body.arrows',
  'flip-dictionary-index.arrow',
  'length-footer-batch-to-dictionary.arrow',
  'length-batch-length-max.arrows',
  'flip-zstd-content-size.arrows',
  'random-1k.arrow',
  'parquet.arrow',
  'json.arrow',
];

async function openGood(page: Page) {
  await openEmpty(page);
  await pickFiles(page, 'wide.arrow');
  await expectRows(page, 500);
}

test.describe('broken files: a clear alert, and the open dataset stays', () => {
  for (const name of BROKEN) {
    test(name, async ({ page }) => {
      await openGood(page);
      await page.getByLabel('Open data files').setInputFiles(corpusPath(name));
      const alert = page.getByRole('alert').filter({ hasText: name });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(reasonOf(name));
      await expectRows(page, 500);
      await expect(page.getByRole('table', { name: /Headline metrics/ })).toBeVisible();
    });
  }

  test('a good and a broken file together: the good one opens, the broken one is named', async ({
    page,
  }) => {
    await openEmpty(page);
    const names = ['base.arrow', 'trunc-file-07-in-batch-body.arrow'];
    await page.getByLabel('Open data files').setInputFiles(names.map(corpusPath));
    await expectRows(page, 40);
    await expect(page.getByRole('alert').filter({ hasText: names[1]! })).toContainText(
      /truncated or corrupt/,
    );
  });

  test('a 2 GiB file is refused before it is read', async ({ page }, testInfo) => {
    // A sparse file: 2 GiB long, no disk used, and the app must not read it.
    const path = testInfo.outputPath('huge.arrow');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, 2 * 2 ** 30);
    closeSync(fd);
    await openGood(page);
    const t0 = Date.now();
    await page.getByLabel('Open data files').setInputFiles(path);
    const alert = page.getByRole('alert').filter({ hasText: 'huge.arrow' });
    await expect(alert).toContainText(/2\.0 GiB, more than the 1\.5 GiB one file may have here/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await expectRows(page, 500);
  });
});

test('markup in data never becomes elements or runs', async ({ page }) => {
  // Record every img/script/iframe/object/embed added to the document from the start.
  await page.addInitScript(() => {
    const found: string[] = [];
    (window as unknown as { __elements: string[] }).__elements = found;
    const TAGS = /^(IMG|SCRIPT|IFRAME|OBJECT|EMBED)$/;
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (!(n instanceof Element)) continue;
          for (const el of [n, ...n.querySelectorAll('*')]) {
            if (TAGS.test(el.tagName)) found.push(el.outerHTML.slice(0, 200));
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await openEmpty(page);
  await pickFiles(page, 'html.arrow');
  await expectRows(page, 60);
  await page.getByText('Column roles').click();
  await expect(page.getByRole('rowheader', { name: /<img src=x onerror/ })).toBeVisible();
  for (const name of ['Compare', 'Rows', 'Map', 'Overview']) {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).click();
    await page.waitForTimeout(300);
  }
  const pwned = await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
  expect(pwned).toBeUndefined();
  const added = await page.evaluate(
    () => (window as unknown as { __elements: string[] }).__elements,
  );
  // The app's own bundle script is the only element of these kinds, found as the page parses.
  const own = /^<script type="module" crossorigin(="")? src="\.\/assets\/[\w.-]+\.js"><\/script>$/;
  expect(added.filter((html) => !own.test(html))).toEqual([]);
});

// The bench page: knn-top10 and engine-confusion vs DuckDB-WASM.
/* global window */
import { fileFor, SIZES } from '../generate.mjs';
import { waitForQuiet } from './machine.mjs';
import { log, round, stats } from './util.mjs';

async function benchPage(browser, pageUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`bench page error: ${e}`));
  page.on('crash', () => log('bench page crashed'));
  await page.goto(pageUrl + '/');
  await page.waitForFunction(() => window.benchReady === true);
  return { page, context };
}

export async function benchKnn(browser, pageUrl, record) {
  const { page, context } = await benchPage(browser, pageUrl);
  try {
    const n = 1_000_000;
    page.setDefaultTimeout(300_000);
    const quiet = await waitForQuiet('knn');
    const r = await page.evaluate((o) => window.bench.knn(o), {
      n,
      dim: 128,
      reps: 9,
      k: 10,
      seed: 42,
    });
    const scan = stats(r.scan);
    const topk = stats(r.topk);
    const early = stats(r.early);
    const js = stats(r.js);
    const simdTop = stats(r.simdTopk);
    const simdScan = stats(r.simdScan);
    log(
      `knn 1M×128: top-10 ${topk.median_ms} ms (first ${round(r.first)} ms), JS ${js.median_ms} ms, scan ${scan.median_ms} ms, early-abandon ` +
        `${early.median_ms} ms, wasm SIMD top-10 ${simdTop.median_ms} ms (SIMD scan ${simdScan.median_ms} ms)`,
    );
    record({
      name: 'knn-top10',
      rows: n,
      ...topk,
      baseline: { name: 'typed-array-scan', median_ms: scan.median_ms },
      ratio_to_baseline: round(topk.median_ms / scan.median_ms, 2),
      method:
        "the engine's nearest (src/engine/neighbors): wasm SIMD float32 scan, k + 32 candidates " +
        're-ranked in double precision (exact; checked equal to the JS scan every query), in a worker',
      first_query_ms: round(r.first),
      first_query_note: 'the first search copies the column into WebAssembly memory',
      variants: {
        'JS exact scan (simd: false)': js,
        'early-abandon (JS, exact)': early,
        'wasm-simd l2 + JS top-10': {
          ...simdTop,
          baseline: { name: 'wasm-simd dot scan', median_ms: simdScan.median_ms },
          ratio_to_baseline: round(simdTop.median_ms / simdScan.median_ms, 2),
          order_differs_from_js: `${r.simdMismatches} of ${r.simdTopk.length} queries (float32 sums)`,
        },
      },
      dim: 128,
      checked_against_full_sort: true,
      machine_busy_before: quiet.busy_before,
    });
  } finally {
    await context.close();
  }
}

export async function benchConfusion(browser, pageUrl, sizes, record) {
  const { page, context } = await benchPage(browser, pageUrl);
  page.setDefaultTimeout(600_000);
  try {
    for (const size of sizes) {
      const rows = SIZES[size];
      await page.getByLabel('Bench data file').setInputFiles(fileFor(size));
      const loaded = await page.evaluate(() => window.bench.load());
      log(`confusion ${size}: loaded (${JSON.stringify(loaded)})`);
      const reps = size === '10m' ? 7 : 11;
      const quiet = await waitForQuiet(`confusion ${size}`);
      const r = await page.evaluate((o) => window.bench.confusion(o), { reps, warmup: 2 });
      const engine = stats(r.engine);
      const duckTwo = stats(r.duckTwo);
      const duckGs = stats(r.duckGroupingSets);
      const bestDuck = duckGs.median_ms < duckTwo.median_ms ? duckGs : duckTwo;
      log(
        `confusion ${size}: engine ${engine.median_ms} ms (compute ${stats(r.engineCompute).median_ms}), ` +
          `duckdb two queries ${duckTwo.median_ms} ms, grouping sets ${duckGs.median_ms} ms`,
      );
      record({
        name: 'engine-confusion',
        rows,
        ...engine,
        baseline: { name: 'duckdb-wasm', median_ms: bestDuck.median_ms },
        speedup: round(bestDuck.median_ms / engine.median_ms, 1),
        what:
          'cohort f_num0 BETWEEN a AND b AND f_cat0 IN (3 codes) → two 10×10 confusion matrices ' +
          '(pred_v1, pred_v2); engine = mask + matrices in a worker, timed around the round trip',
        cohort_rows_median: stats(r.cohortRows).median_ms,
        engine_compute_ms: stats(r.engineCompute),
        engine_mask_ms: stats(r.engineMask).median_ms,
        engine_matrices_ms: stats(r.engineMatrices).median_ms,
        fused_single_pass_ms: stats(r.fused),
        duckdb: {
          bundle: loaded.bundle,
          version: loaded.duckdbVersion,
          two_group_by_queries: duckTwo,
          grouping_sets_query: duckGs,
          ingest_ms: round(loaded.ingestMs, 0),
        },
        machine_busy_before: quiet.busy_before,
      });
      await page.evaluate(() => window.bench.dropData());
    }
  } finally {
    await context.close();
  }
}

// `node bench/serverViews.mjs [rows]`: the server-mode views of issue 17's second part — the
// slice finder, nearest neighbours and Compare with log loss / Brier — timed over HTTP on Parquet
// that DuckDB writes (binary task, 10 numeric features, a segment, two scores, a 32-float
// embedding), each against a bare DuckDB query asking the same question. Median of 3. Not part
// of npm test; numbers go by hand into bench/RESULTS.md.
import { loadavg } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { api, medianOf, serverParquet, startServer } from './lib/serverHarness.mjs';

const N = Number(process.argv[2] ?? 1_000_000);
// `node bench/serverViews.mjs 1000000 map`: only the Map and find-by-id steps.
const ONLY_MAP = process.argv[3] === 'map';
const REPS = 3;

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');
console.log(`load average before: ${load()}`);
const file = await serverParquet('views', N, { embedding: true });
const bare = await (await DuckDBInstance.create(':memory:')).connect();
const q = async (sql) => (await bare.runAndReadAll(sql)).getRowObjectsJS();
const src = `read_parquet('${file}')`;
const s = await startServer(file);
const opened = await api(s, 'open', [], null, 1);
const roles = { ...opened.summary.inferred, embeddings: ['embedding'] };
await api(s, 'analyse', roles);
const rows = [];
const report = (name, a, b) => {
  rows.push([name, a, b]);
  console.log(name, a.toFixed(0), b.toFixed(0));
};
process.on('exit', () => s?.child.kill());
const slices = (maxConditions) => ({
  mode: 'failure',
  version: 'v2',
  baseline: null,
  bins: 5,
  minSize: null,
  maxConditions,
  cohort: null,
});
// Bare: the counts of every feature's 5 bins and every pair of them, in one GROUPING SETS scan.
const bins = Array.from({ length: 10 }, (_, j) => `floor(f${j} / 20) AS b${j}`).concat(
  'segment AS b10',
);
const sets = [];
for (let a = 0; a < 11; a++) {
  sets.push(`(b${a})`);
  for (let b = a + 1; b < 11; b++) sets.push(`(b${a}, b${b})`);
}
const bareSlices = () =>
  q(
    `SELECT count(*), sum(w) FROM (SELECT CAST((score_v2 >= 0.5) <> (label = 1) AS INTEGER) AS w, ${bins.join(', ')} FROM ${src}) GROUP BY GROUPING SETS (${sets.join(', ')})`,
  );
// The Map: a hashed sample of ≤ 50k rows, the PCA of its vectors (first request: nothing cached),
// colours of the sample, and a box over the PCA layout that selects every row inside (SQL).
{
  const t0 = performance.now();
  const layout = await api(s, 'layout', 'embedding');
  const first = performance.now() - t0;
  const bareSample = await medianOf(REPS, () =>
    q(`SELECT id, embedding FROM ${src} USING SAMPLE 50000 ROWS`),
  );
  report(
    `map layout: PCA of a ${Math.min(50_000, N).toLocaleString('en')}-row sample (first request)`,
    first,
    bareSample,
  );
  const colours = await medianOf(REPS, () =>
    api(s, 'pointColors', { kind: 'outcome', version: 'v2' }, 'embedding', null),
  );
  report('map colours of the sample (v2 correct / wrong)', colours, bareSample);
  const { minX, maxX, minY, maxY } = layout.bounds;
  const [mx, my] = [(minX + maxX) / 2, (minY + maxY) / 2];
  const box = [minX, minY, mx, minY, mx, my, minX, my];
  let sel = null;
  const lasso = await medianOf(
    REPS,
    async () => (sel = await api(s, 'selectRows', 'embedding', box)),
  );
  // Bare: the rows whose projection on two fixed axes falls in a box (DuckDB's list functions).
  const axis = (k) =>
    `[${Array.from({ length: 32 }, (_, j) => ((j * 7 + k) % 5) / 10).join(', ')}]::FLOAT[32]`;
  const bareBox = await medianOf(REPS, () =>
    q(
      `SELECT count(*) FROM (SELECT list_dot_product(embedding, ${axis(1)}) AS x, list_dot_product(embedding, ${axis(2)}) AS y FROM ${src}) WHERE x BETWEEN 1 AND 3 AND y BETWEEN 1 AND 3`,
    ),
  );
  report(`map box over every row (${sel.count} rows inside)`, lasso, bareBox);
  const id = String(Math.floor(N / 3));
  const detail = { row: id, cohort: null, cohorts: [] };
  const fast = await medianOf(REPS, () => api(s, 'rowDetail', { ...detail, ranks: false }));
  const full = await medianOf(REPS, () => api(s, 'rowDetail', detail));
  const bareFind = await medianOf(REPS, () => q(`SELECT * FROM ${src} WHERE id = ${id}`));
  report('find by id: the row shown (ranks: false)', fast, bareFind);
  report('find by id: with its percentiles (full scan)', full, bareFind);
}
for (const k of ONLY_MAP ? [] : [2, 3]) {
  let found = null;
  const ms = await medianOf(REPS, async () => (found = await api(s, 'findSlices', slices(k))));
  const name = `slice finder, up to ${k} conditions (${found.results.length} slices, ${found.tested} tested)`;
  report(name, ms, k === 2 ? await medianOf(REPS, bareSlices) : NaN);
}
if (!ONLY_MAP) {
  const nb = { row: 12345, k: 10, metric: 'cosine', embedding: 'embedding', cohort: null };
  const knn = await medianOf(REPS, () => api(s, 'neighbours', nb));
  const bareKnn = await medianOf(REPS, () =>
    q(
      `WITH q AS (SELECT embedding AS v FROM ${src} WHERE id = 12345) SELECT id, 1 - list_cosine_similarity(embedding, q.v) AS d FROM ${src}, q WHERE id <> 12345 ORDER BY d, id LIMIT 10`,
    ),
  );
  report('nearest neighbours (k = 10, cosine, 32 dims)', knn, bareKnn);
  const cmp = await medianOf(REPS, () =>
    api(s, 'compare', { baseline: 'v1', cohorts: [], resamples: 0, seed: 1 }),
  );
  const bareLoss = await medianOf(REPS, () =>
    q(
      `SELECT avg(-ln(least(1 - 2.220446049250313e-16, greatest(2.220446049250313e-16, CASE WHEN label = 1 THEN score_v1 ELSE 1 - score_v1 END)))), avg((score_v1 - label) * (score_v1 - label)), avg(-ln(least(1 - 2.220446049250313e-16, greatest(2.220446049250313e-16, CASE WHEN label = 1 THEN score_v2 ELSE 1 - score_v2 END)))), avg((score_v2 - label) * (score_v2 - label)) FROM ${src}`,
    ),
  );
  report('compare first numbers incl. log loss, Brier (bare: the losses only)', cmp, bareLoss);
  const cmp20 = await medianOf(REPS, () =>
    api(s, 'compare', { baseline: 'v1', cohorts: [], resamples: 20, seed: 1 }),
  );
  report('compare with 20 resamples (AUC, PR-AUC, log loss, Brier intervals)', cmp20, NaN);
}
s.child.kill();
console.log(`rows: ${N}; load average after: ${load()}`);
console.log('| step | server | bare DuckDB | ratio |\n|---|---:|---:|---:|');
for (const [name, a, b] of rows)
  console.log(
    `| ${name} | ${a.toFixed(0)} ms | ${Number.isNaN(b) ? '—' : `${b.toFixed(0)} ms`} | ${Number.isNaN(b) ? '—' : `${(a / b).toFixed(1)}×`} |`,
  );

// `node bench/serverViews.mjs [rows]`: the server-mode views of issue 17's second part — the
// slice finder, nearest neighbours and Compare with log loss / Brier — timed over HTTP on Parquet
// that DuckDB writes (binary task, 10 numeric features, a segment, two scores, a 32-float
// embedding), each against a bare DuckDB query asking the same question. Median of 3. Not part
// of npm test; numbers go by hand into bench/RESULTS.md.
import { loadavg } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { api, medianOf, serverParquet, startServer } from './lib/serverHarness.mjs';

const N = Number(process.argv[2] ?? 1_000_000);
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
for (const k of [2, 3]) {
  let found = null;
  const ms = await medianOf(REPS, async () => (found = await api(s, 'findSlices', slices(k))));
  const name = `slice finder, up to ${k} conditions (${found.results.length} slices, ${found.tested} tested)`;
  report(name, ms, k === 2 ? await medianOf(REPS, bareSlices) : NaN);
}
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
s.child.kill();
console.log(`rows: ${N}; load average after: ${load()}`);
console.log('| step | server | bare DuckDB | ratio |\n|---|---:|---:|---:|');
for (const [name, a, b] of rows)
  console.log(
    `| ${name} | ${a.toFixed(0)} ms | ${Number.isNaN(b) ? '—' : `${b.toFixed(0)} ms`} | ${Number.isNaN(b) ? '—' : `${(a / b).toFixed(1)}×`} |`,
  );

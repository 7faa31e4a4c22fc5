// `node bench/serverViews.mjs [rows]`: the server-mode views of issue 17's second part — the
// slice finder, nearest neighbours and Compare with log loss / Brier — timed over HTTP on Parquet
// that DuckDB writes (binary task, 10 numeric features, a segment, two scores, a 32-float
// embedding), each against a bare DuckDB query asking the same question. Median of 3. Not part
// of npm test; numbers go by hand into bench/RESULTS.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = join(ROOT, 'bench', 'data', 'server');
const N = Number(process.argv[2] ?? 1_000_000);
const REPS = 3;

async function generate(n) {
  const path = join(DATA, `views_${n}.parquet`);
  if (existsSync(path)) return path;
  mkdirSync(DATA, { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const f = Array.from({ length: 10 }, (_, j) => `(hash(i, ${j}) % 10000) / 100.0 AS f${j}`);
  const e = Array.from({ length: 32 }, (_, j) => `((hash(i, 'e${j}') % 2001) / 1000.0 - 1)::FLOAT`);
  await c.run(`COPY (
    SELECT i AS id, CAST(hash(i, 'y') % 3 = 0 AS INTEGER) AS label,
      ['north', 'south', 'east', 'west'][CAST(hash(i, 's') % 4 AS INTEGER) + 1] AS segment,
      ${f.join(', ')},
      least(1.0, greatest(0.0, CAST(hash(i, 'y') % 3 = 0 AS INTEGER) * 0.35 + (hash(i, 'a') % 1000) / 1540.0)) AS score_v1,
      least(1.0, greatest(0.0, CAST(hash(i, 'y') % 3 = 0 AS INTEGER) * 0.45 + (hash(i, 'b') % 1000) / 1820.0)) AS score_v2,
      [${e.join(', ')}] AS embedding
    FROM range(${n}) t(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 122880)`);
  c.closeSync();
  db.closeSync();
  return path;
}

function startServer(file) {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'scripts/serve.mjs'), '--no-open', '--port', '0', file],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((ok, fail) => {
    let out = '';
    child.stderr.on('data', (d) => (out += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/[^/]+\/\?server=([^&\s]+)/.exec(out);
      if (m) ok({ child, port: m[1], token: m[2] });
    });
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
  });
}

async function api(s, method, ...args) {
  const res = await fetch(`http://127.0.0.1:${s.port}/api/${method}`, {
    method: 'POST',
    headers: { 'x-workbench-token': s.token, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error}`);
  return body.ok;
}

async function time(fn) {
  const t = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    await fn(r);
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');
console.log(`load average before: ${load()}`);
const file = await generate(N);
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
  const ms = await time(async () => (found = await api(s, 'findSlices', slices(k))));
  const name = `slice finder, up to ${k} conditions (${found.results.length} slices, ${found.tested} tested)`;
  report(name, ms, k === 2 ? await time(bareSlices) : NaN);
}
const nb = { row: 12345, k: 10, metric: 'cosine', embedding: 'embedding', cohort: null };
const knn = await time(() => api(s, 'neighbours', nb));
const bareKnn = await time(() =>
  q(
    `WITH q AS (SELECT embedding AS v FROM ${src} WHERE id = 12345) SELECT id, 1 - list_cosine_similarity(embedding, q.v) AS d FROM ${src}, q WHERE id <> 12345 ORDER BY d, id LIMIT 10`,
  ),
);
report('nearest neighbours (k = 10, cosine, 32 dims)', knn, bareKnn);
const cmp = await time(() =>
  api(s, 'compare', { baseline: 'v1', cohorts: [], resamples: 0, seed: 1 }),
);
const bareLoss = await time(() =>
  q(
    `SELECT avg(-ln(least(1 - 2.220446049250313e-16, greatest(2.220446049250313e-16, CASE WHEN label = 1 THEN score_v1 ELSE 1 - score_v1 END)))), avg((score_v1 - label) * (score_v1 - label)), avg(-ln(least(1 - 2.220446049250313e-16, greatest(2.220446049250313e-16, CASE WHEN label = 1 THEN score_v2 ELSE 1 - score_v2 END)))), avg((score_v2 - label) * (score_v2 - label)) FROM ${src}`,
  ),
);
report('compare first numbers incl. log loss, Brier (bare: the losses only)', cmp, bareLoss);
const cmp20 = await time(() =>
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

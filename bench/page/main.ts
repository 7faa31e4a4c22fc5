// The bench page: orchestrates the compute worker (our kernels) and DuckDB-WASM (the baseline)
// in one page, so both are timed side by side on the same machine state. bench/lib/page.mjs and
// bench/lib/open/once.mjs call window.bench.* through Playwright.
import * as Comlink from 'comlink';
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { BenchWorkerApi, CohortSpec } from './bench.worker';
import { oldDuckdbOpen } from './oldDuckdb';

const worker = Comlink.wrap<BenchWorkerApi>(
  new Worker(new URL('./bench.worker.ts', import.meta.url), { type: 'module' }),
);

const logEl = document.getElementById('log');
function log(line: string) {
  if (logEl) logEl.textContent += `${line}\n`;
}

let db: duckdb.AsyncDuckDB | null = null;
let conn: duckdb.AsyncDuckDBConnection | null = null;
let bundleName = '';

/** DuckDB-WASM from the locally served bundles (no CDN): eh if the browser has it, else mvp. */
async function duckdbConnection(): Promise<duckdb.AsyncDuckDBConnection> {
  if (conn) return conn;
  const bundles: duckdb.DuckDBBundles = {
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
  };
  const bundle = await duckdb.selectBundle(bundles);
  bundleName = bundle.mainModule === ehWasm ? 'eh' : 'mvp';
  const w = new Worker(bundle.mainWorker!);
  db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), w);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  conn = await db.connect();
  return conn;
}

function fileInput(): File {
  const input = document.getElementById('data') as HTMLInputElement | null;
  const f = input?.files?.[0];
  if (!f) throw new Error('choose a data file first');
  return f;
}

function whereClause(spec: CohortSpec, dictionary: string[]): string {
  const codes = spec.categories.map((c) => dictionary.indexOf(c)).filter((c) => c >= 0);
  return `f_num0 BETWEEN ${spec.lo} AND ${spec.hi} AND f_cat0 IN (${codes.join(', ')})`;
}

/** k×k matrix from rows of (label, pred, n). */
function matrixFrom(rows: { l: number; p: number; n: number }[], k: number): Float64Array {
  const cm = new Float64Array(k * k);
  for (const r of rows) if (r.l >= 0 && r.l < k && r.p >= 0 && r.p < k) cm[r.l * k + r.p] = r.n;
  return cm;
}

function sameMatrix(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

let dictionary: string[] = [];

const bench = {
  async knn(opts: { n: number; dim: number; reps: number; k: number; seed: number }) {
    const setup = await worker.knnSetup(opts.n, opts.dim, opts.seed);
    log(`knn: ${opts.n} × ${opts.dim} generated in ${setup.ms.toFixed(0)} ms`);
    // One untimed warm-up rep so the kernels are optimized before timing.
    await worker.knnRun(1, opts.k, opts.seed + 1, true);
    const r = await worker.knnRun(opts.reps, opts.k, opts.seed + 2, false);
    await worker.knnFree();
    return { ...r, setupMs: setup.ms, bytes: setup.bytes };
  },

  /** The floor of an open: read + parse the chosen file in a worker (timed in the worker). */
  async readFloor() {
    return worker.readFloor(fileInput());
  },

  /** Reads the chosen file in the worker and loads the same columns into DuckDB. */
  async load() {
    const file = fileInput();
    const c = await duckdbConnection();
    const r = await worker.load(file);
    dictionary = r.dictionary;
    const t0 = performance.now();
    await c.query('DROP TABLE IF EXISTS t');
    await c.insertArrowFromIPCStream(r.ipc, { name: 't', create: true });
    const ingestMs = performance.now() - t0;
    const count = await c.query('SELECT count(*)::INTEGER AS n FROM t');
    const rows = Number(count.getChildAt(0)?.get(0));
    log(`loaded ${r.rows} rows (DuckDB: ${rows}, bundle ${bundleName})`);
    const version = await c.query('SELECT version() AS v');
    return {
      rows: r.rows,
      duckdbRows: rows,
      bundle: bundleName,
      duckdbVersion: String(version.getChildAt(0)?.get(0)),
      readMs: r.readMs,
      prepareMs: r.prepareMs,
      ingestMs,
    };
  },

  /**
   * One rep = our engine (mask + two matrices, timed around the worker round trip and inside
   * it), the fused variant, DuckDB with two GROUP BY queries, DuckDB with one GROUPING SETS
   * query. Results are checked equal every rep.
   */
  async confusion(opts: { reps: number; warmup: number }) {
    const c = await duckdbConnection();
    const out = {
      engine: [] as number[],
      engineCompute: [] as number[],
      engineMask: [] as number[],
      engineMatrices: [] as number[],
      fused: [] as number[],
      duckTwo: [] as number[],
      duckGroupingSets: [] as number[],
      cohortRows: [] as number[],
    };
    for (let r = -opts.warmup; r < opts.reps; r++) {
      const step = Math.max(0, r) * 0.01;
      // Bounds exactly representable in float32: DuckDB casts the literal to the column's type
      // (FLOAT) while JS compares the float32 value as a double, so other bounds would differ.
      const spec: CohortSpec = {
        lo: Math.fround(-0.5 + step),
        hi: Math.fround(1.25 - step),
        categories: ['c0_000', 'c0_002', 'c0_003'],
      };
      const where = whereClause(spec, dictionary);

      let t = performance.now();
      const e = await worker.confusion(spec);
      const engineMs = performance.now() - t;

      const f = await worker.confusionFused(spec);

      t = performance.now();
      const q1 = await c.query(
        `SELECT label AS l, pred_v1 AS p, count(*)::INTEGER AS n FROM t WHERE ${where} GROUP BY ALL`,
      );
      const q2 = await c.query(
        `SELECT label AS l, pred_v2 AS p, count(*)::INTEGER AS n FROM t WHERE ${where} GROUP BY ALL`,
      );
      const duckTwoMs = performance.now() - t;

      t = performance.now();
      const gs = await c.query(
        `SELECT label AS l, pred_v1 AS p1, pred_v2 AS p2, GROUPING(pred_v1)::INTEGER AS g,
                count(*)::INTEGER AS n
         FROM t WHERE ${where}
         GROUP BY GROUPING SETS ((label, pred_v1), (label, pred_v2))`,
      );
      const duckGsMs = performance.now() - t;

      const rows1 = q1.toArray().map((x) => ({ l: Number(x.l), p: Number(x.p), n: Number(x.n) }));
      const rows2 = q2.toArray().map((x) => ({ l: Number(x.l), p: Number(x.p), n: Number(x.n) }));
      const gsRows = gs.toArray().map((x) => ({
        l: Number(x.l),
        p1: Number(x.p1),
        p2: Number(x.p2),
        g: Number(x.g),
        n: Number(x.n),
      }));
      const d1 = matrixFrom(rows1, 10);
      const d2 = matrixFrom(rows2, 10);
      const g1 = matrixFrom(
        gsRows.filter((x) => x.g === 0).map((x) => ({ l: x.l, p: x.p1, n: x.n })),
        10,
      );
      const g2 = matrixFrom(
        gsRows.filter((x) => x.g === 1).map((x) => ({ l: x.l, p: x.p2, n: x.n })),
        10,
      );
      const cm1 = new Float64Array(e.cm1);
      const cm2 = new Float64Array(e.cm2);
      if (
        !sameMatrix(cm1, d1) ||
        !sameMatrix(cm2, d2) ||
        !sameMatrix(cm1, g1) ||
        !sameMatrix(cm2, g2) ||
        !sameMatrix(cm1, new Float64Array(f.cm1)) ||
        !sameMatrix(cm2, new Float64Array(f.cm2))
      ) {
        throw new Error(`confusion matrices differ between the engine and DuckDB (rep ${r})`);
      }
      if (r < 0) continue;
      out.engine.push(engineMs);
      out.engineCompute.push(e.computeMs);
      out.engineMask.push(e.maskMs);
      out.engineMatrices.push(e.matricesMs);
      out.fused.push(f.computeMs);
      out.duckTwo.push(duckTwoMs);
      out.duckGroupingSets.push(duckGsMs);
      out.cohortRows.push(e.size);
    }
    return out;
  },

  /**
   * The baseline of opening a Parquet or CSV file: DuckDB-WASM reads the chosen file (registered
   * as a browser file handle, so it reads what it needs) into an Arrow table on this thread:
   * `SELECT * FROM read_parquet(…)` / `read_csv(…)`. Timed from the call to the table in hand;
   * DuckDB's start-up is done before.
   */
  async duckdbOpen(kind: 'parquet' | 'csv', mode = 'handle', sql = '*', release = 'current') {
    const file = fileInput();
    if (release === 'old') return oldDuckdbOpen(file, kind, sql);
    const c = await duckdbConnection();
    const t0 = performance.now();
    if (mode === 'buffer')
      await db!.registerFileBuffer(file.name, new Uint8Array(await file.arrayBuffer()));
    else
      await db!.registerFileHandle(
        file.name,
        file,
        duckdb.DuckDBDataProtocol.BROWSER_FILEREADER,
        true,
      );
    const fn = kind === 'parquet' ? 'read_parquet' : 'read_csv';
    const table = await c.query(`SELECT ${sql} FROM ${fn}('${file.name}')`);
    const ms = performance.now() - t0;
    const out = { ms, rows: table.numRows, columns: table.numCols, bundle: bundleName };
    await db!.dropFile(file.name);
    return out;
  },

  async dropData() {
    if (conn) await conn.query('DROP TABLE IF EXISTS t');
  },
};

declare global {
  interface Window {
    bench: typeof bench;
    benchReady: boolean;
  }
}
window.bench = bench;
window.benchReady = true;
log('ready');

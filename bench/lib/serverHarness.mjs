// What the server-mode benches (bench/server.mjs, bench/serverViews.mjs) share: the Parquet file
// DuckDB writes, the server started on it, a request over HTTP, and a median of repeats.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT } from './config.mjs';

export const SERVER_DATA = join(ROOT, 'bench', 'data', 'server');

/**
 * bench/data/server/<name>_<n>.parquet (written once): a binary task with an id, a segment, 10
 * numeric features and two scores; with `embedding`, a 32-float list as well.
 */
export async function serverParquet(name, n, { embedding = false } = {}) {
  const path = join(SERVER_DATA, `${name}_${n}.parquet`);
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const f = Array.from({ length: 10 }, (_, j) => `(hash(i, ${j}) % 10000) / 100.0 AS f${j}`);
  const e = Array.from({ length: 32 }, (_, j) => `((hash(i, 'e${j}') % 2001) / 1000.0 - 1)::FLOAT`);
  const label = `CAST(hash(i, 'y') % 3 = 0 AS INTEGER)`;
  await c.run(`COPY (
    SELECT i AS id, ${label} AS label,
      ['north', 'south', 'east', 'west'][CAST(hash(i, 's') % 4 AS INTEGER) + 1] AS segment,
      ${f.join(', ')},
      least(1.0, greatest(0.0, ${label} * 0.35 + (hash(i, 'a') % 1000) / 1540.0)) AS score_v1,
      least(1.0, greatest(0.0, ${label} * 0.45 + (hash(i, 'b') % 1000) / 1820.0)) AS score_v2
      ${embedding ? `, [${e.join(', ')}] AS embedding` : ''}
    FROM range(${n}) t(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 122880)`);
  c.closeSync();
  db.closeSync();
  return path;
}

/**
 * The server's source tree for `--app`: this work tree, or a commit exported (git archive) to
 * <tmp>/workbench-server-app-<rev> (outside the tree: no test runner or linter finds it) with this
 * tree's node_modules, so main can be measured beside the
 * branch.
 */
export function serverRoot(app = 'worktree') {
  if (app === 'worktree') return ROOT;
  const rev = execFileSync('git', ['rev-parse', '--short', app], { cwd: ROOT }).toString().trim();
  const dir = join(tmpdir(), `workbench-server-app-${rev}`);
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${rev} | tar -x -C "${dir}"`], { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  }
  return dir;
}

/**
 * `npm run serve` on the file: resolves to { child, port, token } once it prints its address.
 * `root`: the source tree to run it from (serverRoot); `onLog`: each stderr line (with
 * `sqlLog`, the statements the server runs and their times, served.ts).
 */
export function startServer(file, { root = ROOT, sqlLog = false, onLog = null } = {}) {
  // The benches call only the API: a placeholder app, touched now so serve.mjs sees it newer
  // than the sources and skips the app's build (the server's own build still follows src).
  const dist = join(SERVER_DATA, 'app-placeholder');
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>bench</title>');
  const child = spawn(
    process.execPath,
    [join(root, 'scripts/serve.mjs'), '--no-open', '--port', '0', file],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        WORKBENCH_DIST: dist,
        ...(sqlLog ? { WORKBENCH_SQL_LOG: sqlLog === true ? '1' : sqlLog } : {}),
      },
    },
  );
  return new Promise((ok, fail) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      if (!onLog) return void (out += d);
      err += d;
      const lines = err.split('\n');
      err = lines.pop();
      lines.forEach(onLog);
    });
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/[^/]+\/\?server=([^&\s]+)/.exec(out);
      if (m) ok({ child, port: m[1], token: m[2] });
    });
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
  });
}

/** One protocol request to the server, as the page sends it. */
export async function api(s, method, ...args) {
  const res = await fetch(`http://127.0.0.1:${s.port}/api/${method}`, {
    method: 'POST',
    headers: { 'x-workbench-token': s.token, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error}`);
  return body.ok;
}

/** Median wall time of `reps` calls of fn(rep). */
export async function medianOf(reps, fn) {
  const t = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    await fn(r);
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
}

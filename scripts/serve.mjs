// `npm run serve -- data/preds_*.parquet` (also a directory of Parquet parts, or a glob in
// quotes): builds the app and the server if their sources changed, then starts the server
// (src/server/main.ts) over the files. Flags go through: --no-open, --port N, --threads N.
// The server code is bundled by Vite (SSR build) into .server-dist/, so it reuses src/engine and
// src/data as they are, with no second copy.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Newest modification time under a folder (a build is stale when a source is newer). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'public')));
const stale = (file) => !existsSync(file) || statSync(file).mtimeMs < sources;

const dist = resolve(ROOT, process.env.WORKBENCH_DIST ?? 'dist');
if (stale(join(dist, 'index.html'))) run('npx', ['vite', 'build', '--outDir', dist]);

const serverDist = resolve(ROOT, process.env.WORKBENCH_SERVER_DIST ?? '.server-dist');
const entry = join(serverDist, 'main.js');
if (stale(entry))
  run('npx', ['vite', 'build', '--config', 'vite.server.config.ts', '--outDir', serverDist]);

// In this process (not a child), so stopping this script stops the server.
process.env.INIT_CWD ??= process.cwd();
process.argv = [process.argv[0], entry, '--dist', dist, ...process.argv.slice(2)];
await import(pathToFileURL(entry).href);

// `npm start`: with no arguments, builds and serves the app on http://127.0.0.1:4173 (the demo).
// `npm start -- eval.arrow more.arrow`: builds if needed, serves the app and exactly those files,
// read-only, on 127.0.0.1 at a random port under an unguessable path (no listing, nothing else
// from disk), and opens the app on them. Flags: --no-open (print the address only).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const noOpen = args.includes('--no-open');
// npm runs scripts in the package folder; paths are the user's, relative to where they typed.
const cwd = process.env.INIT_CWD ?? process.cwd();
const paths = args.filter((a) => !a.startsWith('--')).map((p) => resolve(cwd, p));

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (paths.length === 0) {
  run('npx', ['vite', 'build']);
  run('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', '4173', '--open', '/']);
  process.exit(0);
}

for (const p of paths) {
  if (!existsSync(p) || !statSync(p).isFile()) {
    console.error(`Not a file: ${p}`);
    process.exit(1);
  }
}

/** Newest modification time under a folder (the build is stale when a source is newer). */
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const dist = resolve(ROOT, process.env.WORKBENCH_DIST ?? 'dist');
const built = join(dist, 'index.html');
const sources = Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'public')));
if (!existsSync(built) || statSync(built).mtimeMs < sources)
  run('npx', ['vite', 'build', '--outDir', dist]);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.arrow': 'application/vnd.apache.arrow.file',
};

const token = randomBytes(18).toString('base64url');
const base = `/${token}/`;
// Each file is served at files/<index>/<its name>; nothing else from the user's disk.
const files = paths.map((p, i) => ({
  path: p,
  url: `files/${i}/${encodeURIComponent(basename(p))}`,
}));

function send(res, path, type) {
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': statSync(path).size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  createReadStream(path).pipe(res);
}

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  const notFound = () => {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found');
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return notFound();
  if (!path.startsWith(base)) return notFound();
  const rest = path.slice(base.length);
  const file = files.find((f) => f.url === rest);
  if (file) return send(res, file.path, 'application/octet-stream');
  let name;
  try {
    name = decodeURIComponent(rest || 'index.html');
  } catch {
    return notFound();
  }
  const target = resolve(dist, name);
  // Only files inside the build; no directories, so no listing.
  if (!target.startsWith(dist + sep) || !existsSync(target) || !statSync(target).isFile())
    return notFound();
  send(res, target, TYPES[extname(target)] ?? 'application/octet-stream');
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const query = files.map((f) => `data=${encodeURIComponent(f.url)}`).join('&');
  const url = `http://127.0.0.1:${port}${base}?${query}`;
  console.log(`Model Workbench on ${paths.map((p) => basename(p)).join(', ')}:`);
  console.log(url);
  console.log('Serving these files read-only to this machine only; Ctrl+C stops.');
  if (noOpen) return;
  const opener =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  spawn(opener[0], opener[1], { stdio: 'ignore', detached: true })
    .on('error', () => console.log('Open the address above in a browser.'))
    .unref();
});

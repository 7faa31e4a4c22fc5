// `npm run serve -- <files|glob|dir>` after scripts/serve.mjs has built the app and this file:
// DuckDB over the Parquet files in place (read-only, locked), the app and its API on 127.0.0.1
// at a random port under an unguessable token. Flags: --no-open, --port N, --threads N, --table T (of a .duckdb file),
// --map-sample N (points the Map draws at most; default 50,000).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { InputError, resolveInputs } from './inputs';
import { openServed } from './served';
import { ServerBackend } from './backend/backend';
import { MAP_SAMPLE } from './backend/map';
import { createApp } from './http';
import { CancelledError } from './supersede';

interface Args {
  paths: string[];
  open: boolean;
  port: number;
  threads: number | undefined;
  dist: string;
  table: string | null;
  mapSample: number;
}

function parse(argv: string[]): Args {
  const out: Args = {
    paths: [],
    open: true,
    port: 0,
    threads: undefined,
    dist: '',
    table: null,
    mapSample: MAP_SAMPLE,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--no-open') out.open = false;
    else if (a === '--port') out.port = Number(argv[++i]);
    else if (a === '--threads') out.threads = Number(argv[++i]);
    else if (a === '--dist') out.dist = argv[++i] ?? '';
    else if (a === '--table') out.table = argv[++i] ?? '';
    else if (a === '--map-sample') out.mapSample = Number(argv[++i]);
    else if (a.startsWith('--')) throw new InputError(`Unknown option ${a}`);
    else out.paths.push(a);
  }
  if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535)
    throw new InputError('--port takes a port number (0 = any free port)');
  if (!Number.isInteger(out.mapSample) || out.mapSample < 1 || out.mapSample > 1_000_000)
    throw new InputError('--map-sample takes the number of points the Map draws (1 to 1,000,000)');
  return out;
}

function openBrowser(url: string) {
  const opener =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  spawn(opener[0] as string, opener[1] as string[], { stdio: 'ignore', detached: true })
    .on('error', () => console.log('Open the address above in a browser.'))
    .unref();
}

async function main() {
  const args = parse(process.argv.slice(2));
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const inputs = await resolveInputs(args.paths, cwd, args.table);
  const files = inputs.files;
  const db = await openServed(inputs, args.threads);
  const backend = new ServerBackend(db, args.mapSample);
  const token = randomBytes(24).toString('base64url');
  const server = createApp({
    token,
    dist: args.dist || null,
    api: backend,
    log: (l) => console.error(l),
  });
  server.listen(args.port, '127.0.0.1', () => {
    const a = server.address();
    const port = typeof a === 'object' && a ? a.port : 0;
    const name =
      inputs.format === 'duckdb' && args.table
        ? `${basename(files[0]!)} (${args.table})`
        : files.length === 1
          ? basename(files[0]!)
          : `${files.length} ${inputs.format === 'csv' ? 'CSV' : 'Parquet'} parts`;
    const url = `http://127.0.0.1:${port}/${token}/?server=${token}&data=${encodeURIComponent(`duckdb/${name}`)}`;
    console.log(`Model Workbench over DuckDB: ${name}, ${db.rowCount.toLocaleString('en')} rows`);
    console.log(url);
    const how =
      inputs.format === 'csv'
        ? 'Loaded into memory (the files untouched)'
        : 'Reading the files in place, read-only';
    console.log(`${how}, for this machine only; Ctrl+C stops.`);
    if (args.open) openBrowser(url);
  });
  const stop = () => {
    server.close();
    db.close();
    process.exit(0);
  };
  // A superseded request rejects every statement it had started, also those its code no longer
  // awaits (a memo of replicates): that is no error, and nothing else may stop the server.
  process.on('unhandledRejection', (err) => {
    if (!(err instanceof CancelledError)) console.error(`A request failed: ${String(err)}`);
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof InputError) console.error(err.message);
  else console.error(`The server could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});

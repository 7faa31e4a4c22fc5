// Builds: the app (from the work tree or an exported commit) and the bench page.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { APP_DIST, DATA, PAGE_CONFIG, PROFILE_DIST, ROOT } from './config.mjs';
import { ensureOldDuckdb, serveOldDuckdb } from './duckdbParquet.mjs';
import { gitRevision } from './machine.mjs';
import { log } from './util.mjs';

function run(cmd, args, cwd, timeoutMs = 300_000) {
  log(`$ ${cmd} ${args.join(' ')}${cwd !== ROOT ? `   (in ${relative(ROOT, cwd)})` : ''}`);
  execFileSync(cmd, args, { cwd, stdio: 'inherit', timeout: timeoutMs });
}

/**
 * The app's source: the work tree as it is, or a commit (HEAD or a hash) exported to
 * bench/data/app-src, so others' half-done edits cannot break or skew a run.
 */
function appSource(mode) {
  if (mode === 'worktree') return { dir: ROOT, revision: gitRevision(ROOT) };
  const commit = mode === 'head' ? 'HEAD' : mode;
  const rev = execFileSync('git', ['rev-parse', '--short', commit], { cwd: ROOT })
    .toString()
    .trim();
  const dir = join(DATA, 'app-src');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${rev} | tar -x -C "${dir}"`], { cwd: ROOT });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return { dir, revision: `${rev} (exported commit)` };
}

/**
 * Builds the app into APP_DIST (and, with --profile, unminified into PROFILE_DIST) when a run
 * needs it and not --no-build; returns where it was built from and its revision.
 */
export function buildApp(opts, needed) {
  // With --no-build, the revision is the one the last build was made from (not today's HEAD).
  const builtFrom = join(DATA, 'app-dist.revision');
  if (!needed || !opts.build)
    return {
      dir: ROOT,
      revision: existsSync(builtFrom)
        ? readFileSync(builtFrom, 'utf8').trim()
        : `${gitRevision(ROOT)} (reused build)`,
    };
  const app = appSource(opts.app);
  run(
    'npx',
    ['vite', 'build', '--outDir', APP_DIST, '--emptyOutDir', '--logLevel', 'warn'],
    app.dir,
  );
  writeFileSync(builtFrom, `${app.revision}, built ${new Date().toISOString().slice(0, 16)}Z\n`);
  if (opts.profile && !opts.sessionOnly)
    run(
      'npx',
      [
        'vite',
        'build',
        '--outDir',
        PROFILE_DIST,
        '--emptyOutDir',
        '--minify',
        'false',
        '--logLevel',
        'warn',
      ],
      app.dir,
    );
  return app;
}

/** Builds the bench page (bench/page) into bench/data/page-dist, with the old DuckDB-WASM
 * (the Parquet baseline) beside it when it has been fetched. */
export function buildPage({ oldDuckdb = false } = {}) {
  if (oldDuckdb) ensureOldDuckdb();
  run('npx', ['vite', 'build', '--config', PAGE_CONFIG], ROOT);
  serveOldDuckdb(join(DATA, 'page-dist'));
}

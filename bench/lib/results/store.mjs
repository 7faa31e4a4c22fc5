// results.json and RESULTS.md: loading, linking baselines, writing both.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { RESULTS_JSON, RESULTS_MD } from '../config.mjs';
import { round } from '../util.mjs';
import { resultsTable } from './table.mjs';

export function loadResults() {
  try {
    return JSON.parse(readFileSync(RESULTS_JSON, 'utf8'));
  } catch {
    return { machine: '', date: '', runs: [] };
  }
}

/**
 * cohort-update's baseline is the DuckDB figure of the engine-confusion run at the same size;
 * the session runs before that run, so link them once both are in (the latest of each).
 */
function linkBaselines(runs) {
  for (const r of runs) {
    if (r.name !== 'cohort-update') continue;
    const c = runs.find((x) => x.name === 'engine-confusion' && x.rows === r.rows);
    if (!c?.baseline) continue;
    r.baseline = { name: 'duckdb-wasm (engine-confusion run)', median_ms: c.baseline.median_ms };
    r.speedup = r.median_ms ? round(c.baseline.median_ms / r.median_ms, 1) : null;
  }
}

export function writeResults(results) {
  const { machine, date, runs } = results;
  linkBaselines(runs);
  writeFileSync(RESULTS_JSON, JSON.stringify({ machine, date, runs }, null, 2) + '\n');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  let md = existsSync(RESULTS_MD)
    ? readFileSync(RESULTS_MD, 'utf8')
    : `# Benchmark results\n\n${start}\n${end}\n`;
  if (!md.includes(start)) md += `\n${start}\n${end}\n`;
  const table = resultsTable(results);
  md = md.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${table}\n${end}`);
  writeFileSync(RESULTS_MD, md);
}

// RESULTS.md's table, one row per entry (and per variant), from results.json.
import { SESSION_LABEL } from '../config.mjs';
import { TARGETS } from './targets.mjs';

const fmtRows = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
const fmtMs = (x) => (x === null || x === undefined ? '–' : `${x.toLocaleString('en-US')} ms`);
const fmtBytes = (b) => (b === null || b === undefined ? '–' : `${(b / 2 ** 20).toFixed(0)} MiB`);

export function resultsTable(results) {
  const order = [
    'open-to-interactive',
    'long-tasks',
    'memory',
    'cohort-update',
    'engine-confusion',
    'table-scroll-fps',
    'map-pan-fps',
    'slice-finder',
    'long-tasks (slice-finder)',
    'knn-top10',
  ];
  const runs = [...results.runs].sort(
    (a, b) =>
      order.indexOf(a.name) - order.indexOf(b.name) ||
      (a.session ?? '').localeCompare(b.session ?? '') ||
      a.rows - b.rows,
  );
  const lines = [
    `Machine: ${results.machine}  `,
    `Date of the latest run: ${results.date}  `,
    `App build measured (open, long-tasks, memory, cohort-update, scroll, pan, slice-finder): ${
      [...new Set(results.runs.map((r) => r.app).filter(Boolean))].join('; ') || 'n/a'
    }`,
    '',
    '| run | rows | median | min – max | baseline | target | pass |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of runs) {
    const t = TARGETS[r.name]?.(r) ?? { text: '', pass: null };
    let median = fmtMs(r.median_ms);
    let range = r.min_ms !== undefined ? `${fmtMs(r.min_ms)} – ${fmtMs(r.max_ms)}` : '';
    let base = r.baseline ? `${r.baseline.name}: ${fmtMs(r.baseline.median_ms)}` : '';
    let name = r.name;
    if (r.name === 'long-tasks') {
      median = String(r.value ?? '–');
      range = r.per_part
        ? Object.entries(r.per_part)
            .map(([k, v]) => `${k}: ${v ?? '–'}`)
            .join(', ') + (r.longest_ms ? `; longest ${r.longest_ms} ms` : '')
        : `runs: ${r.per_run?.join(', ') ?? ''}`;
      if (r.session === SESSION_LABEL) name = 'long-tasks (session)';
    }
    if (r.name === 'long-tasks (slice-finder)') {
      median = String(r.value ?? '–');
      range =
        `runs: ${r.per_run?.join(', ') ?? ''}` +
        (r.longest_ms ? `; longest ${r.longest_ms} ms` : '');
    }
    if (r.name === 'slice-finder')
      range += `; first run ${fmtMs(r.first_run_ms)}; ${r.features ?? '–'} features, ${
        r.slices_tried?.toLocaleString('en-US') ?? '–'
      } slices tried; long tasks: ${r.long_tasks ?? '–'}`;
    if (r.name === 'cohort-update') {
      base += r.speedup ? ` (${r.speedup}×)` : '';
      range += `; long tasks: ${r.long_tasks ?? '–'}`;
    }
    if (r.name === 'table-scroll-fps' || r.name === 'map-pan-fps') {
      median = r.value === null ? '–' : `${r.value} fps`;
      range = `worst frame ${fmtMs(r.worst_frame_gap_ms)}; long tasks: ${r.long_tasks ?? '–'}`;
    }
    if (r.name === 'memory') {
      median = `${fmtBytes(r.value)} (${r.ratio ?? '–'}×)`;
      base = `raw columns: ${fmtBytes(r.raw_bytes)}`;
      range = r.renderer_rss_bytes ? `renderer RSS ${fmtBytes(r.renderer_rss_bytes)}` : '';
    }
    if (r.name === 'engine-confusion') base += ` (${r.speedup}× faster)`;
    if (r.format) name = `open-to-interactive (${r.format})`;
    if (r.baseline_failed)
      base = `duckdb-wasm failed: ${r.baseline_failed.replace(/\s+/g, ' ').slice(0, 120)}`;
    if (r.name === 'knn-top10' || r.name === 'open-to-interactive')
      base += r.baseline ? ` (${r.ratio_to_baseline}×)` : '';
    const pass = r.failed
      ? `**FAILED**: ${r.failed.slice(0, 160)}`
      : t.pass === null
        ? '—'
        : t.pass
          ? 'pass'
          : '**miss**';
    lines.push(
      `| ${name} | ${fmtRows(r.rows)} | ${median} | ${range} | ${base} | ${t.text} | ${pass} |`,
    );
    for (const [name, v] of Object.entries(r.variants ?? {})) {
      const vb = v.baseline
        ? `${v.baseline.name}: ${fmtMs(v.baseline.median_ms)} (${v.ratio_to_baseline}×)`
        : '';
      const vpass =
        r.name === 'knn-top10'
          ? v.median_ms <= 100 && (!v.baseline || v.median_ms <= 2 * v.baseline.median_ms)
          : null;
      lines.push(
        `| ↳ ${name} | ${fmtRows(r.rows)} | ${fmtMs(v.median_ms)} | ${fmtMs(v.min_ms)} – ${fmtMs(v.max_ms)} | ${vb} | ${t.text} | ${vpass === null ? '—' : vpass ? 'pass' : '**miss**'} |`,
      );
    }
  }
  return lines.join('\n');
}

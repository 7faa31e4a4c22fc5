// The scripted session's entries: cohort-update, table-scroll-fps, map-pan-fps, long-tasks.
import { loadavg } from 'node:os';
import { layout, SIZES } from '../../generate.mjs';
import { SESSION_LABEL } from '../config.mjs';
import { loadResults } from '../results/store.mjs';
import { round, stats } from '../util.mjs';

/** Records what the session measured (`phase`: edits, scroll, pan, all, failed). */
export function recordSession(phase, quiet, size, opts, record) {
  const rows = SIZES[size];
  const load = {
    machine_busy_before: quiet.busy_before,
    load1_before: quiet.load1,
    load1_after: round(loadavg()[0], 2),
  };
  if (opts.only.includes('cohort-update')) {
    const e = phase.edits ?? {};
    const base = loadResults().runs.find((r) => r.name === 'engine-confusion' && r.rows === rows);
    const st = stats(e.ms ?? []);
    const w = e.worker ?? {};
    record({
      name: 'cohort-update',
      rows,
      ...st,
      edits: e.ms?.length ?? 0,
      per_edit_ms: (e.ms ?? []).map((x) => round(x)),
      ...(base?.baseline
        ? {
            baseline: {
              name: 'duckdb-wasm (engine-confusion run)',
              median_ms: base.baseline.median_ms,
            },
            speedup: st.median_ms ? round(base.baseline.median_ms / st.median_ms, 1) : null,
          }
        : {}),
      what:
        'edit the maximum of a 1-condition cohort (f_num0 in [-0.5, x]) in the cohort editor: click on ' +
        '"Save cohort" → performance mark wb:cohort-updated (after the paint of the frame that shows the new cohort stats)',
      worker_ms: {
        'wb:cohort:mask': stats(w['wb:cohort:mask'] ?? []),
        'wb:cohort:aggregate': stats(w['wb:cohort:aggregate'] ?? []),
        'wb:cohort:fused': stats(w['wb:cohort:fused'] ?? []),
      },
      long_tasks: e.longTasks?.length ?? null,
      long_task_list: e.longTasks ?? [],
      ...load,
      ...(e.failed || phase.failed ? { failed: e.failed ?? phase.failed } : {}),
    });
  }
  const fpsEntry = (name, p, what) =>
    record({
      name,
      rows,
      value: p?.fps !== undefined ? round(p.fps) : null,
      frames: p?.frames ?? null,
      window_ms: p?.ms !== undefined ? round(p.ms) : null,
      worst_frame_gap_ms: p?.worst_gap_ms !== undefined ? round(p.worst_gap_ms) : null,
      p95_frame_gap_ms: p?.p95_gap_ms !== undefined ? round(p.p95_gap_ms) : null,
      frame_gaps_over_50ms: p?.over_50ms ?? null,
      input_steps: p?.steps ?? null,
      settled_before_ms: p?.settled_ms ?? null,
      ...(p?.webgl ? { webgl_renderer: p.webgl } : {}),
      long_tasks: p?.longTasks?.length ?? null,
      long_task_list: p?.longTasks ?? [],
      what,
      ...(p?.scrollTop !== undefined
        ? { scroll_top_at_end: p.scrollTop, loading_rows_at_end: p.loadingRowsAtEnd }
        : {}),
      ...load,
      ...(p?.failed || phase.failed ? { failed: p?.failed ?? phase.failed } : {}),
    });
  if (opts.only.includes('table-scroll-fps'))
    fpsEntry(
      'table-scroll-fps',
      phase.scroll,
      'Rows view: mouse.wheel(0, 240) every ~16 ms for 3 s over the grid; requestAnimationFrame callbacks per second',
    );
  if (opts.only.includes('map-pan-fps') && layout(rows).embedding)
    fpsEntry(
      'map-pan-fps',
      phase.pan,
      'Map view (pan mode): mouse down, mouse.move in a circle every ~16 ms for 3 s; requestAnimationFrame callbacks per second',
    );
  if (opts.only.includes('long-tasks')) {
    const parts = {
      'cohort edits': phase.edits?.longTasks?.length ?? null,
      scrolling: phase.scroll?.longTasks?.length ?? null,
      panning: phase.pan?.longTasks?.length ?? null,
    };
    record({
      name: 'long-tasks',
      rows,
      session: SESSION_LABEL,
      value: phase.all ? phase.all.length : null,
      per_part: parts,
      longest_ms: round(Math.max(0, ...(phase.all ?? []).map((t) => t.ms))),
      tasks: (phase.all ?? []).map((t) => ({
        ...t,
        during: (phase.starts ?? []).filter((s) => s.at <= t.at).pop()?.part ?? null,
      })),
      ...load,
      ...(phase.failed ? { failed: phase.failed } : {}),
    });
  }
}

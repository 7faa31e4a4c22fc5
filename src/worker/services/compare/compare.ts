import type { FlipCounts, FlipRates } from '../../../engine/compare/flips';
import { benjaminiHochberg } from '../../../engine/stats';
import type { EvalArrays } from '../../../data/prepare';
import type { OpenDataset } from '../../session/dataset';
import { breathe } from '../../session/yieldEvery';
import type {
  CompareRequest,
  CompareResult,
  CompareRow,
  DeltaEstimate,
  FlipRow,
  Predicate,
} from '../../../protocol';
import { flipsKept } from './flipCounts';
import { intervalRun, type IntervalRun } from './intervals';
import { cohortPoints, metricKeys, type VersionPoints } from './points';
import { span, traceStart } from '../../../shared/trace';

function flipsOf(ev: EvalArrays, base: string, version: string, mask: Uint8Array | null) {
  const a = ev.versions.find((x) => x.name === base)?.pred;
  const b = ev.versions.find((x) => x.name === version)?.pred;
  if (!ev.label || !a || !b) return null;
  return flipsKept(ev.label, a, b, mask);
}

function flipRow(f: (FlipCounts & FlipRates) | null) {
  if (!f) return null;
  return {
    evaluated: f.evaluated,
    correctToWrong: f.correctToWrong,
    wrongToCorrect: f.wrongToCorrect,
    changed: f.changed,
    negativeFlipRate: f.negativeFlipRate,
    positiveFlipRate: f.positiveFlipRate,
  };
}

/** One cohort's answer: sizes, flips, and per version the points (or points with intervals). */
interface CohortEntry {
  size: number;
  versions: Map<string, VersionPoints>;
  flips: Map<string, ReturnType<typeof flipRow>>;
}

const ENTRIES = 64;

/** A map that forgets its oldest entry past ENTRIES (insertion order). */
class Lru<V> {
  private m = new Map<string, V>();
  get(key: string): V | undefined {
    return this.m.get(key);
  }
  set(key: string, v: V): V {
    this.m.delete(key);
    if (this.m.size >= ENTRIES) this.m.delete(this.m.keys().next().value!);
    this.m.set(key, v);
    return v;
  }
  delete(key: string): void {
    this.m.delete(key);
  }
}

/**
 * Compare's numbers, cached per cohort under everything they depend on: the dataset (one cache
 * per open dataset), the roles, the thresholds, the cohort's predicate, the baseline, and the
 * resamples and seed. Coming back to Compare, or to a setting seen before, is a lookup; any
 * change is another key, so an entry is never reused for other settings.
 *
 * Intervals (resamples > 0) run as a second pass that gives way to other requests (breathe) and
 * stops when a newer intervals request no longer wants its cohort (superseded).
 */
export function compareService(
  settings: () => unknown,
  current: (d: OpenDataset) => boolean = () => true,
) {
  const caches = new WeakMap<OpenDataset, Lru<CohortEntry | Promise<CohortEntry>>>();
  // Bootstraps still running, by the same keys: an early request reads their first resamples.
  const running = new WeakMap<OpenDataset, Map<string, IntervalRun>>();
  let wanted = new Set<string>();

  return async function compareVersions(
    d: OpenDataset,
    req: CompareRequest,
    { background = false }: { background?: boolean } = {},
  ): Promise<CompareResult> {
    const ev = d.ev;
    if (!ev) throw new Error('no roles yet');
    let cache = caches.get(d);
    if (!cache) caches.set(d, (cache = new Lru()));
    let runs = running.get(d);
    if (!runs) running.set(d, (runs = new Map()));
    const names = ev.versions.map((v) => v.name);
    const base = names.includes(req.baseline) ? req.baseline : names[0]!;
    const keys = metricKeys(ev);
    const context = JSON.stringify([d.roles, settings(), base, req.seed]);
    const cohorts = [{ id: 'all', name: 'All rows', predicate: null }, ...req.cohorts];
    const keyOf = (predicate: unknown, resamples: number) =>
      JSON.stringify([context, predicate, resamples]);
    // What a bootstrap computes depends on neither the thresholds nor the baseline (intervals.ts
    // shares its replicates across them): a threshold edit keeps the running one wanted.
    const runKeyOf = (predicate: unknown) =>
      JSON.stringify([d.roles, req.seed, predicate, req.resamples]);
    // A background start (api.ts, after the analysis) adds its run to the wanted ones: it must
    // not stop a bootstrap the page asked for.
    const keysNow = cohorts.map((c) => runKeyOf(c.predicate));
    if (req.resamples > 0) wanted = new Set(background ? [...wanted, ...keysNow] : keysNow);
    const mine = wanted;

    const pointsOf = (predicate: Predicate | null) => {
      const key = keyOf(predicate, 0);
      const hit = cache.get(key);
      if (hit) return hit as CohortEntry;
      const t = traceStart();
      const mask = d.maskOf(predicate);
      const size = mask ? mask.reduce((s, x) => s + x, 0) : d.n;
      // One pass per version for its flips, which also give McNemar's counts (points.ts).
      const pairs = new Map(names.map((v) => [v, v === base ? null : flipsOf(ev, base, v, mask)]));
      span('compare:flips', t);
      const t2 = traceStart();
      const versions = cohortPoints(ev, names, base, mask, keys, pairs);
      span('compare:points', t2);
      const fl = new Map(names.map((v) => [v, flipRow(pairs.get(v) ?? null)]));
      return cache.set(key, { size, versions, flips: fl }) as CohortEntry;
    };
    const intervalsOf = (predicate: Predicate | null) => {
      const key = keyOf(predicate, req.resamples);
      const hit = cache.get(key);
      if (hit) return hit;
      const points = pointsOf(predicate);
      const mask = d.maskOf(predicate);
      const runKey = runKeyOf(predicate);
      const job = intervalRun(ev, names, base, mask, points.versions, req.resamples, req.seed, {
        pause: breathe,
        // Superseded when the latest intervals request does not include this cohort's run.
        // Also when another dataset was opened.
        cancelled: () => !current(d) || (wanted !== mine && !wanted.has(runKey)),
      });
      runs.set(key, job);
      const run = job.final.then((versions) => {
        const entry = { ...points, versions };
        cache.set(key, entry);
        return entry;
      });
      const settled = () => runs.delete(key);
      run.then(settled, () => {
        settled();
        cache.delete(key);
      });
      return cache.set(key, run);
    };
    // Intervals from the first `early` resamples of a cohort's bootstrap (started if need be),
    // or the final ones when they are already there.
    let early = false;
    const earlyOf = async (predicate: Predicate | null, k: number): Promise<CohortEntry> => {
      const key = keyOf(predicate, req.resamples);
      const hit = cache.get(key);
      if (hit && !(hit instanceof Promise)) return hit;
      const final = intervalsOf(predicate);
      const job = runs.get(key);
      // Replicates shared with an earlier request (a threshold edit keeps them, intervals.ts)
      // and already complete: the final intervals now, not the first k and another round trip.
      if (!job || job.complete()) return final;
      const versions = await job.upTo(k);
      if (k < req.resamples) early = true;
      return { ...pointsOf(predicate), versions };
    };

    const rows: CompareRow[] = [];
    const flipRows: FlipRow[] = [];
    const errors: CompareResult['errors'] = [];
    for (const c of cohorts) {
      let entry: CohortEntry;
      try {
        entry =
          req.resamples === 0
            ? pointsOf(c.predicate)
            : req.early
              ? await earlyOf(c.predicate, req.early)
              : await intervalsOf(c.predicate);
      } catch (err) {
        if ((err as Error).name === 'CancelledError') throw err;
        errors.push({ cohortName: c.name, error: (err as Error).message });
        continue;
      }
      for (const version of names) {
        const e = entry.versions.get(version)!;
        // Copies: BH below writes q into the deltas, and the cached entry must stay as it was.
        const deltas = Object.fromEntries(
          Object.entries(e.deltas).map(([k, v]) => [k, { ...v }]),
        ) as VersionPoints['deltas'];
        rows.push({
          cohortId: c.id,
          cohortName: c.name,
          size: entry.size,
          version,
          baseline: version === base,
          evaluated: e.evaluated,
          metrics: e.metrics,
          deltas,
        });
        const f = entry.flips.get(version);
        if (f) flipRows.push({ cohortId: c.id, cohortName: c.name, version, ...f });
      }
    }
    // Benjamini–Hochberg over all cohort × version differences of each metric.
    for (const key of keys) {
      const cells = rows.map((r) => r.deltas[key]).filter((x): x is DeltaEstimate => !!x);
      const { q } = benjaminiHochberg(cells.map((c) => c.p));
      cells.forEach((c, i) => (c.q = q[i]!));
    }
    const resamples = early ? Math.min(req.early!, req.resamples) : req.resamples;
    const methods = [
      'Accuracy: 95% Wilson interval; Δ accuracy: McNemar test (exact binomial below 25 discordant rows), interval by paired bootstrap.',
      resamples > 0
        ? `Other metrics: percentile intervals and paired-bootstrap p-values from ${resamples} seeded Poisson-bootstrap resamples (each row weighted by a Poisson(1) count drawn from a hash of the seed, the resample and the row, so versions are paired).`
        : 'Other metrics: intervals are being computed (bootstrap).',
      'q: Benjamini–Hochberg adjustment over all cohort × version tests of each metric (false discovery rate 5%).',
    ];
    return {
      task: ev.task,
      baseline: base,
      metricKeys: keys,
      rows,
      flips: flipRows,
      resamples,
      methods,
      errors,
    };
  };
}

/** A service with no threshold settings in its keys: for callers without a Session (tests). */
export const compareVersions = compareService(() => null);

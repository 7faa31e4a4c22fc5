// Compare's second pass: bootstrap intervals for one cohort, every version at once, from Poisson
// row weights (engine/stats/poissonBootstrap). A version's replicate and the baseline's replicate
// of the same resample share their row weights, so their difference is the paired bootstrap of
// the difference (its interval and p). The replicates come in order, so intervals from the first
// k resamples can be shown while the rest run (`upTo`); the final ones use all of them.
//
// None of the bootstrapped metrics (MAE, RMSE, log loss, Brier, AUC, AP) depends on the binary
// thresholds or on which version is the baseline, so the replicates are kept by their inputs (the
// per-row arrays, the ranked scores, the cohort's rows, seed and resamples), not by the settings:
// after a threshold edit or "Match operating point" the intervals are filled from the replicates
// already computed (or still running) instead of a new bootstrap (issue 15).
import type { EvalArrays } from '../../../data/prepare';
import { rankedScore } from '../../../engine/compare/scoreIndex';
import { percentileInterval, rowsFromMask } from '../../../engine/stats';
import {
  poissonReplicates,
  type RankedScore,
  type ReplicateOptions,
  type Replicates,
} from '../../../engine/stats/poissonBootstrap';
import type { MetricKey } from '../../../protocol';
import { labels01Of } from './chartScores';
import { bootstrapHelper } from './bootstrapHelper';
import { perRowOf } from './perRow';
import { accuracyInterval, type VersionPoints } from './points';
import { pageWaits } from './waiting';
import { backgroundTurn } from '../../scheduler';
import { span, traceMark, traceStart } from '../../../shared/trace';

type Slot = { key: MetricKey; sqrt: boolean; kind: 'means' | 'auc' | 'ap'; at: number };

/** A running bootstrap of one cohort: intervals from its first k resamples, or from all. */
export interface IntervalRun {
  /** Points with intervals from every resample (a copy; the points are left as they were). */
  final: Promise<Map<string, VersionPoints>>;
  /** Points with intervals from the first k resamples, as soon as they are done. */
  upTo(k: number): Promise<Map<string, VersionPoints>>;
  /** Whether every resample is in (a run shared with an earlier request, e.g. before an edit). */
  complete(): boolean;
}

export function intervalRun(
  ev: EvalArrays,
  names: string[],
  base: string,
  mask: Uint8Array | null,
  points: Map<string, VersionPoints>,
  resamples: number,
  seed: number,
  options: ReplicateOptions,
): IntervalRun {
  const means: Float64Array[] = [];
  const ranked: RankedScore[] = [];
  const slots = new Map<string, Slot[]>();
  const bin = labels01Of(ev);
  for (const name of names) {
    const pr = perRowOf(ev, name);
    const v = ev.versions.find((x) => x.name === name)!;
    const mine: Slot[] = [];
    const mean = (key: MetricKey, values: Float64Array | null, sqrt = false) => {
      if (!values || !points.get(name)?.metrics[key]) return;
      mine.push({ key, sqrt, kind: 'means', at: means.length });
      means.push(values);
    };
    mean('mae', pr.absErr);
    mean('rmse', pr.sqErr, true);
    mean('logLoss', pr.logLoss);
    mean('brier', pr.brier);
    if (bin && v.score && points.get(name)?.metrics.auc) {
      mine.push({ key: 'auc', sqrt: false, kind: 'auc', at: ranked.length });
      mine.push({ key: 'ap', sqrt: false, kind: 'ap', at: ranked.length });
      ranked.push(rankedScore(bin, v.score, mask ?? undefined));
    }
    slots.set(name, mine);
  }
  /** Intervals from the first k replicates of each series. */
  const fill = (reps: Replicates, k: number): Map<string, VersionPoints> => {
    const series = (s: Slot): Float64Array => {
      const all =
        s.kind === 'means'
          ? reps.means[s.at]!
          : s.kind === 'auc'
            ? reps.auc[s.at]!
            : reps.ap[s.at]!;
      const r = all.subarray(0, k);
      return s.sqrt ? r.map(Math.sqrt) : r;
    };
    const out = new Map<string, VersionPoints>();
    for (const name of names) {
      const p = points.get(name)!;
      const metrics = { ...p.metrics };
      const deltas = { ...p.deltas };
      for (const s of slots.get(name)!) {
        const m = metrics[s.key]!;
        const mine = series(s);
        const ci = percentileInterval(mine, m.value);
        metrics[s.key] = { value: m.value, lo: ci.lo, hi: ci.hi };
        const d = deltas[s.key];
        const bs = slots.get(base)!.find((x) => x.key === s.key);
        if (!d || !bs || name === base) continue;
        const theirs = series(bs);
        const diff = mine.map((x, r) => x - theirs[r]!);
        const dci = percentileInterval(diff, d.value, { nullValue: 0 });
        deltas[s.key] = { ...d, lo: dci.lo, hi: dci.hi, p: dci.p };
      }
      // Δ accuracy: its own bootstrap of the four joint counts (points.ts), with the others.
      const acc = deltas.accuracy;
      if (acc && p.accuracyPair)
        deltas.accuracy = { ...acc, ...accuracyInterval(p.accuracyPair, seed) };
      out.set(name, { evaluated: p.evaluated, metrics, deltas, accuracyPair: p.accuracyPair });
    }
    return out;
  };

  const shared = sharedReplicates(
    ev.label ?? ev.y ?? ev,
    mask,
    ev.n,
    means,
    ranked,
    resamples,
    seed,
    options,
  );
  return {
    final: shared.all.then((reps) => fill(reps, resamples)),
    upTo: (k) => shared.upTo(Math.min(k, resamples)).then((reps) => fill(reps, k)),
    complete: () => shared.complete,
  };
}

/** One bootstrap's replicates, running or done, shared by every request with its inputs. */
interface SharedRun {
  inputs: unknown[];
  all: Promise<Replicates>;
  /** The replicates once their first k are done (the arrays fill on; read only the first k). */
  upTo(k: number): Promise<Replicates>;
  /** Every resample is done. */
  complete: boolean;
}

const KEPT = 8;
/**
 * Per dataset (keyed by its label or target array, which threshold edits keep), latest first: a
 * few cohorts × seeds; each holds ~200 numbers per series. Another dataset drops them all.
 */
const byData = new WeakMap<object, SharedRun[]>();

function sharedReplicates(
  data: object,
  mask: Uint8Array | null,
  n: number,
  means: Float64Array[],
  ranked: RankedScore[],
  resamples: number,
  seed: number,
  options: ReplicateOptions,
): SharedRun {
  // Same arrays (kept per score, labels and cohort mask), same seed and count: same replicates.
  const inputs: unknown[] = [mask, n, resamples, seed, means.length, ...means, ...ranked];
  const same = (r: SharedRun) =>
    r.inputs.length === inputs.length && r.inputs.every((x, i) => x === inputs[i]);
  let runs = byData.get(data);
  if (!runs) byData.set(data, (runs = []));
  const hit = runs.find(same);
  if (hit) return hit;
  let wanted = false;
  let done = 0;
  let partial: Replicates | null = null;
  let failure: unknown = null;
  const waiting: { k: number; resolve: (r: Replicates) => void; reject: (e: unknown) => void }[] =
    [];
  const release = () => {
    for (let w = waiting.length - 1; w >= 0; w--) {
      const x = waiting[w]!;
      if (failure) x.reject(failure);
      else if (partial && done >= x.k) x.resolve(partial);
      else continue;
      waiting.splice(w, 1);
    }
  };
  const input = { rows: mask ? rowsFromMask(mask) : null, n, proportions: [], means, ranked };
  // The page waits for this run (it asked for its replicates, and Compare is still open waiting
  // for intervals): it runs at full speed. Otherwise it is background work (the "All rows" run
  // after the open, or a run the page left): it waits while requests are queued and until the
  // page has been quiet for a moment, and leaves the second core to the page (issue 15: a
  // click-through while it ran took 326–375 ms against 139–178 ms).
  const awaited = () => wanted && pageWaits();
  const all = poissonReplicates(input, resamples, seed, {
    ...options,
    pause: () => {
      const turn = backgroundTurn(awaited);
      if (turn) {
        const t = traceStart();
        return turn.then(() => span('boot:gave-way', t));
      }
      return options.pause?.() ?? null;
    },
    // A second thread takes a share of the resample pairs (bootstrapHelper.ts) while the page
    // waits for them: pairs are handed to it only then (ones already given finish).
    helper: () => (awaited() ? bootstrapHelper(input, resamples, seed) : null),
    helperWanted: awaited,
    progress: (k, reps) => {
      done = k;
      partial = reps ?? null;
      traceMark(`boot:${k}${awaited() ? ' awaited' : ''}`);
      release();
    },
  });
  const run: SharedRun = {
    inputs,
    all,
    complete: false,
    upTo: (k) =>
      new Promise((resolve, reject) => {
        wanted = true;
        waiting.push({ k, resolve, reject });
        release();
      }),
  };
  all.then(
    () => (run.complete = true),
    () => {},
  );
  all.catch((err: unknown) => {
    failure = err;
    release();
    // A stopped run (superseded, or failed) is not kept: the next request starts afresh.
    const at = runs.indexOf(run);
    if (at >= 0) runs.splice(at, 1);
  });
  runs.unshift(run);
  if (runs.length > KEPT) runs.pop();
  return run;
}

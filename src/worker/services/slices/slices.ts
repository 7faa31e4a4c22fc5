import type { EvalArrays } from '../../../data/prepare';
import { featureColumns } from '../../../shared/roles';
import {
  binColumn,
  buildTarget,
  searchSlices,
  type BinnedFeature,
  type SearchOutcome,
  type TargetInput,
} from '../../../engine/slices';
import type { OpenDataset } from '../../session/dataset';
import { perRowOf } from '../compare/perRow';
import type { SliceMeasure, SlicesProgress, SlicesRequest, SlicesResult } from '../../../protocol';
import { describeResults, type DetailContext } from './detail';

/** Binned features per prepared dataset and bin count: binning is the costly part to repeat. */
const binned = new WeakMap<EvalArrays, Map<number, BinnedFeature[]>>();
let cancelled = false;

export function cancelSlices(): void {
  cancelled = true;
}

function featuresOf(ds: OpenDataset, ev: EvalArrays, bins: number): BinnedFeature[] {
  let byBins = binned.get(ev);
  if (!byBins) binned.set(ev, (byBins = new Map()));
  const hit = byBins.get(bins);
  if (hit) return hit;
  const names = featureColumns(
    ds.combined.columns.map((c) => c.name),
    ds.roles!,
  );
  const out = names
    .map((name) => binColumn(ds.byName.get(name)!, bins))
    .filter((f): f is BinnedFeature => f !== null && f.bins.length > 0);
  byBins.set(bins, out);
  return out;
}

function targetInput(ev: EvalArrays, req: SlicesRequest, mask: Uint8Array | null): TargetInput {
  const v = perRowOf(ev, req.version);
  const paired = req.mode !== 'failure';
  const b = paired ? req.baseline : null;
  if (paired && (!b || b === req.version)) {
    throw new Error('Comparing versions needs a baseline version other than the one examined.');
  }
  const base = b ? perRowOf(ev, b) : null;
  if (ev.task === 'regression') {
    if (!v.absErr || (base && !base.absErr))
      throw new Error('No predictions and targets to compare.');
    return base
      ? { mode: pairedMode(req), absErr: v.absErr, baseline: base.absErr!, mask }
      : { mode: 'failure', absErr: v.absErr, mask };
  }
  if (!v.correct || (base && !base.correct))
    throw new Error('No labels and predictions to compare.');
  return base
    ? { mode: pairedMode(req), correct: v.correct, baseline: base.correct!, mask }
    : { mode: 'failure', correct: v.correct, mask };
}

const pairedMode = (req: SlicesRequest) =>
  req.mode === 'improvement' ? ('improvement' as const) : ('regression' as const);

function measureOf(ev: EvalArrays, mode: SlicesRequest['mode']): SliceMeasure {
  if (ev.task === 'regression') return mode === 'failure' ? 'MAE' : 'change in absolute error';
  return mode === 'failure' ? 'error rate' : 'change in error rate';
}

const tick = () => new Promise<void>((r) => setTimeout(r));

/**
 * Runs the slice search in batches: between batches (every ~40 ms of work) it yields to the
 * event loop, so a cancelSlices() message can arrive, and reports progress at most every 100 ms.
 */
export async function findSlices(
  ds: OpenDataset,
  req: SlicesRequest,
  onProgress?: SlicesProgress,
): Promise<SlicesResult> {
  cancelled = false;
  const t0 = Date.now();
  const ev = ds.ev;
  if (!ev || !ds.roles) throw new Error('Assign column roles (label and predictions) first.');
  const mask = ds.maskOf(req.cohort);
  const features = featuresOf(ds, ev, req.bins);
  if (features.length === 0) throw new Error('No feature columns to slice by.');
  const target = buildTarget(targetInput(ev, req, mask));
  const detail: DetailContext = {
    features,
    target,
    cohort: req.cohort,
    paired:
      req.mode === 'failure' || !req.baseline
        ? null
        : { version: perRowOf(ev, req.version), baseline: perRowOf(ev, req.baseline) },
    improvement: req.mode === 'improvement',
  };
  let inScope = 0;
  for (let i = 0; i < target.code.length; i++) if (target.code[i] !== 255) inScope++;
  const minSize = Math.max(1, Math.round(req.minSize ?? Math.max(30, inScope / 100)));
  const base = {
    mode: req.mode,
    version: req.version,
    baseline: detail.paired ? req.baseline : null,
    features: features.length,
    skipped: features
      .filter((f) => f.skippedCategories > 0)
      .map((f) => ({ column: f.name, categories: f.skippedCategories })),
    measure: measureOf(ev, req.mode),
    minSize,
  };
  const shape = (
    o: Omit<SearchOutcome, 'overall' | 'n'> & Partial<SearchOutcome>,
    done: boolean,
  ): SlicesResult => ({
    ...base,
    done,
    cancelled: !done && cancelled,
    results: describeResults(o.results, detail),
    tried: o.tried,
    tested: o.tested,
    pruned: o.pruned,
    overall: (detail.improvement ? -1 : 1) * (o.overall ?? NaN),
    n: o.n ?? NaN,
    elapsedMs: Date.now() - t0,
  });
  const gen = searchSlices(features, target, { minSize, maxConditions: req.maxConditions });
  let latest: SlicesResult | null = null;
  let lastTick = Date.now();
  let lastReport = 0;
  for (;;) {
    const step = gen.next();
    if (step.done) return shape(step.value, true);
    const s = step.value;
    if (s.results) {
      latest = shape({ results: s.results, tried: s.tried, tested: s.tried, pruned: 0 }, false);
      onProgress?.(s.fraction, latest);
    }
    const now = Date.now();
    if (now - lastTick < 40) continue;
    if (now - lastReport > 100) {
      onProgress?.(s.fraction, null);
      lastReport = now;
    }
    await tick();
    lastTick = Date.now();
    if (cancelled) {
      return {
        ...(latest ?? shape({ results: [], tried: s.tried, tested: s.tried, pruned: 0 }, false)),
        cancelled: true,
        elapsedMs: Date.now() - t0,
      };
    }
  }
}

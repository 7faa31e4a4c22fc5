// Aggregates behind the Compare view's charts: score distributions, the v1-vs-v2 density and the
// reliability curves. Only bin counts cross to the UI, never rows.
import type { EvalArrays } from '../../../data/prepare';
import { jointHistogram2D, scoreHistogram } from '../../../engine/compare';
import { binaryCalibration, calibration } from '../../../engine/metrics';
import type { OpenDataset } from '../../session/dataset';
import { labels01Of, scoreAxis, scoreKindOf, scoreOf, sharedRange } from './chartScores';
import { keptAcrossThresholds } from './keptCharts';
import type {
  CalibrationRequest,
  Calibrations,
  Density,
  DensityRequest,
  Distributions,
  DistributionsRequest,
} from '../../../protocol';

function evOf(d: OpenDataset): EvalArrays {
  if (!d.ev) throw new Error('the column roles have not been analysed yet');
  return d.ev;
}

/** Each version's score histogram on one shared set of bins, all rows and the active cohort. */
export function scoreDistributions(d: OpenDataset, req: DistributionsRequest): Distributions {
  const ev = evOf(d);
  const kind = scoreKindOf(ev);
  const scored = ev.versions.flatMap((v) => {
    const s = scoreOf(ev, v);
    return s ? [{ name: v.name, s }] : [];
  });
  if (scored.length === 0) {
    const what = kind === 'confidence' ? 'class probabilities' : `a ${kind}`;
    return { kind: null, axis: '', edges: [], versions: [], message: `No version has ${what}.` };
  }
  const range = sharedRange(
    scored.map((v) => v.s),
    kind,
    req.include,
  );
  // The thresholds in `include` only widen the range: the bins are kept by the range itself.
  return keptAcrossThresholds(d, req.cohort, ['distributions', req.bins, range], () =>
    distributionsOver(d, req, scored, range, kind, scoreAxis(ev)),
  );
}

function distributionsOver(
  d: OpenDataset,
  req: DistributionsRequest,
  scored: { name: string; s: Float32Array | Float64Array }[],
  range: ReturnType<typeof sharedRange>,
  kind: Distributions['kind'],
  axis: string,
): Distributions {
  const mask = d.maskOf(req.cohort) ?? undefined;
  const versions = scored.map(({ name, s }) => {
    const all = scoreHistogram(s, req.bins, undefined, range);
    const coh = mask ? scoreHistogram(s, req.bins, mask, range) : null;
    return {
      version: name,
      all: Array.from(all.counts),
      cohort: coh ? Array.from(coh.counts) : null,
      nAll: all.n,
      nCohort: coh?.n ?? 0,
    };
  });
  const edges = Array.from(scoreHistogram(scored[0]!.s, req.bins, undefined, range).edges);
  return { kind, axis, edges, versions, message: null };
}

/** The joint histogram of two versions' scores over the cohort (both scores present). */
export function scoreDensity(d: OpenDataset, req: DensityRequest): Density {
  const ev = evOf(d);
  const kind = scoreKindOf(ev);
  const va = ev.versions.find((v) => v.name === req.a);
  const vb = ev.versions.find((v) => v.name === req.b);
  const sa = va ? scoreOf(ev, va) : null;
  const sb = vb ? scoreOf(ev, vb) : null;
  if (!sa || !sb) {
    return { kind: null, axis: '', edges: [], counts: [], n: 0, message: 'Needs two scores.' };
  }
  const range = sharedRange([sa, sb], kind, req.include);
  return keptAcrossThresholds(d, req.cohort, ['density', req.a, req.b, req.bins, range], () => {
    const mask = d.maskOf(req.cohort) ?? undefined;
    const h = jointHistogram2D(sa, sb, req.bins, mask, range);
    return {
      kind,
      axis: scoreAxis(ev),
      edges: Array.from(h.edges),
      counts: Array.from(h.counts),
      n: h.n,
      message: null,
    };
  });
}

/** Reliability bins and ECE of each version over the cohort. */
export function calibrationCurves(d: OpenDataset, req: CalibrationRequest): Calibrations {
  const ev = evOf(d);
  if (ev.task === 'regression' || !ev.label) {
    const message = ev.label ? 'Calibration applies to classifiers.' : 'Needs a label column.';
    return { kind: null, versions: [], message };
  }
  const kind = ev.task;
  return keptAcrossThresholds(d, req.cohort, ['calibration', req.bins], () =>
    calibrationsOver(d, ev, req, kind),
  );
}

function calibrationsOver(
  d: OpenDataset,
  ev: EvalArrays,
  req: CalibrationRequest,
  kind: Calibrations['kind'],
): Calibrations {
  const mask = d.maskOf(req.cohort) ?? undefined;
  const labels01 = labels01Of(ev);
  const versions = ev.versions.flatMap((v) => {
    const c =
      ev.task === 'binary'
        ? labels01 && v.score
          ? binaryCalibration(labels01, v.score, req.bins, mask)
          : null
        : v.probs
          ? calibration(ev.label!, v.probs, ev.classes.length, req.bins, mask)
          : null;
    if (!c) return [];
    return [
      {
        version: v.name,
        n: c.n,
        ece: c.ece,
        count: Array.from(c.bins.count),
        meanConfidence: Array.from(c.bins.meanConfidence),
        accuracy: Array.from(c.bins.accuracy),
        outOfRange: c.outOfRange,
      },
    ];
  });
  const message = versions.length ? null : 'No version has probabilities to calibrate.';
  return { kind, versions, message };
}

export { evOf };

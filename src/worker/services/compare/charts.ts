// Aggregates behind the Compare view's charts: score distributions, the v1-vs-v2 density and the
// reliability curves. Only bin counts cross to the UI, never rows.
import type { EvalArrays } from '../../../data/prepare';
import type { Predicate } from '../../../engine/cohort/predicate';
import { jointHistogram2D, scoreHistogram } from '../../../engine/compare';
import { binaryCalibration, calibration } from '../../../engine/metrics';
import type { OpenDataset } from '../../session/dataset';
import {
  type ScoreKind,
  labels01Of,
  scoreAxis,
  scoreKindOf,
  scoreOf,
  sharedRange,
} from './chartScores';

export interface DistributionsRequest {
  cohort: Predicate | null;
  bins: number;
  /** Values the axis must cover (the thresholds drawn on it). */
  include?: number[];
}

export interface VersionDistribution {
  version: string;
  /** Rows per bin over all rows, and over the cohort (null when no cohort is active). */
  all: number[];
  cohort: number[] | null;
  nAll: number;
  nCohort: number;
}

export interface Distributions {
  kind: ScoreKind | null;
  axis: string;
  /** bins + 1 edges shared by every series. */
  edges: number[];
  versions: VersionDistribution[];
  /** Why there is nothing to draw. */
  message: string | null;
}

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
  return { kind, axis: scoreAxis(ev), edges, versions, message: null };
}

export interface DensityRequest {
  cohort: Predicate | null;
  /** Version on the x axis (the baseline) and on the y axis. */
  a: string;
  b: string;
  bins: number;
  include?: number[];
}

export interface Density {
  kind: ScoreKind | null;
  axis: string;
  edges: number[];
  /** bins × bins, row-major: row = a's bin (x), column = b's bin (y). */
  counts: number[];
  n: number;
  message: string | null;
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
}

export interface CalibrationRequest {
  cohort: Predicate | null;
  bins: number;
}

export interface VersionCalibration {
  version: string;
  n: number;
  ece: number;
  count: number[];
  meanConfidence: number[];
  accuracy: number[];
  outOfRange: number;
}

export interface Calibrations {
  /** Binary: P(positive) vs share positive; multiclass: top probability vs accuracy. */
  kind: 'binary' | 'multiclass' | null;
  versions: VersionCalibration[];
  message: string | null;
}

/** Reliability bins and ECE of each version over the cohort. */
export function calibrationCurves(d: OpenDataset, req: CalibrationRequest): Calibrations {
  const ev = evOf(d);
  if (ev.task === 'regression' || !ev.label) {
    const message = ev.label ? 'Calibration applies to classifiers.' : 'Needs a label column.';
    return { kind: null, versions: [], message };
  }
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
  return { kind: ev.task, versions, message };
}

export { evOf };

// Binary operating points: each version's TPR / FPR / precision / alert rate at its threshold, and
// "match operating point" (the other version's threshold at the baseline's FPR or alert volume).
// Both read each score's sorted index (engine/compare/scoreIndex, built once per score column):
// a threshold is a binary search plus a few lookups, a match two more binary searches.
import { statsAt, thresholdCounts, thresholdForCount } from '../../../engine/compare/scoreIndex';
import type { OpenDataset } from '../../session/dataset';
import { evOf } from './charts';
import { labels01Of } from './chartScores';
import type {
  MatchRequest,
  MatchResult,
  OperatingPoints,
  OperatingPointsRequest,
} from '../../../protocol';

function binaryInputs(d: OpenDataset) {
  const ev = evOf(d);
  const labels01 = labels01Of(ev);
  if (ev.task !== 'binary' || !labels01) return null;
  return { ev, labels01 };
}

const NOT_BINARY = 'Operating points apply to binary scores with a label.';

export function operatingPoints(d: OpenDataset, req: OperatingPointsRequest): OperatingPoints {
  const inputs = binaryInputs(d);
  if (!inputs) return { versions: [], message: NOT_BINARY };
  const mask = d.maskOf(req.cohort) ?? undefined;
  const versions = inputs.ev.versions.flatMap((v) =>
    v.score
      ? [
          {
            version: v.name,
            ...statsAt(
              thresholdCounts(inputs.labels01, v.score, mask),
              thresholdFor(req.thresholds, v.name),
            ),
          },
        ]
      : [],
  );
  return { versions, message: versions.length ? null : 'No version has a score.' };
}

/** A version's threshold; own keys only, so a version named "constructor" gets 0.5. */
const thresholdFor = (t: Record<string, number>, version: string): number =>
  Object.hasOwn(t, version) ? t[version]! : 0.5;

/** Threshold for `other` at which its FPR (or alert count) is closest to the baseline's. */
export function matchPoint(d: OpenDataset, req: MatchRequest): MatchResult {
  const inputs = binaryInputs(d);
  const ev = inputs?.ev;
  const a = ev?.versions.find((v) => v.name === req.baseline)?.score;
  const b = ev?.versions.find((v) => v.name === req.other)?.score;
  if (!inputs || !a || !b) throw new Error(`${NOT_BINARY} Both versions need a score.`);
  const mask = d.maskOf(req.cohort);
  const labels = inputs.labels01;
  // Both versions on the same rows: the cohort's rows scored by both (and labelled, for 'fpr'),
  // as engine/compare/threshold's matchOperatingPoint (the reference the unit test checks).
  const rows = new Uint8Array(labels.length);
  // Every cohort row usable (the usual case): the set is the cohort itself, whose counts the
  // operating points already built (a pass over a million rows in score order saved per version).
  let whole = true;
  for (let i = 0; i < rows.length; i++) {
    const l = labels[i]!;
    const inCohort = !mask || mask[i] === 1;
    const usable = a[i] === a[i] && b[i] === b[i] && (req.by === 'alerts' || l === 0 || l === 1);
    rows[i] = inCohort && usable ? 1 : 0;
    if (inCohort && !usable) whole = false;
  }
  const set = whole ? (mask ?? undefined) : rows;
  const thr = thresholdFor(req.thresholds, req.baseline);
  const base = statsAt(thresholdCounts(labels, a, set), thr);
  const target = req.by === 'fpr' ? base.fp : base.alerts;
  const other = thresholdCounts(labels, b, set);
  const m = thresholdForCount(other, req.by === 'fpr' ? 'neg' : 'all', target);
  return {
    by: req.by,
    baseline: req.baseline,
    other: req.other,
    threshold: m.threshold,
    target,
    achieved: m.achieved,
    base,
    matched: statsAt(other, m.threshold),
    rows: base.n,
    message: Number.isNaN(m.threshold) ? 'No rows to match on.' : null,
  };
}

// Binary operating points: each version's TPR / FPR / precision / alert rate at its threshold, and
// "match operating point" (the other version's threshold at the baseline's FPR or alert volume).
import { matchOperatingPoint, thresholdStats } from '../../../engine/compare';
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
            ...thresholdStats(inputs.labels01, v.score, thresholdFor(req.thresholds, v.name), mask),
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
  const mask = d.maskOf(req.cohort) ?? undefined;
  const thr = thresholdFor(req.thresholds, req.baseline);
  const m = matchOperatingPoint(inputs.labels01, a, thr, b, req.by, mask);
  return {
    by: req.by,
    baseline: req.baseline,
    other: req.other,
    threshold: m.threshold,
    target: m.target,
    achieved: m.achieved,
    base: m.base,
    matched: m.other,
    rows: m.base.n,
    message: Number.isNaN(m.threshold) ? 'No rows to match on.' : null,
  };
}

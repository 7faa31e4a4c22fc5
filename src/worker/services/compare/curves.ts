// ROC and precision–recall curves per version over the active cohort, read off each score's
// sorted index (engine/compare/indexedCurve: no sort per request, the curve kept per score, labels
// and cohort), the marks by a binary search (statsAt); only a few hundred points per curve cross
// to the page. A threshold edit therefore costs the marks and the thinning, not two sorts.
import type { EvalArrays } from '../../../data/prepare';
import {
  curveAp,
  curveAuc,
  matchedMark,
  thresholdMark,
  prLine,
  rocLine,
} from '../../../engine/compare';
import { indexedCurve } from '../../../engine/compare/indexedCurve';
import { statsAt, thresholdCounts } from '../../../engine/compare/scoreIndex';
import { binaryLabels } from '../../../engine/metrics/perRow';
import type { OpenDataset } from '../../session/dataset';
import { evOf } from './charts';
import { labels01Of } from './chartScores';
import type { Curves, CurvesRequest, VersionCurves } from '../../../protocol';

type Floats = Float32Array | Float64Array;

/** Column k of row-major class probabilities: one class's score, one-vs-rest. */
function classColumn(probs: Float32Array, k: number, classes: number): Float32Array {
  const n = probs.length / classes;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = probs[i * classes + k]!;
  return out;
}

/** Labels 1/0/2 and each version's score for the curves, or why there are none. */
function inputs(ev: EvalArrays, classIndex: number) {
  if (ev.task === 'binary') {
    const labels01 = labels01Of(ev);
    const scores = ev.versions.map((v) => ({ name: v.name, score: v.score as Floats | null }));
    return { kind: 'binary' as const, labels01, scores, positive: ev.positive };
  }
  const k = ev.classes.length;
  const scores = ev.versions.map((v) => ({
    name: v.name,
    score: v.probs ? (classColumn(v.probs, classIndex, k) as Floats) : null,
  }));
  const labels01 = ev.label ? binaryLabels(ev.label, classIndex) : null;
  return { kind: 'one-vs-rest' as const, labels01, scores, positive: classIndex };
}

const thresholdFor = (t: Record<string, number>, version: string): number =>
  Object.hasOwn(t, version) ? t[version]! : 0.5;

export function rocPrCurves(d: OpenDataset, req: CurvesRequest): Curves {
  const ev = evOf(d);
  const classIndex = Math.min(Math.max(0, req.classIndex ?? 0), ev.classes.length - 1);
  const none = (message: string): Curves => ({
    kind: null,
    positive: '',
    classIndex,
    classes: ev.classes,
    versions: [],
    message,
  });
  if (ev.task === 'regression') return none('ROC and precision–recall curves need a classifier.');
  if (!ev.label) return none('ROC and precision–recall curves need a label column.');
  const { kind, labels01, scores, positive } = inputs(ev, classIndex);
  if (!labels01) return none('ROC and precision–recall curves need a label column.');
  const mask = d.maskOf(req.cohort) ?? undefined;
  const base = scores.find((s) => s.name === req.baseline)?.score ?? null;
  // The baseline's false positives at its threshold: other versions are marked where they flag
  // as many (the "match operating point by FPR" of the thresholds panel).
  const baseFp =
    kind === 'binary' && base
      ? statsAt(thresholdCounts(labels01, base, mask), thresholdFor(req.thresholds, req.baseline!))
          .fp
      : null;
  const versions = scores.flatMap(({ name, score }): VersionCurves[] => {
    if (!score) return [];
    const c = indexedCurve(labels01, score, mask);
    const thr = thresholdFor(req.thresholds, name);
    const binary = kind === 'binary';
    const matched =
      binary && baseFp !== null && name !== req.baseline ? matchedMark(c, baseFp) : null;
    return [
      {
        version: name,
        nPos: c.nPos,
        nNeg: c.nNeg,
        auc: curveAuc(c),
        ap: curveAp(c),
        roc: rocLine(c, req.points),
        pr: prLine(c, req.points),
        chosen: binary ? thresholdMark(statsAt(thresholdCounts(labels01, score, mask), thr)) : null,
        matched,
      },
    ];
  });
  const what = kind === 'binary' ? 'a score' : 'class probabilities';
  return {
    kind,
    positive: ev.classes[positive] ?? '?',
    classIndex,
    classes: ev.classes,
    versions,
    message: versions.length ? null : `No version has ${what}.`,
  };
}

// Macro-F1 from per-class counts, and the paired difference of two versions' macro-F1 from the
// k³ joint counts (label, A's class, B's class): shared by the tab's release rules and the DuckDB
// server, which counts the k³ cells with one GROUP BY.
import type { CountStatistic, PairedStatistic } from '../stats';

/** Macro-F1 from per-class counts with classificationSummary's conventions (present classes). */
export function macroF1(support: Float64Array, predicted: Float64Array, tp: Float64Array): number {
  let sum = 0;
  let present = 0;
  for (let c = 0; c < support.length; c++) {
    const denom = support[c]! + predicted[c]!;
    if (denom > 0) {
      sum += (2 * tp[c]!) / denom;
      present++;
    }
  }
  return present > 0 ? sum / present : NaN;
}

/** Macro-F1 of B minus A from the k³ joint counts (label, A's class, B's class). */
export function macroF1CountsStatistic(
  categories: Float64Array,
  k: number,
): CountStatistic & PairedStatistic {
  const support = new Float64Array(k);
  const predictedA = new Float64Array(k);
  const predictedB = new Float64Array(k);
  const tpA = new Float64Array(k);
  const tpB = new Float64Array(k);
  const sides = (c: Float64Array): [number, number] => {
    support.fill(0);
    predictedA.fill(0);
    predictedB.fill(0);
    tpA.fill(0);
    tpB.fill(0);
    for (let t = 0; t < k; t++) {
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          const w = c[(t * k + a) * k + b]!;
          if (w === 0) continue;
          support[t]! += w;
          predictedA[a]! += w;
          predictedB[b]! += w;
          if (a === t) tpA[t]! += w;
          if (b === t) tpB[t]! += w;
        }
      }
    }
    return [macroF1(support, predictedA, tpA), macroF1(support, predictedB, tpB)];
  };
  const [a, b] = sides(categories);
  const evaluate = (c: Float64Array) => {
    const [x, y] = sides(c);
    return y - x;
  };
  return { kind: 'counts', categories, estimate: b - a, a, b, evaluate };
}

import { pairedMeanScore, pairedScore } from './paired';
import { meanScore, rateScore } from './score';
import type { Cell, Score, Target } from './types';

export function scoreCell(kind: Target['kind'], c: Cell, all: Cell): Score {
  switch (kind) {
    case 'rate':
      return rateScore(c, all);
    case 'mean':
      return meanScore(c, all);
    // The paired kinds rank by the net change (paired.ts), not by one direction of flips: a
    // slice where predictions churn both ways has many negative flips and no regression.
    case 'paired':
      return pairedScore(c, all);
    case 'pairedMean':
      return pairedMeanScore(c, all);
  }
}

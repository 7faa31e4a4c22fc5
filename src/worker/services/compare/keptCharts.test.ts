import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from '../../session/session';
import { compareApi } from './api';
import type { Predicate } from '../../../shared/predicate';

// The flights demo (30,000 rows, binary, two scores): charts asked again after a threshold edit
// (issue 15) are kept when they read scores only, and equal a fresh session's either way.
const bytes = new Uint8Array(
  readFileSync(new URL('../../../../public/demo/flights.arrow', import.meta.url)),
);

function open(thresholds: Record<string, number>) {
  const s = new Session();
  const r = s.openBytes([{ name: 'flights.arrow', bytes }]);
  s.analyse(r.summary!.inferred);
  s.setThresholds(thresholds);
  return { s, api: compareApi(s) };
}

const evening: Predicate = { op: 'range', column: 'dep_hour', min: 20, max: null };
const v2Wrong: Predicate = { op: 'outcome', version: 'v2', correct: false };

describe('chart answers across threshold edits', () => {
  it('score charts after an edit equal a fresh session at the new thresholds', () => {
    const { s, api } = open({});
    const ask = (a: ReturnType<typeof compareApi>, cohort: Predicate | null, t: number) => ({
      distributions: a.scoreDistributions({ cohort, bins: 30, include: [0.5, t] }),
      density: a.scoreDensity({ cohort, a: 'v1', b: 'v2', bins: 20, include: [0.5, t] }),
      calibration: a.calibrationCurves({ cohort, bins: 10 }),
    });
    for (const cohort of [null, evening, v2Wrong]) {
      s.setThresholds({});
      const before = ask(api, cohort, 0.5);
      // 0.95 lies above flights' scores (under 0.7): the range, and so the bins, widen.
      for (const t of [0.3, 0.95]) {
        s.setThresholds({ v2: t });
        const after = ask(api, cohort, t);
        const fresh = ask(open({ v2: t }).api, cohort, t);
        expect(after).toEqual(fresh);
        if (cohort === v2Wrong) {
          // Its rows follow v2's predictions: the charts follow the threshold.
          expect(after.calibration).not.toEqual(before.calibration);
        } else {
          // Scores only: calibration is the same object (kept), not computed again.
          expect(after.calibration).toBe(before.calibration);
        }
      }
    }
  });
});

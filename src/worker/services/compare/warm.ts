// After an analysis, the worker builds what Compare's first numbers need (each score's sorted
// index, the ranked rows, per-row losses) in the background, one piece per task, so opening
// Compare later only adds and counts. A request arriving meanwhile is answered between pieces; a
// newer analysis drops the rest of an older warm-up; each piece waits for the page's queued
// requests (scheduler.ts). `then` runs after the last piece (api.ts
// starts the view's bootstrap there).
import type { EvalArrays } from '../../../data/prepare';
import { rankedScore, scoreIndex } from '../../../engine/compare/scoreIndex';
import { labels01Of } from './chartScores';
import { perRowOf } from './perRow';
import { flipsKept } from './flipCounts';
import { predictionsAtDefault } from '../../session/thresholds';
import { span, traceStart } from '../../../shared/trace';
import { backgroundTurn } from '../../scheduler';

let latest: EvalArrays | null = null;

export function warmCompare(ev: EvalArrays, then: () => void = () => {}): void {
  latest = ev;
  const steps: (() => unknown)[] = [];
  const bin = labels01Of(ev);
  for (const v of ev.versions) {
    const score = v.score;
    if (score) {
      steps.push(() => scoreIndex(score));
      if (bin) steps.push(() => rankedScore(bin, score));
    }
    steps.push(() => perRowOf(ev, v.name));
  }
  // The first threshold edit patches the predictions at the default threshold and their flips
  // against the default baseline (the first version), both derived here (flipCounts.ts).
  const first = ev.versions[0];
  const label = ev.label;
  if (first && label) {
    let firstAtDefault: Int32Array | null = null;
    steps.push(() => (firstAtDefault = predictionsAtDefault(ev, first.name)));
    for (const v of ev.versions.slice(1)) {
      steps.push(() => {
        const mine = predictionsAtDefault(ev, v.name);
        if (mine && first.pred) flipsKept(label, first.pred, mine, null);
        if (firstAtDefault && v.pred) flipsKept(label, firstAtDefault, v.pred, null);
      });
    }
  }
  const next = () => {
    if (latest !== ev) return;
    const step = steps.shift();
    const t = traceStart();
    if (!step) {
      then();
      return span('warm:then', t);
    }
    step();
    span('warm:step', t);
    later(next);
  };
  later(next);
}

/**
 * After a task, and after the page's queued requests (scheduler.ts). Not after a quiet moment as
 * well: what it builds is what Compare's first numbers need, and at 1M, with that wait, the
 * warm-up ended later and Compare opened 3 s after the Overview showed its first numbers later
 * (interleaved runs at load 15–40: median 522 against 276 ms).
 */
function later(next: () => void) {
  setTimeout(() => {
    const turn = backgroundTurn(() => true);
    if (turn) void turn.then(next);
    else next();
  }, 0);
}

import type { EvalArrays } from '../../../data/prepare';
import type { RowRulesRequest, RulesRequest, RulesResult } from '../../../protocol';
import type { Session } from '../../session/session';
import { breathe } from '../../session/yieldEvery';
import { rowRules } from './row';
import { evaluateRules } from './rules';

/**
 * Release rules: the cohort × rule grid, and the rules one row takes part in. A grid is kept per
 * request under the current prepared arrays (a new roles or thresholds analysis makes a new `ev`,
 * so its entries die with it). Its bootstrap gives way to other requests, and a newer grid
 * request stops an older one still running (its caller has moved on); a stopped grid is
 * forgotten so asking for it again computes it.
 */
export function rulesApi(session: Session) {
  const grids = new WeakMap<EvalArrays, Map<string, Promise<RulesResult>>>();
  let latest = '';
  return {
    evaluateRules: (req: RulesRequest) => {
      const d = session.dataset;
      const ev = d.ev;
      if (!ev) return evaluateRules(d, req);
      let cache = grids.get(ev);
      if (!cache) grids.set(ev, (cache = new Map()));
      const key = JSON.stringify(req);
      latest = key;
      const hit = cache.get(key);
      if (hit) return hit;
      const run = evaluateRules(d, req, { pause: breathe, cancelled: () => latest !== key });
      cache.set(key, run);
      run.catch(() => cache.delete(key));
      return run;
    },
    rowRules: (req: RowRulesRequest) => rowRules(session.dataset, req),
  };
}

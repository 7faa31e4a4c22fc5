// Which release rules one row crosses, in words, for the row detail (support staff): the row's
// values from the prepared arrays, the sentences from engine/rules/row (shared with the server).
import type { EvalArrays } from '../../../data/prepare';
import type { OpenDataset } from '../../session/dataset';
import { scoreOf } from '../compare/chartScores';
import { rowRuleHits } from '../../../engine/rules/row';
import type { RowRulesRequest, RowRulesResult } from '../../../protocol';

function outcomeAt(ev: EvalArrays, pred: Int32Array | null, i: number): boolean | null {
  const l = ev.label?.[i] ?? -1;
  const p = pred?.[i] ?? -1;
  return l < 0 || p < 0 ? null : l === p;
}

/** The rules the row crosses between the baseline and each other version. */
export function rowRules(d: OpenDataset, req: RowRulesRequest): RowRulesResult {
  const ev = d.ev;
  if (!ev || !Number.isInteger(req.row) || req.row < 0 || req.row >= d.n) {
    return { hits: [], notPerRow: [] };
  }
  const i = req.row;
  const versions = ev.versions.map((v) => ({
    name: v.name,
    score: scoreOf(ev, v)?.[i] ?? NaN,
    correct: outcomeAt(ev, v.pred, i),
    yhat: v.yhat?.[i] ?? NaN,
  }));
  return rowRuleHits(req.rules, ev.task, versions, req.baseline, ev.y?.[i] ?? NaN);
}

// Which release rules one row crosses, in words, for the row detail (support staff).
import type { EvalArrays } from '../../../data/prepare';
import type { OpenDataset } from '../../session/dataset';
import { scoreOf } from '../compare/chartScores';
import { validateRule } from '../../../engine/rules/limits';
import type { RowRuleHit, RowRulesRequest, RowRulesResult } from '../../../protocol';
import { formatSignificant, formatThreshold } from '../../../shared/numberFormat';

/** Two decimals, more when two decimals would hide which side of the threshold a value is. */
function fmt(v: number, t: number): string {
  let digits = 2;
  while (digits < 6 && v.toFixed(digits) === t.toFixed(digits) && v !== t) digits++;
  return v.toFixed(digits);
}

function outcomeAt(ev: EvalArrays, pred: Int32Array | null, i: number): boolean | null {
  const l = ev.label?.[i] ?? -1;
  const p = pred?.[i] ?? -1;
  return l < 0 || p < 0 ? null : l === p;
}

/** The rules the row crosses between the baseline and each other version. */
export function rowRules(d: OpenDataset, req: RowRulesRequest): RowRulesResult {
  const ev = d.ev;
  const hits: RowRuleHit[] = [];
  const notPerRow: RowRulesResult['notPerRow'] = [];
  if (!ev || !Number.isInteger(req.row) || req.row < 0 || req.row >= d.n) {
    return { hits, notPerRow };
  }
  const i = req.row;
  const base = ev.versions.find((v) => v.name === req.baseline) ?? ev.versions[0];
  if (!base) return { hits, notPerRow };
  const what =
    ev.task === 'binary' ? 'score' : ev.task === 'multiclass' ? 'confidence' : 'prediction';
  for (const rule of req.rules) {
    if (validateRule(rule) !== null) continue;
    if (rule.kind === 'metric-drop' && rule.metric !== 'accuracy') {
      const name =
        rule.metric === 'auc' ? 'ROC-AUC ranks pairs of rows' : 'Macro-F1 averages classes';
      notPerRow.push({ ruleId: rule.id, reason: `${name}: no single row crosses it.` });
      continue;
    }
    for (const other of ev.versions) {
      if (other === base) continue;
      const hit = (effect: RowRuleHit['effect'], sentence: string) =>
        hits.push({ ruleId: rule.id, baseline: base.name, version: other.name, effect, sentence });
      const A = base.name;
      const B = other.name;
      if (rule.kind === 'share-above-rise') {
        const sa = scoreOf(ev, base)?.[i] ?? NaN;
        const sb = scoreOf(ev, other)?.[i] ?? NaN;
        const t = rule.threshold;
        if (sa !== sa || sb !== sb) continue;
        const move = `(${fmt(sa, t)} under ${A} → ${fmt(sb, t)} under ${B})`;
        if (sa <= t && sb > t) hit('counts', `${what} moved above ${formatThreshold(t)} ${move}`);
        else if (sa > t && sb <= t)
          hit('offsets', `${what} moved below ${formatThreshold(t)} ${move}`);
      } else if (rule.kind === 'metric-drop' || rule.kind === 'negative-flip-rate') {
        const ca = outcomeAt(ev, base.pred, i);
        const cb = outcomeAt(ev, other.pred, i);
        const toward =
          rule.kind === 'metric-drop' ? `${B}'s accuracy drop` : `${B}'s negative flip rate`;
        if (ca === true && cb === false)
          hit('counts', `correct under ${A}, wrong under ${B} — counts toward ${toward}`);
        else if (ca === false && cb === true && rule.kind === 'metric-drop')
          hit('offsets', `wrong under ${A}, correct under ${B} — offsets ${toward}`);
      } else if (rule.kind === 'regression-metric-rise') {
        const y = ev.y?.[i] ?? NaN;
        const ea = Math.abs((base.yhat?.[i] ?? NaN) - y);
        const eb = Math.abs((other.yhat?.[i] ?? NaN) - y);
        if (ea !== ea || eb !== eb || ea === eb) continue;
        const metric = rule.metric.toUpperCase();
        const dir = eb > ea ? 'rose' : 'fell';
        const sentence = `absolute error ${dir} from ${formatSignificant(ea)} under ${A} to ${formatSignificant(eb)} under ${B}`;
        hit(
          eb > ea ? 'counts' : 'offsets',
          `${sentence} — ${eb > ea ? 'adds to' : 'offsets'} the ${metric} rise`,
        );
      }
    }
  }
  return { hits, notPerRow };
}

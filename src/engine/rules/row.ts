// Which release rules one row crosses, in words, for the row detail: from the row's own values
// (each version's score, whether it is correct, its prediction), so the tab's worker (typed
// arrays) and the DuckDB server (one row by SQL) give the same sentences.
import type { ReleaseRule } from './types';
import { validateRule } from './limits';
import { formatSignificant, formatThreshold } from '../../shared/numberFormat';

/** One version's values on the row; NaN / null where it has none. */
export interface RowVersionValues {
  name: string;
  /** The chart score: binary score, multiclass confidence, regression prediction. */
  score: number;
  /** Label and prediction both present: whether they agree; else null. */
  correct: boolean | null;
  /** Regression: the prediction. */
  yhat: number;
}

export interface RowRuleHit {
  ruleId: string;
  baseline: string;
  version: string;
  /** 'counts': the row pushes the cohort towards failing the rule; 'offsets': away from it. */
  effect: 'counts' | 'offsets';
  sentence: string;
}

/** Two decimals, more when two decimals would hide which side of the threshold a value is. */
function fmt(v: number, t: number): string {
  let digits = 2;
  while (digits < 6 && v.toFixed(digits) === t.toFixed(digits) && v !== t) digits++;
  return v.toFixed(digits);
}

/** The rules the row crosses between the baseline (the first of `versions` if not found) and each other version. */
export function rowRuleHits(
  rules: ReleaseRule[],
  task: 'binary' | 'multiclass' | 'regression',
  versions: RowVersionValues[],
  baseline: string | null,
  y: number,
): { hits: RowRuleHit[]; notPerRow: { ruleId: string; reason: string }[] } {
  const hits: RowRuleHit[] = [];
  const notPerRow: { ruleId: string; reason: string }[] = [];
  const base = versions.find((v) => v.name === baseline) ?? versions[0];
  if (!base) return { hits, notPerRow };
  const what = task === 'binary' ? 'score' : task === 'multiclass' ? 'confidence' : 'prediction';
  for (const rule of rules) {
    if (validateRule(rule) !== null) continue;
    if (rule.kind === 'metric-drop' && rule.metric !== 'accuracy') {
      const name =
        rule.metric === 'auc' ? 'ROC-AUC ranks pairs of rows' : 'Macro-F1 averages classes';
      notPerRow.push({ ruleId: rule.id, reason: `${name}: no single row crosses it.` });
      continue;
    }
    for (const other of versions) {
      if (other === base) continue;
      const hit = (effect: RowRuleHit['effect'], sentence: string) =>
        hits.push({ ruleId: rule.id, baseline: base.name, version: other.name, effect, sentence });
      const A = base.name;
      const B = other.name;
      if (rule.kind === 'share-above-rise') {
        const sa = base.score;
        const sb = other.score;
        const t = rule.threshold;
        if (sa !== sa || sb !== sb) continue;
        const move = `(${fmt(sa, t)} under ${A} → ${fmt(sb, t)} under ${B})`;
        if (sa <= t && sb > t) hit('counts', `${what} moved above ${formatThreshold(t)} ${move}`);
        else if (sa > t && sb <= t)
          hit('offsets', `${what} moved below ${formatThreshold(t)} ${move}`);
      } else if (rule.kind === 'metric-drop' || rule.kind === 'negative-flip-rate') {
        const ca = base.correct;
        const cb = other.correct;
        const toward =
          rule.kind === 'metric-drop' ? `${B}'s accuracy drop` : `${B}'s negative flip rate`;
        if (ca === true && cb === false)
          hit('counts', `correct under ${A}, wrong under ${B} — counts toward ${toward}`);
        else if (ca === false && cb === true && rule.kind === 'metric-drop')
          hit('offsets', `wrong under ${A}, correct under ${B} — offsets ${toward}`);
      } else if (rule.kind === 'regression-metric-rise') {
        const ea = Math.abs(base.yhat - y);
        const eb = Math.abs(other.yhat - y);
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

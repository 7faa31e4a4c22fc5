import type { Task } from '../../../shared/roles';
import type { ReleaseRule } from '../../../protocol';
import { formatSignificant, formatThreshold } from '../../../ui/format';

/** A limit as the user typed it (6 significant digits hide float noise such as 0.1 + 0.2). */
const typed = (v: number) => formatSignificant(v, 6);

export const RULE_METRICS = {
  accuracy: 'Accuracy',
  macroF1: 'Macro-F1',
  auc: 'ROC-AUC',
  mae: 'MAE',
  rmse: 'RMSE',
} as const;

const points = (v: number) => `${typed(v)} ${v === 1 ? 'point' : 'points'}`;

/** What a share-above rule measures for the task: scores (binary) or confidences. */
export function scoreWord(task: Task | null): string {
  return task === 'multiclass' ? 'confidences' : task === 'regression' ? 'predictions' : 'scores';
}

/** The rule as a sentence, e.g. "Share of scores above 0.7 must not rise by more than 1 point". */
export function describeRule(r: ReleaseRule, task: Task | null): string {
  switch (r.kind) {
    case 'metric-drop':
      return `${RULE_METRICS[r.metric] ?? r.metric} must not drop by more than ${points(r.maxDropPoints)}`;
    case 'share-above-rise':
      return `Share of ${scoreWord(task)} above ${formatThreshold(r.threshold)} must not rise by more than ${points(r.maxRisePoints)}`;
    case 'negative-flip-rate':
      return `Negative flip rate must not exceed ${typed(r.maxRate)}%`;
    case 'regression-metric-rise':
      return `${RULE_METRICS[r.metric] ?? r.metric} must not rise by more than ${typed(r.maxRise)}`;
    default:
      return 'Unknown rule';
  }
}

let counter = 0;
export function newRuleId(): string {
  counter += 1;
  return `r${Date.now().toString(36)}${counter}`;
}

export type RuleKind = ReleaseRule['kind'];

/** Rule kinds that can be measured for a task. */
export function kindsFor(task: Task | null): RuleKind[] {
  if (task === 'regression') return ['regression-metric-rise', 'share-above-rise'];
  return ['share-above-rise', 'metric-drop', 'negative-flip-rate'];
}

export const KIND_NAMES: Record<RuleKind, string> = {
  'share-above-rise': 'Share above a threshold:',
  'metric-drop': 'Metric drop:',
  'negative-flip-rate': 'Negative flip rate',
  'regression-metric-rise': 'Error rise:',
};

/** A rule of that kind with the product's example limits, keeping the id. */
export function defaultRule(kind: RuleKind, id: string): ReleaseRule {
  switch (kind) {
    case 'share-above-rise':
      return { id, kind, threshold: 0.7, maxRisePoints: 1 };
    case 'metric-drop':
      return { id, kind, metric: 'accuracy', maxDropPoints: 1 };
    case 'negative-flip-rate':
      return { id, kind, maxRate: 2 };
    case 'regression-metric-rise':
      return { id, kind, metric: 'mae', maxRise: 0.1 };
  }
}

import type { ReleaseRule } from './types';

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Why a rule cannot be evaluated, or null when it is well formed. Rules arrive from links and
 * storage (parsed loosely there), so every field is checked before use.
 */
export function validateRule(r: ReleaseRule): string | null {
  const o = r as unknown as Record<string, unknown>;
  if (typeof o.id !== 'string') return 'has no id';
  switch (r.kind) {
    case 'metric-drop':
      if (!['accuracy', 'macroF1', 'auc'].includes(r.metric)) return `unknown metric ${r.metric}`;
      return finite(r.maxDropPoints) && r.maxDropPoints >= 0 ? null : 'needs a drop ≥ 0';
    case 'share-above-rise':
      if (!finite(r.threshold)) return 'needs a threshold';
      return finite(r.maxRisePoints) && r.maxRisePoints >= 0 ? null : 'needs a rise ≥ 0';
    case 'negative-flip-rate':
      return finite(r.maxRate) && r.maxRate >= 0 && r.maxRate <= 100 ? null : 'needs 0–100%';
    case 'regression-metric-rise':
      if (r.metric !== 'mae' && r.metric !== 'rmse') return `unknown metric ${String(r.metric)}`;
      return finite(r.maxRise) && r.maxRise >= 0 ? null : 'needs a rise ≥ 0';
    default:
      return `unknown kind ${String(o.kind)}`;
  }
}

/** The rule's limit in the unit its measurement uses (fractions for points and percentages). */
export function ruleLimit(r: ReleaseRule): {
  measure: 'change' | 'level';
  limit: number;
  failWhen: 'above' | 'below';
  scale: 'fraction' | 'raw';
} {
  switch (r.kind) {
    case 'metric-drop':
      return {
        measure: 'change',
        limit: -r.maxDropPoints / 100,
        failWhen: 'below',
        scale: 'fraction',
      };
    case 'share-above-rise':
      return {
        measure: 'change',
        limit: r.maxRisePoints / 100,
        failWhen: 'above',
        scale: 'fraction',
      };
    case 'negative-flip-rate':
      return { measure: 'level', limit: r.maxRate / 100, failWhen: 'above', scale: 'fraction' };
    case 'regression-metric-rise':
      return { measure: 'change', limit: r.maxRise, failWhen: 'above', scale: 'raw' };
  }
}

import type { ReleaseRule } from '../../protocol';
import { describe, isFinite, isName, isObject, own } from './fields';

const DROP_METRICS = ['accuracy', 'macroF1', 'auc'] as const;
const RISE_METRICS = ['mae', 'rmse'] as const;

function limit(o: Record<string, unknown>, key: string, max = Number.MAX_VALUE, min = 0): number {
  const v = own(o, key);
  if (!isFinite(v) || v < min || v > max)
    throw new Error(`${key} is ${describe(v)}, not a number in range`);
  return v;
}

function oneOf<T extends string>(
  o: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
): T {
  const v = allowed.find((a) => a === own(o, key));
  if (!v) throw new Error(`${key} ${describe(own(o, key))} is not one of ${allowed.join(', ')}`);
  return v;
}

/**
 * A release rule from untrusted JSON: every field of its kind checked and copied, nothing else
 * kept (a 10,000-deep object where a number belongs is refused here, not met by the panel).
 * Throws an Error saying what is wrong.
 */
export function readRule(v: unknown): ReleaseRule {
  if (!isObject(v)) throw new Error(`it is ${describe(v)}, not a rule`);
  const id = own(v, 'id');
  if (!isName(id)) throw new Error('it has no id');
  const kind = own(v, 'kind');
  switch (kind) {
    case 'metric-drop':
      return {
        id,
        kind,
        metric: oneOf(v, 'metric', DROP_METRICS),
        maxDropPoints: limit(v, 'maxDropPoints'),
      };
    case 'share-above-rise':
      return {
        id,
        kind,
        threshold: limit(v, 'threshold', Number.MAX_VALUE, -Number.MAX_VALUE),
        maxRisePoints: limit(v, 'maxRisePoints'),
      };
    case 'negative-flip-rate':
      return { id, kind, maxRate: limit(v, 'maxRate', 100) };
    case 'regression-metric-rise':
      return { id, kind, metric: oneOf(v, 'metric', RISE_METRICS), maxRise: limit(v, 'maxRise') };
    default:
      throw new Error(`its kind ${describe(kind)} is unknown`);
  }
}

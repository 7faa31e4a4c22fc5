export type FlipKind =
  | 'correct-to-wrong'
  | 'wrong-to-correct'
  | 'both-correct'
  | 'both-wrong-same'
  | 'both-wrong-changed'
  | 'changed'
  | 'unchanged'
  | 'unknown';

export interface FlipSide {
  version: string;
  /** Predicted class name, or null when this version has no prediction for the row. */
  predicted: string | null;
}

/**
 * How one row's outcome changed between two versions, in words a support agent can repeat
 * ("correct under v1, wrong under v2"). `label` is the true class, or null when unknown.
 */
export function describeFlip(
  a: FlipSide,
  b: FlipSide,
  label: string | null,
): { kind: FlipKind; sentence: string } {
  const [x, y] = [a.version, b.version];
  if (a.predicted === null || b.predicted === null) {
    const missing = [a, b].filter((s) => s.predicted === null).map((s) => s.version);
    return {
      kind: 'unknown',
      sentence: `${missing.join(' and ')} ${missing.length > 1 ? 'have' : 'has'} no prediction for this row`,
    };
  }
  const changed = a.predicted !== b.predicted;
  if (label === null) {
    return changed
      ? {
          kind: 'changed',
          sentence: `no label; prediction changed from ${a.predicted} under ${x} to ${b.predicted} under ${y}`,
        }
      : { kind: 'unchanged', sentence: `no label; ${x} and ${y} both predicted ${a.predicted}` };
  }
  const okA = a.predicted === label;
  const okB = b.predicted === label;
  if (okA && okB) {
    return {
      kind: 'both-correct',
      sentence: `correct under both ${x} and ${y} (predicted ${label})`,
    };
  }
  if (okA) {
    return {
      kind: 'correct-to-wrong',
      sentence: `correct under ${x}, wrong under ${y} (${y} predicted ${b.predicted}; the label is ${label})`,
    };
  }
  if (okB) {
    return {
      kind: 'wrong-to-correct',
      sentence: `wrong under ${x}, correct under ${y} (${x} predicted ${a.predicted}; the label is ${label})`,
    };
  }
  return changed
    ? {
        kind: 'both-wrong-changed',
        sentence: `wrong under both ${x} and ${y}, prediction changed from ${a.predicted} to ${b.predicted} (the label is ${label})`,
      }
    : {
        kind: 'both-wrong-same',
        sentence: `wrong under both ${x} and ${y}, both predicted ${a.predicted} (the label is ${label})`,
      };
}

/** Regression: whether the absolute error grew or shrank between two versions, in words. */
export function describeErrorChange(
  a: string,
  b: string,
  errA: number,
  errB: number,
  fmt: (v: number) => string,
): string {
  if (errA !== errA || errB !== errB) return `${errA !== errA ? a : b} has no prediction or label`;
  if (errA === errB) return `absolute error unchanged at ${fmt(errA)} under ${a} and ${b}`;
  const verb = errB > errA ? 'grew' : 'shrank';
  return `absolute error ${verb} from ${fmt(errA)} under ${a} to ${fmt(errB)} under ${b}`;
}

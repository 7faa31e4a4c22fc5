import { formatCount, formatSeconds } from '../../ui/format';
import type { SlicesRequest, SlicesResult } from '../../protocol';
import { formatEffect } from './format';

/** "Groups of rows … where v2 got worse than v1 …, within “X”." */
export function whatWasSearched(
  s: Pick<SlicesRequest, 'mode' | 'version' | 'baseline'> & { maxConditions?: number },
  within: string | null,
): string {
  const b = s.baseline ?? 'the baseline';
  const what =
    s.mode === 'failure'
      ? `${s.version} fails more than on the rest`
      : s.mode === 'regression'
        ? `${s.version} got worse than ${b} on balance (rows it broke minus rows it fixed), more than elsewhere`
        : `${s.version} got better than ${b} on balance (rows it fixed minus rows it broke), more than elsewhere`;
  const depth = s.maxConditions ? ` described by up to ${s.maxConditions} feature conditions,` : '';
  return `Groups of rows,${depth} where ${what}${within ? `, within “${within}”` : ''}.`;
}

function testWords(result: SlicesResult): string {
  if (result.mode === 'failure') {
    return result.measure === 'MAE'
      ? 'the rest (Welch t)'
      : 'the rest (exact binomial at the rest’s rate)';
  }
  // Paired: both tests must hold, so the p-value is the larger of the two.
  return result.measure === 'change in error rate'
    ? 'its own rows (McNemar, exact below 25 discordant rows) and against the rest (z on the paired change); p is the larger of the two'
    : 'its own rows (paired t) and against the rest (Welch t); p is the larger of the two';
}

/** How the results were tested and what the search covered. */
export function SlicesNote({ result }: { result: SlicesResult }) {
  const skipped = result.skipped.map((s) => `${s.column} (${formatCount(s.categories)})`);
  return (
    <p className="muted slices-note">
      {result.cancelled ? 'Cancelled; the best slices found so far. ' : ''}
      Overall {result.measure}: {formatEffect(result.overall, result.measure)} over{' '}
      {formatCount(result.n)} rows. Each slice is tested one-sided on {testWords(result)}; q is the
      Benjamini–Hochberg adjusted p-value (false discovery rate 5%) over {formatCount(result.tried)}{' '}
      slices tried ({formatCount(result.tested)} tested, the rest of the lattice counted as p = 1).
      Minimum {formatCount(result.minSize)} rows; {formatCount(result.features)} features; numeric
      ones in quantile bins.
      {skipped.length > 0 &&
        ` Only the 30 most frequent categories are candidates; skipped: ${skipped.join(', ')}.`}{' '}
      {result.done && `${formatSeconds(result.elapsedMs)}.`}
    </p>
  );
}

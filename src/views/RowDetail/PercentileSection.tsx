import { formatCount, formatPercent } from '../../ui/format';
import { formatValue } from '../../ui/formatCell';
import type { FoundRow } from './types';

function ordinal(n: number): string {
  // "0th" and "100th" read as mistakes: say which end instead.
  if (n < 1) return 'bottom 1%, below the 1st';
  if (n >= 99.5) return 'top 1%, above the 99th';
  const r = Math.round(n);
  const teen = r % 100 >= 11 && r % 100 <= 13;
  return `${r}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][r % 10] ?? 'th')}`;
}

/** Where this row's score falls among the rows of the active cohort, per version, in words. */
export function PercentileSection({ d, cohortName }: { d: FoundRow; cohortName: string | null }) {
  const where = cohortName ? `“${cohortName}”` : 'all rows';
  const ranked = d.versions.filter((v) => v.percentile);
  // The row's own value is among the ties when the row is in the cohort.
  const self = d.inActiveCohort === false ? 0 : 1;
  return (
    <section aria-labelledby="detail-percentile">
      <h3 id="detail-percentile">Score percentile in {where}</h3>
      {d.cohortError && <p className="note">The active cohort cannot be used: {d.cohortError}</p>}
      {d.inActiveCohort === false && (
        <p className="note">This row is not in {where}; it is ranked against that cohort anyway.</p>
      )}
      {ranked.length === 0 ? (
        <p className="note">No version has a score or probabilities to rank.</p>
      ) : (
        <ul className="percentiles">
          {ranked.map((v) => {
            const p = v.percentile!;
            const value = d.task === 'regression' ? formatValue(p.value) : formatPercent(p.value);
            return (
              <li key={v.name}>
                <strong>
                  {v.name}: {p.percentile === null ? '–' : `${ordinal(p.percentile)} percentile`}
                </strong>{' '}
                — {p.basis} {value}, higher than {formatCount(p.below)} of {formatCount(p.total)}{' '}
                rows in {where}
                {p.equal > self ? ` (${formatCount(p.equal - self)} more tie with it)` : ''}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

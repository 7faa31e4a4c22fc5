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

/**
 * Where this row's score falls among the rows of the active cohort, per version, in words; a
 * row outside the active cohort is ranked among all rows (the worker does so), and says so.
 */
export function PercentileSection({ d, cohortName }: { d: FoundRow; cohortName: string | null }) {
  const outside = d.inActiveCohort === false;
  const where = cohortName && !outside ? `“${cohortName}”` : 'all rows';
  const ranked = d.versions.filter((v) => v.percentile);
  return (
    <section aria-labelledby="detail-percentile">
      <h3 id="detail-percentile">Score percentile of {where}</h3>
      {d.cohortError && <p className="note">The active cohort cannot be used: {d.cohortError}</p>}
      {outside && cohortName && (
        <p className="note">This row is not in “{cohortName}”, so it is ranked among all rows.</p>
      )}
      {d.ranked === false ? (
        <p className="note" aria-busy="true">
          Ranking this row among {where === 'all rows' ? 'all rows' : `the rows in ${where}`}… (a
          scan of every row in DuckDB)
        </p>
      ) : ranked.length === 0 ? (
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
                — {p.basis} {value}, higher than {formatCount(p.below)} of{' '}
                {where === 'all rows'
                  ? `all ${formatCount(p.total)} rows`
                  : `${formatCount(p.total)} rows in ${where}`}
                {/* The row itself is one of the ties: it is among the rows it is ranked in. */}
                {p.equal > 1 ? ` (${formatCount(p.equal - 1)} more tie with it)` : ''}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

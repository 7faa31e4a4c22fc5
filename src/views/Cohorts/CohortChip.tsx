import type { CohortStats } from '../../protocol';
import { Name } from '../../ui/Name';
import { formatCount, formatMetric, formatPercent } from '../../ui/format';

interface Props {
  name: string;
  stats: CohortStats | null;
  total: number;
  regression: boolean;
  active: boolean;
  onSelect: () => void;
}

/** One cohort: name, size and each version's headline metric, always visible. */
export function CohortChip({ name, stats, total, regression, active, onSelect }: Props) {
  const share = stats && total ? ` (${formatPercent(stats.size / total)})` : '';
  return (
    <button
      type="button"
      className={`chip${active ? ' active' : ''}`}
      aria-pressed={active}
      onClick={onSelect}
    >
      <span className="chip-name">
        <Name text={name} />
      </span>
      {stats?.error ? (
        <span className="error-text">⚠ {stats.error}</span>
      ) : (
        <>
          <span className="chip-size">
            {stats ? `${formatCount(stats.size)} rows${share}` : '…'}
          </span>
          {stats?.metrics.map((m) => (
            <span className="chip-metric" key={m.version}>
              {m.version} {regression ? `MAE ${formatMetric(m.mae)}` : formatPercent(m.accuracy)}
            </span>
          ))}
        </>
      )}
    </button>
  );
}

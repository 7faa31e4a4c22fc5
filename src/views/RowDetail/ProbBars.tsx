import { formatPercent } from '../../ui/format';

interface Props {
  top: { cls: string; p: number }[];
  predicted: string | null;
  label: string | null;
  caption: string;
}

/**
 * The most likely classes as small horizontal bars. Every bar carries its class and value as
 * text, and the predicted and true classes are named in words, not only by colour.
 */
export function ProbBars({ top, predicted, label, caption }: Props) {
  return (
    <table className="prob-bars">
      <caption className="visually-hidden">{caption}</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">Class</th>
          <th scope="col">Probability</th>
        </tr>
      </thead>
      <tbody>
        {top.map((t) => {
          const marks = [t.cls === predicted && 'predicted', t.cls === label && 'label'].filter(
            Boolean,
          );
          return (
            <tr key={t.cls} className={t.cls === label ? 'is-label' : undefined}>
              <th scope="row">
                {t.cls}
                {marks.length > 0 && <span className="hint"> ({marks.join(', ')})</span>}
              </th>
              <td>
                <span className="bar" aria-hidden="true">
                  <span
                    className="fill"
                    style={{ width: `${Math.max(0, Math.min(1, t.p)) * 100}%` }}
                  />
                </span>
                <span className="value">{formatPercent(t.p)}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

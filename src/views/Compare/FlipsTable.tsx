import type { CompareResult, FlipRow } from '../../protocol';
import { formatCount, formatPercent } from '../../ui/format';
import { cohortPredicate, drillDown } from './drill';

function CountButton({
  row,
  base,
  kind,
  count,
}: {
  row: FlipRow;
  base: string;
  kind: 'correct-to-wrong' | 'wrong-to-correct' | 'changed';
  count: number;
}) {
  const words =
    kind === 'changed'
      ? 'prediction changed'
      : kind === 'correct-to-wrong'
        ? 'correct → wrong'
        : 'wrong → correct';
  const where = row.cohortId === 'all' ? '' : ` in ${row.cohortName}`;
  const name = `${base} → ${row.version}: ${words}${where}`;
  if (count === 0) return <>0</>;
  return (
    <button
      type="button"
      className="link-button"
      aria-label={`${formatCount(count)} rows ${words} from ${base} to ${row.version}${where}: show them`}
      onClick={() =>
        drillDown(
          name,
          cohortPredicate(row.cohortId),
          kind === 'changed'
            ? { op: 'changed', a: base, b: row.version }
            : { op: 'flip', from: base, to: row.version, kind },
        )
      }
    >
      {formatCount(count)}
    </button>
  );
}

/** Flips per cohort: the negative flip rate is the headline "what broke" number. */
export function FlipsTable({ result }: { result: CompareResult }) {
  if (result.flips.length === 0) return null;
  const base = result.baseline;
  return (
    <table className="compare flips">
      <caption>Flips from the baseline {base}: each count opens its rows</caption>
      <thead>
        <tr>
          <th scope="col">Cohort</th>
          <th scope="col">Version</th>
          <th scope="col" className="num">
            Rows evaluated
          </th>
          <th scope="col" className="num">
            Correct → wrong
          </th>
          <th scope="col" className="num">
            Negative flip rate
          </th>
          <th scope="col" className="num">
            Wrong → correct
          </th>
          <th scope="col" className="num">
            Positive flip rate
          </th>
          <th scope="col" className="num">
            Prediction changed
          </th>
        </tr>
      </thead>
      <tbody>
        {result.flips.map((f) => (
          <tr key={`${f.cohortId}:${f.version}`}>
            <td>{f.cohortName}</td>
            <th scope="row">{f.version}</th>
            <td className="num">{formatCount(f.evaluated)}</td>
            <td className="num">
              <CountButton row={f} base={base} kind="correct-to-wrong" count={f.correctToWrong} />
            </td>
            <td className="num headline">{formatPercent(f.negativeFlipRate)}</td>
            <td className="num">
              <CountButton row={f} base={base} kind="wrong-to-correct" count={f.wrongToCorrect} />
            </td>
            <td className="num">{formatPercent(f.positiveFlipRate)}</td>
            <td className="num">
              <CountButton row={f} base={base} kind="changed" count={f.changed} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { RuleCell } from '../../../protocol';
import { cellParts } from './formatCell';

/**
 * cellNumbers as marked parts: the same text on screen, and the report writes the estimate,
 * the interval and the tests as separate parts (Export/collectReport reads data-report-part).
 */
export function RuleNumbers({ c }: { c: RuleCell }) {
  if (c.reason !== null) return <span data-report-part="detail">{c.reason}</span>;
  const { estimate, interval, tests } = cellParts(c);
  return (
    <>
      <span data-report-part={c.measure === 'level' ? 'value' : 'delta'}>{estimate}</span>{' '}
      <span data-report-part="interval">({interval})</span>,{' '}
      <span data-report-part="test">{tests}</span>
    </>
  );
}

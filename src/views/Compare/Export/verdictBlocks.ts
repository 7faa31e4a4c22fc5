import type { Task } from '../../../shared/roles';
import type { RuleCell, RulesResult } from '../../../protocol';
import { cellParts } from '../Rules/formatCell';
import { SHIP_NAMES, cellPlace, versionVerdicts, type ShipVerdict } from '../Rules/verdict';
import type { ReportBlock, ReportCell, ReportPart } from './buildReport';

const TONE: Record<ShipVerdict, ReportCell['tone']> = {
  ship: 'good',
  'do-not-ship': 'bad',
  'not-enough-evidence': 'warn',
};

const head = (...names: string[]): ReportCell[][] => [
  names.map((text) => ({ text, header: true, scope: 'col' as const })),
];
const td = (text: string, more: Partial<ReportCell> = {}): ReportCell => ({
  text,
  header: false,
  ...more,
});
const th = (text: string): ReportCell => ({ text, header: true, scope: 'row' });

/** A failing cell's estimate, interval and tests as separate parts. */
function numbers(c: RuleCell): ReportCell {
  if (c.reason !== null) return td(c.reason);
  const { estimate, interval, tests } = cellParts(c);
  const parts: ReportPart[] = [
    { kind: c.measure === 'level' ? 'value' : 'delta', text: estimate },
    { kind: 'interval', text: `(${interval})` },
    { kind: 'test', text: tests },
  ];
  return td(parts.map((p) => p.text).join(' '), { parts });
}

/**
 * What the report opens with, built from the rules' result (not copied from the screen): the
 * verdict per version with one line why, then every failing rule with its numbers.
 */
export function verdictBlocks(r: RulesResult | null, task: Task | null): ReportBlock[] {
  if (!r || r.rules.length === 0) {
    const text = 'No release rules were set, so there is no ship verdict.';
    return [
      { kind: 'heading', level: 2, text: 'Release verdict' },
      { kind: 'paragraph', text },
    ];
  }
  const verdicts = versionVerdicts(r, task);
  const failing = verdicts.flatMap((v) => v.failing);
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 2, text: 'Release verdict' },
    {
      kind: 'table',
      caption: `Release verdict against baseline ${r.baseline}`,
      head: head('Version', 'Verdict', 'Why'),
      body: verdicts.map((v) => [
        th(v.version),
        td(SHIP_NAMES[v.verdict], { tone: TONE[v.verdict] }),
        td(v.why),
      ]),
    },
  ];
  if (failing.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Failing rules',
      head: head('Version', 'Rule and cohort', 'Estimate'),
      body: failing.map((c) => [th(c.version), td(cellPlace(c, r, task)), numbers(c)]),
    });
  }
  return blocks;
}

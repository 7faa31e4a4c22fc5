import { textConditions, textMarks } from '../../../engine/cohort/textMarks';
import type { OpenDataset } from '../../session/dataset';
import type { InstanceText, InstanceTextRequest } from '../../../protocol';

/** At most this much of one text crosses to the page ("show all" included): 1M characters. */
export const MAX_TEXT = 1_000_000;

/** The start of one row's text, its length, and where the cohort's text conditions match. */
export function instanceText(d: OpenDataset, req: InstanceTextRequest): InstanceText {
  const col = d.byName.get(req.column);
  const none = { text: null, total: 0, marks: [] };
  if (!col) return { ...none, error: `no column "${req.column}"` };
  if (col.kind !== 'string') return { ...none, error: `"${col.name}" is not a text column` };
  if (req.row < 0 || req.row >= d.n) return { ...none, error: 'no such row' };
  const code = col.codes[req.row]!;
  if (code < 0) return { ...none, error: null };
  const full = col.dictionary[code]!;
  const text = full.slice(0, Math.max(0, Math.min(req.limit, MAX_TEXT)));
  return {
    text,
    total: full.length,
    marks: textMarks(text, textConditions(req.cohort, col.name)),
    error: null,
  };
}

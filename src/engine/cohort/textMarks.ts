import type { Predicate } from '../../shared/predicate';

type TextCondition = Extract<Predicate, { op: 'text' }>;

/** The text conditions on `column` that a row of the cohort satisfies (those under a "not" are left out). */
export function textConditions(p: Predicate | null, column: string): TextCondition[] {
  if (!p) return [];
  switch (p.op) {
    case 'and':
    case 'or':
      return p.children.flatMap((c) => textConditions(c, column));
    case 'text':
      return p.column === column && p.pattern !== '' ? [p] : [];
    default:
      return [];
  }
}

/**
 * [start, end) of every match of the conditions in `text`, sorted and merged, at most `cap`.
 * The same matching as the cohort filter (case-insensitive unless asked, regex with `u`).
 */
export function textMarks(text: string, conds: TextCondition[], cap = 1000): [number, number][] {
  const found: [number, number][] = [];
  for (const c of conds) {
    let re: RegExp;
    try {
      const source =
        c.mode === 'regex' ? c.pattern : c.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      re = new RegExp(source, c.caseSensitive ? 'gu' : 'giu');
    } catch {
      continue;
    }
    for (const m of text.matchAll(re)) {
      if (m[0].length === 0) continue;
      found.push([m.index, m.index + m[0].length]);
      if (found.length >= cap) break;
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged.slice(0, cap);
}

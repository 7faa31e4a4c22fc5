import type { CohortDef, Predicate } from './predicate';

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNumOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
const isStrArr = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

/** Checks untrusted JSON (imports, URLs, storage) is a well-formed predicate; returns it or null. */
export function parsePredicate(v: unknown, depth = 0): Predicate | null {
  if (!v || typeof v !== 'object' || depth > 32) return null;
  const p = v as Record<string, unknown>;
  switch (p.op) {
    case 'and':
    case 'or': {
      if (!Array.isArray(p.children)) return null;
      const children = p.children.map((c) => parsePredicate(c, depth + 1));
      return children.every((c) => c) ? { op: p.op, children: children as Predicate[] } : null;
    }
    case 'not': {
      const child = parsePredicate(p.child, depth + 1);
      return child ? { op: 'not', child } : null;
    }
    case 'range':
      return isStr(p.column) && isNumOrNull(p.min) && isNumOrNull(p.max)
        ? {
            op: 'range',
            column: p.column,
            min: p.min as number | null,
            max: p.max as number | null,
          }
        : null;
    case 'in':
      return isStr(p.column) && isStrArr(p.values)
        ? { op: 'in', column: p.column, values: p.values }
        : null;
    case 'text':
      return isStr(p.column) && isStr(p.pattern) && (p.mode === 'contains' || p.mode === 'regex')
        ? {
            op: 'text',
            column: p.column,
            pattern: p.pattern,
            mode: p.mode,
            caseSensitive: p.caseSensitive === true,
          }
        : null;
    case 'isNull':
      return isStr(p.column) ? { op: 'isNull', column: p.column } : null;
    case 'label':
      return isStrArr(p.values) ? { op: 'label', values: p.values } : null;
    case 'predicted':
      return isStr(p.version) && isStrArr(p.values)
        ? { op: 'predicted', version: p.version, values: p.values }
        : null;
    case 'outcome':
      return isStr(p.version) && typeof p.correct === 'boolean'
        ? { op: 'outcome', version: p.version, correct: p.correct }
        : null;
    case 'score':
      return isStr(p.version) && isNumOrNull(p.min) && isNumOrNull(p.max)
        ? {
            op: 'score',
            version: p.version,
            min: p.min as number | null,
            max: p.max as number | null,
          }
        : null;
    case 'changed':
      return isStr(p.a) && isStr(p.b) ? { op: 'changed', a: p.a, b: p.b } : null;
    case 'flip':
      return isStr(p.from) &&
        isStr(p.to) &&
        (p.kind === 'correct-to-wrong' || p.kind === 'wrong-to-correct')
        ? { op: 'flip', from: p.from, to: p.to, kind: p.kind }
        : null;
    case 'ids':
      return isStrArr(p.ids) ? { op: 'ids', ids: p.ids } : null;
    default:
      return null;
  }
}

export function parseCohort(v: unknown): CohortDef | null {
  if (!v || typeof v !== 'object') return null;
  const c = v as Record<string, unknown>;
  const predicate = parsePredicate(c.predicate);
  if (!predicate || !isStr(c.name)) return null;
  return { id: isStr(c.id) ? c.id : '', name: c.name.slice(0, 200), predicate };
}

/**
 * Drops the conditions that name a column or version this dataset lacks, keeping the rest;
 * returns what was dropped so the user is told. Null when nothing is left.
 */
export function pruneMissing(
  p: Predicate,
  has: { column: (name: string) => boolean; version: (name: string) => boolean },
): { predicate: Predicate | null; missing: string[] } {
  const missing: string[] = [];
  const walk = (q: Predicate): Predicate | null => {
    switch (q.op) {
      case 'and':
      case 'or': {
        const kids = q.children.map(walk).filter((c): c is Predicate => c !== null);
        return kids.length === 0 && q.children.length > 0 ? null : { op: q.op, children: kids };
      }
      case 'not': {
        const child = walk(q.child);
        return child ? { op: 'not', child } : null;
      }
      case 'range':
      case 'in':
      case 'text':
      case 'isNull':
        if (has.column(q.column)) return q;
        missing.push(`column "${q.column}"`);
        return null;
      case 'predicted':
      case 'outcome':
      case 'score':
        if (has.version(q.version)) return q;
        missing.push(`version "${q.version}"`);
        return null;
      case 'changed':
      case 'flip': {
        const [a, b] = q.op === 'changed' ? [q.a, q.b] : [q.from, q.to];
        const gone = [a, b].filter((v) => !has.version(v));
        if (gone.length === 0) return q;
        missing.push(...gone.map((v) => `version "${v}"`));
        return null;
      }
      default:
        return q;
    }
  };
  return { predicate: walk(p), missing: [...new Set(missing)] };
}

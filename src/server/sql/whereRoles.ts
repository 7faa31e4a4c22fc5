// Role predicates (label, predictions, outcomes, flips, ids) in SQL, as engine/cohort/
// evaluateRoles.ts: they name versions, so they go through the role expressions of roles.ts.
import type { Predicate } from '../../shared/predicate';
import { CohortError } from '../../engine/cohort/truth';
import { findColumn, isInteger, numberOf } from './columns';
import { labelCode, predCode, scoreOf } from './roles';
import { int, num, str } from './quote';
import type { SqlSource } from './types';

type Range = (value: string, min: number | null, max: number | null) => string;

function versionOf(src: SqlSource, name: string): void {
  if (!src.roles.versions.some((v) => v.name === name))
    throw new CohortError(`there is no model version "${name}" in this dataset`);
}

function pred(src: SqlSource, name: string): string {
  versionOf(src, name);
  const p = predCode(src, name);
  if (!p) throw new CohortError(`version "${name}" has no predicted classes`);
  return p;
}

function label(src: SqlSource): string {
  const l = labelCode(src);
  if (!l) throw new CohortError('this dataset has no label column');
  return l;
}

/** Code in the named classes: TRUE/FALSE for a known class, NULL for none. */
function inClasses(code: string, src: SqlSource, values: string[]): string {
  const set = new Set(values);
  const codes = src.classes.flatMap((c, j) => (set.has(c) ? [int(j)] : []));
  return codes.length
    ? `(${code} IN (${codes.join(', ')}))`
    : `(CASE WHEN ${code} IS NULL THEN NULL ELSE FALSE END)`;
}

/** NULL when any code is null, else the condition. */
function known(codes: string[], cond: string): string {
  return `(CASE WHEN ${codes.map((c) => `${c} IS NULL`).join(' OR ')} THEN NULL ELSE ${cond} END)`;
}

/** Rows whose id's exact string form is listed; a null id is FALSE, not NULL (as the engine). */
function ids(src: SqlSource, list: string[]): string {
  const c = findColumn(src, src.roles.id);
  if (!c || c.kind === 'vector' || c.kind === 'binary')
    throw new CohortError('this dataset has no id column');
  let values: string[];
  let value = c.sql;
  if (c.kind === 'string') values = list.map(str);
  else if (c.kind === 'boolean') values = list.filter((s) => s === 'true' || s === 'false');
  else if (c.kind === 'numeric' && isInteger(c))
    // Integer ids compare exactly (int64 beyond 2^53 included): canonical integer text only.
    values = list.filter((s) => /^-?(0|[1-9]\d{0,38})$/.test(s) && s !== '-0');
  else {
    value = numberOf(c);
    values = list
      .filter((s) => s.trim() !== '' && String(Number(s)) === s)
      .map((s) => num(Number(s)));
  }
  if (values.length === 0) return 'FALSE';
  return `COALESCE(${value} IN (${[...new Set(values)].join(', ')}), FALSE)`;
}

export function roleWhere(p: Predicate, src: SqlSource, range: Range): string {
  switch (p.op) {
    case 'label':
      return inClasses(label(src), src, p.values);
    case 'predicted':
      return inClasses(pred(src, p.version), src, p.values);
    case 'score': {
      versionOf(src, p.version);
      const s = scoreOf(src, p.version);
      if (!s) throw new CohortError(`version "${p.version}" has no score`);
      return range(s, p.min, p.max);
    }
    case 'outcome': {
      const l = label(src);
      const q = pred(src, p.version);
      return known([l, q], `(${q} ${p.correct ? '=' : '<>'} ${l})`);
    }
    case 'changed': {
      const a = pred(src, p.a);
      const b = pred(src, p.b);
      return known([a, b], `(${a} <> ${b})`);
    }
    case 'flip': {
      const l = label(src);
      const a = pred(src, p.from);
      const b = pred(src, p.to);
      const [ea, eb] = p.kind === 'correct-to-wrong' ? ['=', '<>'] : ['<>', '='];
      return known([l, a, b], `(${a} ${ea} ${l} AND ${b} ${eb} ${l})`);
    }
    case 'ids':
      return ids(src, p.ids);
    default:
      throw new CohortError(`unknown condition "${(p as { op: string }).op}"`);
  }
}

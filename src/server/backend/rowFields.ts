// The rows table's columns in server mode, in the order both backends share
// (shared/rowFieldOrder.ts). Each carries the SQL giving its value.
import { FLIP_WORDS } from '../../engine/rows/derived';
import { fileField, isProbabilityVector, orderRowFields } from '../../shared/rowFieldOrder';
import type { RowColumn } from '../../protocol';
import { type SqlColumn, findColumn, nanToNull } from '../sql/columns';
import { labelCode, labelValue, predCode, probabilities, scoreOf, yhatOf } from '../sql/roles';
import { int, str } from '../sql/quote';
import type { SqlSource } from '../sql/types';

export interface SqlField extends RowColumn {
  /** The value as SQL; cells are read by `kind` (and `type` for exact int64 and dates). */
  sql: string;
  /** DuckDB type of a file column (null for derived ones). */
  type: string | null;
  /** Class names when the column is a class-probability vector. */
  classes: string[] | null;
  /** Derived strings sort by this code instead of alphabetically (flips). */
  rankSql: string | null;
}

function caseNames(code: string, names: readonly string[]): string {
  const whens = names.map((n, j) => `WHEN ${int(j)} THEN ${str(n)}`).join(' ');
  return `(CASE ${code} ${whens} END)`;
}

/** The id column the rows are keyed by (the roles', else the one the summary found). */
export function idColumnOf(src: SqlSource, fallback: string | null): SqlColumn | null {
  return findColumn(src, src.roles.id ?? fallback);
}

export function buildSqlFields(src: SqlSource, idFallback: string | null): SqlField[] {
  const roles = src.roles;
  const classes = src.classes;
  const derived = (
    key: string,
    label: string,
    kind: 'string' | 'numeric',
    sql: string,
    visible: boolean,
    percent = false,
    rankSql: string | null = null,
  ): SqlField => ({
    key,
    label,
    kind,
    role: 'derived',
    percent,
    sortable: true,
    defaultVisible: visible,
    sql,
    type: null,
    classes: null,
    rankSql,
  });
  return orderRowFields<SqlField>({
    roles,
    idFallback: idColumnOf(src, idFallback)?.name ?? null,
    names: src.columns.map((c) => c.name),
    classes,
    column: (name, role, visible, percent) => {
      const c = findColumn(src, name);
      if (!c) return null;
      return {
        ...fileField(c.name, c.kind, role, visible, percent),
        sql: c.sql,
        type: c.type,
        classes: isProbabilityVector(role, c.kind) ? classes : null,
        rankSql: null,
      };
    },
    derivedOf: (version) => versionDerived(src, version, derived),
    flips: flipFields(src, derived),
  });
}

type Derive = (
  key: string,
  label: string,
  kind: 'string' | 'numeric',
  sql: string,
  visible: boolean,
  percent?: boolean,
  rankSql?: string | null,
) => SqlField;

/** A version's derived columns as SQL, in the engine's order (engine/rows/derived.ts). */
function versionDerived(src: SqlSource, name: string, derived: Derive): SqlField[] {
  const roles = src.roles;
  const v = roles.versions.find((x) => x.name === name)!;
  const out: SqlField[] = [];
  const label = labelCode(src);
  const pred = predCode(src, v.name);
  if (roles.task === 'regression') {
    const y = labelValue(src);
    const yhat = yhatOf(src, v.name);
    if (y && yhat)
      out.push(
        derived(`:abserr:${v.name}`, `${v.name} |error|`, 'numeric', `abs(${yhat} - ${y})`, true),
      );
    return out;
  }
  if (pred && !findColumn(src, v.prediction))
    out.push(
      derived(
        `:pred:${v.name}`,
        `${v.name} predicted`,
        'string',
        caseNames(pred, src.classes),
        true,
      ),
    );
  if (pred && label)
    out.push(
      derived(
        `:correct:${v.name}`,
        `${v.name} correct?`,
        'string',
        `(CASE WHEN ${label} IS NULL OR ${pred} IS NULL THEN NULL WHEN ${label} = ${pred} THEN 'correct' ELSE 'wrong' END)`,
        true,
      ),
    );
  const score = scoreOf(src, v.name);
  if (roles.task === 'binary' && score && !findColumn(src, v.score))
    out.push(derived(`:score:${v.name}`, `${v.name} score`, 'numeric', score, true, true));
  // Multiclass: the probability of the predicted class and of the label (engine probOf).
  const p = roles.task === 'multiclass' ? probabilities(src, v) : null;
  const probOf = (code: string) =>
    nanToNull(
      `CAST((CASE ${code} ${p!.map((x, j) => `WHEN ${int(j)} THEN ${x}`).join(' ')} END) AS DOUBLE)`,
    );
  if (p && pred)
    out.push(
      derived(`:conf:${v.name}`, `${v.name} p(predicted)`, 'numeric', probOf(pred), true, true),
    );
  if (p && label)
    out.push(
      derived(`:ptrue:${v.name}`, `${v.name} p(label)`, 'numeric', probOf(label), false, true),
    );
  return out;
}

/** Flip columns between consecutive versions, as the engine's flip codes (engine/rows/derived.ts). */
function flipFields(src: SqlSource, derived: Derive): SqlField[] {
  const roles = src.roles;
  const label = labelCode(src);
  const out: SqlField[] = [];
  if (roles.task === 'regression' || !label) return out;
  for (let j = 1; j < roles.versions.length; j++) {
    const a = roles.versions[j - 1]!.name;
    const b = roles.versions[j]!.name;
    const pa = predCode(src, a);
    const pb = predCode(src, b);
    if (!pa || !pb) continue;
    // In FLIP_WORDS order.
    const code =
      `(CASE WHEN ${label} IS NULL OR ${pa} IS NULL OR ${pb} IS NULL THEN NULL ` +
      `WHEN ${pa} = ${label} THEN (CASE WHEN ${pb} = ${label} THEN 4 ELSE 0 END) ` +
      `WHEN ${pb} = ${label} THEN 1 WHEN ${pa} <> ${pb} THEN 2 ELSE 3 END)`;
    out.push(
      derived(
        `:flip:${a}:${b}`,
        `${a} → ${b}`,
        'string',
        caseNames(code, FLIP_WORDS),
        true,
        false,
        code,
      ),
    );
  }
  return out;
}

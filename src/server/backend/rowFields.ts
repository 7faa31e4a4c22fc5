// The rows table's columns in server mode, in the in-tab order (worker/services/rows/
// rowFields.ts): id, label, each version's prediction, score and outcome, flips, features, then
// vectors and secondary roles (hidden until chosen). Each carries the SQL giving its value.
import { FLIP_WORDS } from '../../engine/rows/derived';
import { featureColumns } from '../../shared/roles';
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

const VISIBLE_FEATURES = 8;

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
  const out: SqlField[] = [];
  const later: SqlField[] = [];
  const used = new Set<string>();
  const put = (
    name: string | null,
    role: string,
    visible: boolean,
    percent = false,
    list = out,
  ) => {
    const c = findColumn(src, name);
    if (!c || used.has(c.name)) return;
    used.add(c.name);
    list.push({
      key: c.name,
      label: c.name,
      kind: c.kind,
      role,
      percent,
      sortable: c.kind !== 'vector' && c.kind !== 'binary',
      defaultVisible: visible && (role === 'image' || (c.kind !== 'vector' && c.kind !== 'binary')),
      sql: c.sql,
      type: c.type,
      classes: role.endsWith(' probabilities') && c.kind === 'vector' ? classes : null,
      rankSql: null,
    });
  };
  const derived = (
    key: string,
    label: string,
    kind: 'string' | 'numeric',
    sql: string,
    visible: boolean,
    percent = false,
    rankSql: string | null = null,
  ) =>
    out.push({
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
  put(idColumnOf(src, idFallback)?.name ?? null, 'id', true);
  roles.images?.forEach((c) => put(c, 'image', true));
  roles.texts?.forEach((c) => put(c, 'text', true));
  put(roles.label, 'label', true);
  const label = labelCode(src);
  for (const v of roles.versions) {
    put(v.prediction, `${v.name} prediction`, true);
    put(v.score, `${v.name} score`, true, true);
    const pred = predCode(src, v.name);
    if (roles.task === 'regression') {
      const y = labelValue(src);
      const yhat = yhatOf(src, v.name);
      if (y && yhat)
        derived(`:abserr:${v.name}`, `${v.name} |error|`, 'numeric', `abs(${yhat} - ${y})`, true);
    } else {
      if (pred && !findColumn(src, v.prediction))
        derived(`:pred:${v.name}`, `${v.name} predicted`, 'string', caseNames(pred, classes), true);
      if (pred && label)
        derived(
          `:correct:${v.name}`,
          `${v.name} correct?`,
          'string',
          `(CASE WHEN ${label} IS NULL OR ${pred} IS NULL THEN NULL WHEN ${label} = ${pred} THEN 'correct' ELSE 'wrong' END)`,
          true,
        );
      const score = scoreOf(src, v.name);
      if (roles.task === 'binary' && score && !findColumn(src, v.score))
        derived(`:score:${v.name}`, `${v.name} score`, 'numeric', score, true, true);
      // Multiclass: the probability of the predicted class and of the label (engine probOf).
      const p = roles.task === 'multiclass' ? probabilities(src, v) : null;
      const probOf = (code: string) =>
        nanToNull(
          `CAST((CASE ${code} ${p!.map((x, j) => `WHEN ${int(j)} THEN ${x}`).join(' ')} END) AS DOUBLE)`,
        );
      if (p && pred)
        derived(`:conf:${v.name}`, `${v.name} p(predicted)`, 'numeric', probOf(pred), true, true);
      if (p && label)
        derived(`:ptrue:${v.name}`, `${v.name} p(label)`, 'numeric', probOf(label), false, true);
    }
    put(v.probabilities, `${v.name} probabilities`, false, false, later);
    v.classColumns.forEach((c, j) => put(c, `${v.name} p(${classes[j] ?? j})`, false, true, later));
  }
  if (roles.task !== 'regression' && label) {
    for (let j = 1; j < roles.versions.length; j++) {
      const a = roles.versions[j - 1]!.name;
      const b = roles.versions[j]!.name;
      const pa = predCode(src, a);
      const pb = predCode(src, b);
      if (!pa || !pb) continue;
      // The engine's flip codes (engine/rows/derived.ts flipCodes), in FLIP_WORDS order.
      const code =
        `(CASE WHEN ${label} IS NULL OR ${pa} IS NULL OR ${pb} IS NULL THEN NULL ` +
        `WHEN ${pa} = ${label} THEN (CASE WHEN ${pb} = ${label} THEN 4 ELSE 0 END) ` +
        `WHEN ${pb} = ${label} THEN 1 WHEN ${pa} <> ${pb} THEN 2 ELSE 3 END)`;
      derived(
        `:flip:${a}:${b}`,
        `${a} → ${b}`,
        'string',
        caseNames(code, FLIP_WORDS),
        true,
        false,
        code,
      );
    }
  }
  const names = src.columns.map((c) => c.name);
  featureColumns(names, roles).forEach((name, j) => put(name, 'feature', j < VISIBLE_FEATURES));
  for (const e of roles.embeddings) put(e, 'embedding', false, false, later);
  for (const c of roles.coords ?? []) put(c, 'coordinate', false, false, later);
  for (const c of names) put(c, 'ignored', false, false, later);
  return [...out, ...later];
}

// The label when no column is named like one, as the tab infers it (src/data/labelInference),
// judged on the first rows: the candidates' value sets and their agreement with the first
// version's output come from a sample read by row number, not from the whole table.
import type { Column, ColumnInfo } from '../../data/types';
import { type LabelInference, inferLabel } from '../../data/labelInference';
import { featureColumns, type RoleMapping, versionColumns } from '../../shared/roles';
import { ident, int } from '../sql/quote';
import { ROW, VIEW, type Served } from '../served';

/** Rows the inference reads: enough to see every class of a label, few enough to be quick. */
export const LABEL_SAMPLE = 50_000;

function columnOf(info: ColumnInfo, values: unknown[]): Column | null {
  const name = info.name;
  if (info.kind === 'numeric') {
    const v = new Float64Array(values.length);
    values.forEach((x, i) => (v[i] = x === null || x === undefined ? NaN : Number(x)));
    return { kind: 'numeric', name, values: v, integral: info.integral };
  }
  if (info.kind === 'boolean') {
    const v = new Uint8Array(values.length);
    values.forEach((x, i) => (v[i] = x === null || x === undefined ? 2 : x ? 1 : 0));
    return { kind: 'boolean', name, values: v };
  }
  if (info.kind === 'string') {
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(values.length);
    values.forEach((x, i) => {
      if (x === null || x === undefined) return void (codes[i] = -1);
      const s = String(x);
      let j = index.get(s);
      if (j === undefined) index.set(s, (j = dictionary.push(s) - 1));
      codes[i] = j;
    });
    return { kind: 'string', name, codes, dictionary };
  }
  return null;
}

export async function inferServedLabel(
  db: Served,
  infos: ColumnInfo[],
  named: RoleMapping,
): Promise<{ roles: RoleMapping; inference: LabelInference }> {
  const none = { roles: named, inference: { rule: null, candidates: [] } };
  const v = named.versions[0];
  if (named.label || !v) return none;
  const byName = new Map(infos.map((c) => [c.name, c]));
  const wanted = [
    ...versionColumns(v),
    ...featureColumns(
      infos.map((c) => c.name),
      named,
    ),
  ].filter((n, i, all) => all.indexOf(n) === i && byName.has(n));
  const readable = wanted.filter((n) =>
    ['numeric', 'boolean', 'string'].includes(byName.get(n)!.kind),
  );
  if (readable.length === 0) return none;
  // A probability vector decides by its length only (class numbers below it): no values read.
  const vectors: Column[] = wanted
    .map((n) => byName.get(n)!)
    .filter((c) => c.kind === 'vector')
    .map((c) => ({ kind: 'vector', name: c.name, dim: c.dim ?? 0, values: new Float32Array(0) }));
  const rows = await db.rows(
    `SELECT ${readable.map((n, j) => `${ident(n)} AS c${j}`).join(', ')} FROM ${VIEW} ` +
      `WHERE ${ident(ROW)} < ${int(LABEL_SAMPLE)} ORDER BY ${ident(ROW)}`,
  );
  const columns = readable.flatMap((n, j) => {
    const c = columnOf(
      byName.get(n)!,
      rows.map((r) => r[`c${j}`]),
    );
    return c ? [c] : [];
  });
  return inferLabel([...columns, ...vectors], infos, named);
}

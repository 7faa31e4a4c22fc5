// The open dataset's summary, as the in-tab Session's `summarize` gives it, from SQL aggregates:
// one pass per column family, then the app's own role inference (src/data/inferRoles) on it.
import { basename } from 'node:path';
import type { ColumnInfo, DatasetSummary } from '../../protocol';
import { inferRoles } from '../../data/inferRoles';
import { inferServedLabel } from './labelSample';
import { fingerprint } from '../../data/fingerprint';
import { ID_NAME } from '../../data/names';
import { kindOf, nanToNull } from '../sql/columns';
import { ident } from '../sql/quote';
import { ROW, VIEW, type Served } from '../served';

/** The Arrow type name the app would see for a DuckDB type (role inference reads `^u?int`). */
export function arrowTypeOf(type: string): string {
  const t = type.toUpperCase();
  const simple: Record<string, string> = {
    TINYINT: 'Int8',
    SMALLINT: 'Int16',
    INTEGER: 'Int32',
    BIGINT: 'Int64',
    UTINYINT: 'Uint8',
    USMALLINT: 'Uint16',
    UINTEGER: 'Uint32',
    UBIGINT: 'Uint64',
    FLOAT: 'Float32',
    DOUBLE: 'Float64',
    VARCHAR: 'Utf8',
    BOOLEAN: 'Bool',
    DATE: 'Date',
    BLOB: 'Binary',
  };
  if (simple[t]) return simple[t]!;
  const list = /^(\w+)\[(\d*)\]$/.exec(t);
  if (list) {
    const inner = simple[list[1]!] ?? list[1]!;
    return list[2] ? `FixedSizeList[${list[2]}]<${inner}>` : `List<${inner}>`;
  }
  if (t.startsWith('TIMESTAMP')) return 'Timestamp';
  return type;
}

const INTEGRAL = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;

const SAMPLE = 3;

function n(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function iso(ms: number): string {
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : `${ms} ms`;
}

/** Nulls, range and an approximate distinct count of every numeric and string column, in one scan. */
type Facts = Map<string, { nulls: number; lo: unknown; hi: unknown; approx: number }>;

async function scanFacts(db: Served): Promise<Facts> {
  const parts: string[] = [];
  const names: string[] = [];
  for (const col of db.columns) {
    const kind = kindOf(col.type);
    if (kind !== 'numeric' && kind !== 'string') continue;
    const c = ident(col.name);
    const v = kind === 'numeric' ? nanToNull(`CAST(${c} AS DOUBLE)`) : c;
    const j = names.length;
    names.push(col.name);
    parts.push(
      `count(*) - count(${v}) AS n${j}, approx_count_distinct(${v}) AS a${j}`,
      kind === 'numeric'
        ? `min(${v}) AS l${j}, max(${v}) AS h${j}`
        : `NULL AS l${j}, NULL AS h${j}`,
    );
  }
  const facts: Facts = new Map();
  if (!names.length) return facts;
  const [r] = await db.rows(`SELECT ${parts.join(', ')} FROM ${VIEW}`);
  names.forEach((name, j) =>
    facts.set(name, {
      nulls: Number(r![`n${j}`]),
      lo: r![`l${j}`],
      hi: r![`h${j}`],
      approx: Number(r![`a${j}`]),
    }),
  );
  return facts;
}

/**
 * Distinct values exactly where the app reads them (classes, categories, ids with few values);
 * far above the in-tab cap (1000, reported as 1001) the approximate count decides alone.
 */
const EXACT_BELOW = 200_000;

async function describe(
  db: Served,
  name: string,
  type: string,
  facts: Facts,
): Promise<ColumnInfo | null> {
  const kind = kindOf(type);
  if (!kind) return null;
  const c = ident(name);
  const base = { name, kind, arrowType: arrowTypeOf(type), dim: null, integral: false };
  const from = `FROM ${VIEW}`;
  const first = `${from} WHERE ${ident(ROW)} < ${SAMPLE} ORDER BY ${ident(ROW)}`;
  const f = facts.get(name);
  if (kind === 'numeric' && f) {
    const v = nanToNull(`CAST(${c} AS DOUBLE)`);
    const [e] =
      f.approx < EXACT_BELOW
        ? await db.rows(`SELECT least(count(DISTINCT ${v}), 1001) AS d ${from}`)
        : [{ d: 1001 }];
    const r = { nulls: f.nulls, d: e!.d, lo: f.lo, hi: f.hi };
    const integral = INTEGRAL.test(type.toUpperCase());
    const sample = await db.rows(`SELECT CAST(${c} AS VARCHAR) AS s, ${c} AS v ${first}`);
    return {
      ...base,
      integral,
      nullCount: Number(r.nulls),
      distinct: Number(r.d),
      min: n(r.lo),
      max: n(r.hi),
      sample: sample.map((s) =>
        s.v === null ? 'NaN' : integral ? String(s.s) : String(Number(s.v as number)),
      ),
    };
  }
  if (kind === 'string' && f) {
    const [e] =
      f.approx < EXACT_BELOW
        ? await db.rows(`SELECT count(DISTINCT ${c}) AS d ${from}`)
        : [{ d: f.approx }];
    const r = { nulls: f.nulls, d: e!.d };
    const sample = await db.rows(
      `SELECT v FROM (SELECT ${c} AS v, min(${ident(ROW)}) AS m ${from} WHERE ${c} IS NOT NULL GROUP BY 1) ORDER BY m LIMIT ${SAMPLE}`,
    );
    return {
      ...base,
      nullCount: Number(r.nulls),
      distinct: Number(r.d),
      min: null,
      max: null,
      sample: sample.map((s) => {
        const t = String(s.v);
        return t.length > 200 ? `${t.slice(0, 200)}…` : t;
      }),
    };
  }
  if (kind === 'boolean') {
    const [r] = await db.rows(`SELECT count(*) - count(${c}) AS nulls ${from}`);
    const b = { ...base, integral: true, distinct: 2, min: 0, max: 1 };
    return { ...b, nullCount: Number(r!.nulls), sample: ['false', 'true'] };
  }
  if (kind === 'timestamp') {
    const ms = `(CAST(epoch_us(${c}) AS DOUBLE) / 1000)`;
    const [r] = await db.rows(
      `SELECT count(*) - count(${c}) AS nulls, min(${ms}) AS lo, max(${ms}) AS hi ${from}`,
    );
    const sample = await db.rows(`SELECT ${ms} AS v ${first}`);
    return {
      ...base,
      nullCount: Number(r!.nulls),
      distinct: null,
      min: n(r!.lo),
      max: n(r!.hi),
      sample: sample.map((s) => (s.v === null ? '' : iso(Number(s.v)))),
    };
  }
  if (kind === 'vector') {
    const [r] = await db.rows(
      `SELECT count(*) - count(${c}[1]) AS nulls, max(len(${c})) AS dim ${from}`,
    );
    const [s] = await db.rows(
      `SELECT min(x) AS lo, max(x) AS hi FROM (SELECT unnest(${c}) AS x FROM (SELECT ${c} ${from} ORDER BY ${ident(ROW)} LIMIT 50000))`,
    );
    return {
      ...base,
      nullCount: Number(r!.nulls),
      distinct: null,
      min: n(s!.lo),
      max: n(s!.hi),
      dim: n(r!.dim),
      sample: [],
    };
  }
  const [r] = await db.rows(`SELECT count(*) - count(${c}) AS nulls ${from}`);
  return { ...base, nullCount: Number(r!.nulls), distinct: null, min: null, max: null, sample: [] };
}

/** The id column as the in-tab join picks it: named `id`, else an id-like name. */
function idColumnOf(infos: ColumnInfo[]): string | null {
  const ok = (c: ColumnInfo) => c.kind === 'string' || (c.kind === 'numeric' && c.integral);
  return (
    (
      infos.find((c) => c.name.toLowerCase() === 'id' && ok(c)) ??
      infos.find((c) => ID_NAME.test(c.name) && ok(c))
    )?.name ?? null
  );
}

async function idCounts(db: Served, id: string | null) {
  if (!id) return { duplicates: 0, nulls: 0 };
  const c = ident(id);
  const [r] = await db.rows(
    `SELECT count(*) - count(${c}) AS nulls, count(${c}) - count(DISTINCT ${c}) AS dup FROM ${VIEW}`,
  );
  return { duplicates: Number(r!.dup), nulls: Number(r!.nulls) };
}

async function metadataOf(db: Served): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (db.format !== 'parquet') return out;
  for (const f of db.files) {
    try {
      const kv = await db.rows(
        `SELECT CAST(key AS VARCHAR) AS k, CAST(value AS VARCHAR) AS v FROM parquet_kv_metadata(${`'${f.replace(/'/g, "''")}'`})`,
      );
      for (const r of kv) out[String(r.k)] = String(r.v);
    } catch {
      // No key-value metadata: roles come from names and values only.
    }
  }
  return out;
}

export interface ServedSummary {
  summary: DatasetSummary;
  metadata: Record<string, string>;
}

export async function summarizeServed(db: Served): Promise<ServedSummary> {
  const infos: ColumnInfo[] = [];
  const skipped: DatasetSummary['skipped'] = [];
  const fileName = db.files.length === 1 ? basename(db.files[0]!) : `${db.files.length} parts`;
  const facts = await scanFacts(db);
  for (const col of db.columns) {
    const info = await describe(db, col.name, col.type, facts);
    if (info) infos.push(info);
    else
      skipped.push({
        name: col.name,
        arrowType: col.type,
        reason: `DuckDB type ${col.type} is not one the app reads`,
        fileName,
      });
  }
  const metadata = await metadataOf(db);
  const idColumn = idColumnOf(infos);
  const { duplicates, nulls } = await idCounts(db, idColumn);
  const named = inferRoles(infos, metadata, idColumn);
  const { roles: inferred, inference } = await inferServedLabel(db, infos, named);
  const parts = [String(db.rowCount), ...infos.map((c) => `${c.name}:${c.arrowType}`)];
  const notes = duplicates
    ? [`${duplicates} rows repeat an id of an earlier row; they are kept as separate rows.`]
    : [];
  return {
    metadata,
    summary: {
      fingerprint: fingerprint(parts),
      files: db.files.map((f) => basename(f)),
      numRows: db.rowCount,
      columns: infos,
      skipped,
      report: {
        shape: 'wide',
        idColumn,
        rows: db.rowCount,
        files: db.files.map((f, i) => ({
          fileName: basename(f),
          rows: db.fileRows[i]!,
          version: null,
          matched: db.fileRows[i]!,
          missing: 0,
          extra: 0,
          duplicates: 0,
        })),
        duplicateIds: duplicates,
        nullIds: nulls,
        notes,
      },
      inferred,
      labelInference: inference,
      description: metadata['workbench.description'] ?? null,
      engine: 'DuckDB',
    },
  };
}

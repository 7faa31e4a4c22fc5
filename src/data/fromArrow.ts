import { type Data, type DataType, type Field, type Table, Type } from 'apache-arrow';
import type { Column, LoadedTable, SkippedColumn } from './types';
import { gatherInt64, gatherNumbers } from './arrowNumbers';
import { gatherStrings } from './arrowStrings';
import { gatherBooleans, gatherVectors } from './arrowVectors';
import { BINARY_TYPES, gatherBinary, pixelListShape } from './arrowBinary';

const STRING_TYPES = new Set([Type.Utf8, Type.LargeUtf8, Type.Utf8View, Type.Dictionary]);
const LIST_TYPES = new Set([Type.List, Type.LargeList, Type.FixedSizeList]);

function allIntegral(values: Float64Array | Float32Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v && Math.floor(v) !== v) return false;
  }
  return true;
}

/** A single null-free float chunk is used in place: a view into the file, no copy. */
function zeroCopyFloats(chunks: readonly Data[]): Float64Array | Float32Array | null {
  if (chunks.length !== 1) return null;
  const data = chunks[0]!;
  if (data.nullCount !== 0) return null;
  const v = data.values as unknown;
  if (v instanceof Float64Array || v instanceof Float32Array) return v.subarray(0, data.length);
  return null;
}

function toColumn(field: Field, chunks: readonly Data[], n: number): Column | string {
  const type = field.type as DataType;
  const name = field.name;
  const id = type.typeId;
  if (STRING_TYPES.has(id)) return { kind: 'string', name, ...gatherStrings(chunks, n) };
  if (id === Type.Bool) return { kind: 'boolean', name, values: gatherBooleans(chunks, n) };
  if (id === Type.Timestamp || id === Type.Date) {
    const values = new Float64Array(n);
    gatherNumbers(chunks, values);
    const timezone = (type as unknown as { timezone?: string | null }).timezone ?? null;
    return { kind: 'timestamp', name, values, timezone, dateOnly: id === Type.Date };
  }
  const pixels = pixelListShape(type);
  if (BINARY_TYPES.has(id) || pixels) return gatherBinary(name, chunks, n, pixels);
  if (LIST_TYPES.has(id)) {
    const r = gatherVectors(chunks, n);
    return 'error' in r ? r.error : { kind: 'vector', name, dim: r.dim, values: r.values };
  }
  if (
    id === Type.Int ||
    id === Type.Float ||
    id === Type.Decimal ||
    id === Type.Time ||
    id === Type.Duration
  ) {
    const inPlace = zeroCopyFloats(chunks);
    const values =
      inPlace ??
      (id === Type.Float && (type as unknown as { precision: number }).precision === 1
        ? new Float32Array(n)
        : new Float64Array(n));
    if (!inPlace) gatherNumbers(chunks, values);
    const bits = (type as unknown as { bitWidth?: number }).bitWidth;
    const int64 =
      id === Type.Int && bits === 64
        ? gatherInt64(chunks, (type as unknown as { isSigned: boolean }).isSigned, n)
        : undefined;
    const integral =
      id === Type.Int ||
      (id === Type.Decimal && (type as unknown as { scale: number }).scale === 0) ||
      allIntegral(values);
    return { kind: 'numeric', name, values, integral, ...(int64 ? { int64 } : {}) };
  }
  return `the Arrow type ${String(type)} is not supported here`;
}

function metadataOf(table: Table): Record<string, string> {
  // fromEntries defines own keys: a key named "__proto__" stays data.
  return Object.fromEntries(table.schema.metadata);
}

/**
 * Column names as the app uses them: one per column, never empty, never repeated (Arrow and CSV
 * headers allow both; a name is how roles, cohorts and views find a column).
 */
export function uniqueNames(raw: readonly unknown[]): string[] {
  const seen = new Set<string>();
  return raw.map((n, i) => {
    const base = typeof n === 'string' && n !== '' ? n : `(column ${i + 1})`;
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base} (${k})`;
    seen.add(name);
    return name;
  });
}

export const columnNames = (fields: readonly Field[]): string[] =>
  uniqueNames(fields.map((f) => f.name));

/** Column `i` of `table` under its app name, or why it is skipped. */
export function columnAt(table: Table, i: number, name: string): Column | string {
  const field = table.schema.fields[i]!;
  const vector = table.getChildAt(i);
  const chunks = vector ? vector.data : [];
  return toColumn(name === field.name ? field : field.clone({ name }), chunks, table.numRows);
}

/**
 * Normalizes an Arrow table into typed-array columns; unsupported columns are listed, not fatal.
 * `only`: the field indices to normalize now (the others are read later: readPartial.ts).
 */
export function fromArrowTable(
  table: Table,
  fileName: string,
  byteLength: number,
  only?: ReadonlySet<number>,
): LoadedTable {
  const n = table.numRows;
  const columns: Column[] = [];
  const skipped: SkippedColumn[] = [];
  const arrowTypes: Record<string, string> = {};
  const names = columnNames(table.schema.fields);
  table.schema.fields.forEach((field, i) => {
    const name = names[i]!;
    const arrowType = String(field.type);
    Object.defineProperty(arrowTypes, name, { value: arrowType, enumerable: true, writable: true });
    if (only && !only.has(i)) return;
    const col = columnAt(table, i, name);
    if (typeof col === 'string') skipped.push({ name, arrowType, reason: col });
    else columns.push(col);
  });
  return {
    fileName,
    numRows: n,
    columns,
    arrowTypes,
    skipped,
    metadata: metadataOf(table),
    byteLength,
  };
}

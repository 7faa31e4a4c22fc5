import { type DataType, type Table, Type } from 'apache-arrow';
import type { ColumnInfo, ColumnKind } from '../types';

function kindOf(type: DataType): ColumnKind {
  switch (type.typeId) {
    case Type.Bool:
      return 'boolean';
    case Type.Timestamp:
    case Type.Date:
      return 'timestamp';
    case Type.Dictionary:
      return 'string';
    case Type.FixedSizeList:
    case Type.List:
    case Type.LargeList:
      return 'vector';
    default:
      return 'numeric';
  }
}

/**
 * What the summary says of a column still being read (choose.ts defers only columns whose kind
 * and shape the type tells): its kind, type, dim and null count (from the batches' metadata);
 * statistics come when it is read. A variable list's dim is known once it is read.
 */
export function placeholderInfo(table: Table, i: number, name: string): ColumnInfo {
  let nullCount = 0;
  for (const b of table.batches) nullCount += b.data.children[i]?.nullCount ?? 0;
  return placeholderOf(table.schema.fields[i]!.type as DataType, name, nullCount);
}

/** The same from a type and a null count (a Parquet file's schema and chunk statistics). */
export function placeholderOf(
  type: DataType,
  name: string,
  nullCount: number,
  listDim: number | null = null,
): ColumnInfo {
  const kind = kindOf(type);
  const t = type as unknown as { listSize?: number; scale?: number };
  const bool = kind === 'boolean';
  return {
    name,
    kind,
    arrowType: String(type),
    nullCount,
    distinct: bool ? 2 : null,
    min: bool ? 0 : null,
    max: bool ? 1 : null,
    integral: bool || type.typeId === Type.Int || (type.typeId === Type.Decimal && t.scale === 0),
    dim: kind === 'vector' ? (t.listSize ?? listDim) : null,
    sample: bool ? ['false', 'true'] : [],
    loading: true,
  };
}

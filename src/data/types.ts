// Columns as the worker holds them: typed arrays only, nulls encoded in-band so hot loops
// never consult a validity bitmap.

/** Numbers (ints, floats, decimals scaled, durations). NaN marks null. */
export interface NumericColumn {
  kind: 'numeric';
  name: string;
  values: Float64Array | Float32Array;
  /** Exact 64-bit integers (ids above 2^53 must stay exact); same row order as `values`. */
  int64?: BigInt64Array | BigUint64Array;
  /** Arrow Int*, or floats whose values are all integral. */
  integral: boolean;
}

/** Strings of any Arrow flavour (utf8, large, view, dictionary). Code -1 marks null. */
export interface StringColumn {
  kind: 'string';
  name: string;
  codes: Int32Array;
  dictionary: string[];
}

/** 0 = false, 1 = true, 2 = null. */
export interface BooleanColumn {
  kind: 'boolean';
  name: string;
  values: Uint8Array;
}

/** Epoch milliseconds (NaN = null), whatever the source unit. */
export interface TimestampColumn {
  kind: 'timestamp';
  name: string;
  values: Float64Array;
  timezone: string | null;
  dateOnly: boolean;
}

/** Fixed-length float vectors (embeddings, class probabilities), row-major; null rows are NaN. */
export interface VectorColumn {
  kind: 'vector';
  name: string;
  dim: number;
  values: Float32Array;
}

/** Raw pixels of a row: width × height × channels bytes, row-major, one byte per channel. */
export interface PixelShape {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/**
 * Byte strings: Arrow binary of every flavour (encoded images: PNG, JPEG, WebP) or fixed-size
 * lists of uint8 whose length is a square, or 3 or 4 times one (raw pixels, `pixels` set).
 * Row i is `bytes[starts[i], starts[i + 1])`; an empty row is null.
 */
export interface BinaryColumn {
  kind: 'binary';
  name: string;
  bytes: Uint8Array;
  starts: Float64Array;
  pixels: PixelShape | null;
}

export type Column =
  NumericColumn | StringColumn | BooleanColumn | TimestampColumn | VectorColumn | BinaryColumn;
export type ColumnKind = Column['kind'];

/** A column the reader skipped, with the reason shown to the user. */
export interface SkippedColumn {
  name: string;
  arrowType: string;
  reason: string;
}

/** One loaded file, normalized. */
export interface LoadedTable {
  fileName: string;
  numRows: number;
  columns: Column[];
  arrowTypes: Record<string, string>;
  skipped: SkippedColumn[];
  metadata: Record<string, string>;
  byteLength: number;
}

/** Small, serializable facts about a column, for the UI and for role inference. */
export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  arrowType: string;
  nullCount: number;
  distinct: number | null;
  min: number | null;
  max: number | null;
  integral: boolean;
  dim: number | null;
  sample: string[];
  /**
   * Still being read (the file was opened from its footer, this column after the first view):
   * only the name, kind, type, dim and null count are known yet.
   */
  loading?: boolean;
}

// Parquet string columns stored with a dictionary (categoricals: DuckDB, Spark and pyarrow write
// every low-cardinality string column this way) are decoded as Arrow dictionaries, not as one
// string per row: arrow-rs then hands over each row group's few distinct strings and a code per
// row, and the app interns the distinct strings once (arrowStrings.ts) instead of decoding and
// hashing a million of them (≈1 s of a 1M open with six such columns, bench/RESULTS.md §11).
// Like an Arrow file's dictionary columns, they are then deferred by the partial open
// (choose.ts). arrow-rs takes the types from the embedded Arrow schema, so one naming those
// fields Dictionary<Int32, Utf8> is written into each row group's small file (parquetSplit.ts).
import {
  Dictionary,
  Int32,
  Schema,
  Table,
  Type,
  type DataType,
  tableFromIPC,
  tableToIPC,
} from 'apache-arrow';
import type { ColumnMetaData, FileMetaData } from 'hyparquet';
import type { SplitFooter } from './parquetSplit';

const DICTIONARY = new Set(['PLAIN_DICTIONARY', 'RLE_DICTIONARY']);
/** Encodings of the levels and of the dictionary page itself, not of the values. */
const LEVELS = new Set(['RLE', 'BIT_PACKED']);

/** Every data page of the chunk is dictionary-encoded (a writer that fell back to plain is not). */
function allDictionary(m: ColumnMetaData): boolean {
  if (m.type !== 'BYTE_ARRAY' || m.dictionary_page_offset === undefined) return false;
  if (m.encoding_stats?.length) {
    return m.encoding_stats.every(
      (e) => e.page_type === 'DICTIONARY_PAGE' || DICTIONARY.has(e.encoding),
    );
  }
  // Without page statistics: PLAIN is listed for the dictionary page by some writers and for
  // fallback pages by all, so only a chunk that lists no value encoding but a dictionary counts.
  return m.encodings.every((e) => DICTIONARY.has(e) || LEVELS.has(e));
}

/**
 * Names of the top-level single-leaf fields dictionary-encoded in every row group, or with a
 * dictionary page in every row group and `declared` a dictionary by the writer's embedded Arrow
 * schema (polars' categoricals: it lists PLAIN for the dictionary page and writes no page
 * statistics, so the pages alone cannot be told; arrow-rs reads a page that fell back to plain
 * into the dictionary too).
 */
export function dictionaryStrings(
  meta: FileMetaData,
  s: SplitFooter,
  declared: ReadonlySet<string> = new Set(),
): Set<string> {
  const out = new Set<string>();
  if (meta.row_groups.length === 0) return out;
  s.leaves.forEach(([a, b], k) => {
    if (b - a !== 1) return;
    const name = s.names[k]!;
    const every = meta.row_groups.every((g) => {
      const m = g.columns[a]?.meta_data;
      if (!m) return false;
      if (declared.has(name))
        return m.type === 'BYTE_ARRAY' && m.dictionary_page_offset !== undefined;
      return allDictionary(m);
    });
    if (every) out.add(name);
  });
  return out;
}

const fromBase64 = (b: Uint8Array) =>
  Uint8Array.from(atob(new TextDecoder().decode(b)), (c) => c.charCodeAt(0));
const STRINGS = new Set([Type.Utf8, Type.LargeUtf8, Type.Utf8View]);

/** Fields the embedded Arrow schema (base64) declares dictionaries of strings; none if unreadable. */
export function declaredDictionaries(arrowSchema: Uint8Array | null): Set<string> {
  const out = new Set<string>();
  if (!arrowSchema) return out;
  try {
    for (const f of tableFromIPC(fromBase64(arrowSchema)).schema.fields) {
      const t = f.type as DataType;
      if (t.typeId !== Type.Dictionary) continue;
      const values = (t as unknown as { dictionary: DataType }).dictionary.typeId;
      if (STRINGS.has(values)) out.add(f.name);
    }
  } catch {
    // No declared dictionaries: the pages' encodings alone decide.
  }
  return out;
}

const toBase64 = (b: Uint8Array) => btoa(Array.from(b, (c) => String.fromCharCode(c)).join(''));

/**
 * The embedded Arrow schema (base64 IPC schema message) of `schema` with the named string fields
 * as Dictionary<Int32, their string type>; null when none of them is a string field or arrow-js
 * cannot write it.
 */
export function dictionarySchema(schema: Schema, names: Set<string>): Uint8Array | null {
  let changed = false;
  const fields = schema.fields.map((f) => {
    const id = (f.type as DataType).typeId;
    if (!names.has(f.name) || (id !== Type.Utf8 && id !== Type.LargeUtf8)) return f;
    changed = true;
    return f.clone({ type: new Dictionary(f.type, new Int32()) });
  });
  if (!changed) return null;
  try {
    const out = tableToIPC(new Table(new Schema(fields, schema.metadata)), 'stream');
    const len = new DataView(out.buffer, out.byteOffset).getInt32(4, true);
    return new TextEncoder().encode(toBase64(out.subarray(0, 8 + len)));
  } catch {
    return null;
  }
}

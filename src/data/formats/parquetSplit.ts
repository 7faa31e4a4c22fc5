// One small Parquet file per row group, holding only the columns asked for: the column chunks'
// bytes back to back and a rewritten footer naming that one row group. Why: parquet-wasm 0.8
// copies the whole file into wasm memory on every read and ignores its `columns` option, and
// reading a whole 1M-row file at once makes arrow-rs grow (and copy) gigabyte buffers; a row
// group at a time keeps wasm memory near one group's size and skips the columns not needed.
// The footer has been checked (parquetFooter.ts): every chunk lies inside the file.
import {
  T,
  type TList,
  type TStruct,
  dropFields,
  field,
  readStruct,
  setField,
  writeStruct,
} from './thrift';
import { sameFooter } from './parquetFooter';

// Field ids from parquet.thrift.
const FILE = { schema: 2, numRows: 3, rowGroups: 4, keyValue: 5, columnOrders: 7 };
const SCHEMA = { name: 4, numChildren: 5 };
const GROUP = { columns: 1, numRows: 3, sorting: 4, fileOffset: 5, totalCompressed: 6, ordinal: 7 };
const CHUNK = { filePath: 1, fileOffset: 2, meta: 3, offsetIndex: [4, 5], columnIndex: [6, 7] };
const META = {
  totalCompressed: 7,
  dataPage: 9,
  indexPage: 10,
  dictPage: 11,
  bloom: [14, 15],
};
const ARROW_SCHEMA = 'ARROW:schema';

const list = (v: unknown): TList => v as TList;
const num = (v: unknown): number => Number(v as number | bigint);
const utf8 = new TextDecoder();

export interface SplitFooter {
  footer: TStruct;
  /** Top-level field names, in file order. */
  names: string[];
  /** For each top-level field, the index range of its leaf columns. */
  leaves: [number, number][];
  numRowGroups: number;
  /** The embedded Arrow schema (base64), if any. */
  arrowSchema: Uint8Array | null;
}

const split = new WeakMap<Uint8Array, { tail: Uint8Array; value: SplitFooter }>();

/** Reads the footer of a checked Parquet file and maps top-level fields to leaf columns. */
export function splitFooter(bytes: Uint8Array): SplitFooter {
  return sameFooter(split, bytes, () => readSplit(bytes));
}

function readSplit(bytes: Uint8Array): SplitFooter {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(bytes.length - 8, true);
  const footer = readStruct(bytes.subarray(bytes.length - 8 - len, bytes.length - 8));
  const schema = list(field(footer, FILE.schema)).items as TStruct[];
  const names: string[] = [];
  const leaves: [number, number][] = [];
  // The schema is a tree flattened depth-first; a leaf is an element without children.
  let at = 1;
  let leaf = 0;
  const walk = (): void => {
    const n = num(field(schema[at++]!, SCHEMA.numChildren) ?? 0);
    if (n === 0) leaf++;
    for (let i = 0; i < n; i++) walk();
  };
  const top = num(field(schema[0]!, SCHEMA.numChildren) ?? 0);
  for (let i = 0; i < top; i++) {
    names.push(utf8.decode(field(schema[at]!, SCHEMA.name) as Uint8Array));
    const first = leaf;
    walk();
    leaves.push([first, leaf]);
  }
  const kv = field(footer, FILE.keyValue) as TList | undefined;
  const arrow = kv?.items.find((e) => {
    const k = field(e as TStruct, 1);
    return k instanceof Uint8Array && utf8.decode(k) === ARROW_SCHEMA;
  });
  return {
    footer,
    names,
    leaves,
    numRowGroups: list(field(footer, FILE.rowGroups)).items.length,
    arrowSchema: arrow ? ((field(arrow as TStruct, 2) as Uint8Array | undefined) ?? null) : null,
  };
}

export interface SplitOptions {
  /** Top-level field indexes to keep (all when undefined). */
  keep?: number[];
  /** The embedded Arrow schema to write instead of the file's (base64); null drops it. */
  arrowSchema?: Uint8Array | null;
}

/**
 * A self-contained Parquet file holding row group `g` and the kept fields only (no row group at
 * all when the file has none: its schema alone).
 */
export function rowGroupFile(
  bytes: Uint8Array,
  s: SplitFooter,
  g: number,
  opts: SplitOptions = {},
): Uint8Array {
  const keep = opts.keep ?? s.names.map((_, i) => i);
  const leafIdx = keep.flatMap((k) => {
    const [a, b] = s.leaves[k]!;
    return Array.from({ length: b - a }, (_, i) => a + i);
  });
  const group = list(field(s.footer, FILE.rowGroups)).items[g] as TStruct | undefined;
  const chunks = group ? (list(field(group, GROUP.columns)).items as TStruct[]) : [];

  // The chunks' bytes, back to back after the leading "PAR1".
  const ranges = (group ? leafIdx : []).map((i) => {
    const meta = field(chunks[i]!, CHUNK.meta) as TStruct;
    const dict = field(meta, META.dictPage);
    const data = num(field(meta, META.dataPage));
    const start = dict !== undefined && num(dict) > 0 && num(dict) < data ? num(dict) : data;
    return { start, size: num(field(meta, META.totalCompressed)), meta, chunk: chunks[i]! };
  });
  let at = 4;
  const newChunks: TStruct[] = ranges.map(({ start, size, meta, chunk }) => {
    const shift = (v: unknown) => BigInt(at + num(v) - start);
    let m = dropFields(meta, META.indexPage, ...META.bloom);
    m = [...m];
    setField(m, META.dataPage, T.I64, shift(field(meta, META.dataPage)));
    const dict = field(meta, META.dictPage);
    if (dict !== undefined) {
      if (num(dict) === start) setField(m, META.dictPage, T.I64, BigInt(at));
      else m = dropFields(m, META.dictPage);
    }
    const c = dropFields(chunk, ...CHUNK.offsetIndex, ...CHUNK.columnIndex);
    setField(c, CHUNK.fileOffset, T.I64, BigInt(at));
    setField(c, CHUNK.meta, T.STRUCT, m);
    at += size;
    return c;
  });
  const body = at;

  const footer: TStruct = [...s.footer];
  if (group) {
    const g2 = dropFields(group, GROUP.ordinal, GROUP.sorting);
    setField(g2, GROUP.columns, T.LIST, { elem: T.STRUCT, items: newChunks });
    setField(g2, GROUP.fileOffset, T.I64, 4n);
    setField(g2, GROUP.totalCompressed, T.I64, BigInt(body - 4));
    setField(footer, FILE.rowGroups, T.LIST, { elem: T.STRUCT, items: [g2] });
  } else setField(footer, FILE.rowGroups, T.LIST, { elem: T.STRUCT, items: [] });
  setField(footer, FILE.numRows, T.I64, BigInt(group ? num(field(group, GROUP.numRows)) : 0));
  if (opts.keep) {
    const schema = list(field(s.footer, FILE.schema)).items as TStruct[];
    const kept: TStruct[] = [];
    const root = [...schema[0]!];
    setField(root, SCHEMA.numChildren, T.I32, keep.length);
    kept.push(root);
    // Element index ranges of each top-level subtree, found by walking the flattened tree.
    const spans: [number, number][] = [];
    let e = 1;
    const walk = (): void => {
      const n = num(field(schema[e++]!, SCHEMA.numChildren) ?? 0);
      for (let i = 0; i < n; i++) walk();
    };
    for (let i = 0; i < s.names.length; i++) {
      const first = e;
      walk();
      spans.push([first, e]);
    }
    for (const k of keep) kept.push(...schema.slice(spans[k]![0], spans[k]![1]));
    setField(footer, FILE.schema, T.LIST, { elem: T.STRUCT, items: kept });
    const orders = field(s.footer, FILE.columnOrders) as TList | undefined;
    if (orders) {
      setField(footer, FILE.columnOrders, T.LIST, {
        elem: orders.elem,
        items: leafIdx.map((i) => orders.items[i]!),
      });
    }
  }
  if (opts.arrowSchema !== undefined) {
    const kv = field(s.footer, FILE.keyValue) as TList | undefined;
    const items = (kv?.items ?? []).filter((e) => {
      const k = field(e as TStruct, 1);
      return !(k instanceof Uint8Array && utf8.decode(k) === ARROW_SCHEMA);
    });
    if (opts.arrowSchema) {
      items.push([
        { id: 1, type: T.BINARY, value: new TextEncoder().encode(ARROW_SCHEMA) },
        { id: 2, type: T.BINARY, value: opts.arrowSchema },
      ]);
    }
    // A file without key-value metadata gets some only to carry a schema (parquetDictionary.ts).
    if (kv || items.length) setField(footer, FILE.keyValue, T.LIST, { elem: T.STRUCT, items });
  }

  const meta = writeStruct(footer);
  const out = new Uint8Array(body + meta.length + 8);
  out.set([0x50, 0x41, 0x52, 0x31], 0);
  let w = 4;
  for (const r of ranges) {
    out.set(bytes.subarray(r.start, r.start + r.size), w);
    w += r.size;
  }
  out.set(meta, body);
  const view = new DataView(out.buffer);
  view.setUint32(body + meta.length, meta.length, true);
  out.set([0x50, 0x41, 0x52, 0x31], body + meta.length + 4);
  return out;
}

// Parquet → Arrow, by parquet-wasm (arrow-rs compiled to WebAssembly; chosen by measurement, see
// bench/RESULTS.md "Parquet decoders"). The module and its 4.8 MB wasm load on the first Parquet
// file only, from the app's own origin, so Arrow users never fetch them.
// The file is decoded one row group at a time (parquetSplit.ts), each group handed to arrow-rs as
// a small file of its own, so wasm memory holds one group and its decoded columns, not the whole
// file twice over; only the columns asked for are decoded.
import { RecordBatch, Schema, Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { DataError } from '../readIpc';
import { checkGroupPages, checkParquetFooter, chunkRange } from './parquetFooter';
import { declaredDictionaries, dictionarySchema, dictionaryStrings } from './parquetDictionary';
import { type GroupDecoder, helperDecodeMs } from './parquetHelper';
import { type SplitFooter, rowGroupFile, splitFooter } from './parquetSplit';

type ParquetWasm = typeof import('parquet-wasm');
let loading: Promise<ParquetWasm> | null = null;
let compiling: Promise<WebAssembly.Module | null> | null = null;

/**
 * The decoder's wasm, compiled once in this worker and handed to the helper decoder too
 * (parquetHelper.ts), which then only instantiates it; null where it cannot be compiled here
 * (parquet-wasm then fetches and compiles it itself).
 */
export function compiledDecoder(): Promise<WebAssembly.Module | null> {
  compiling ??= import('parquet-wasm/esm/parquet_wasm_bg.wasm?url')
    .then((u) => WebAssembly.compileStreaming(fetch(u.default)))
    .catch(() => null);
  return compiling;
}

/** Starts loading the decoder (its 4.8 MB wasm compiles while the footer and chunks are read). */
export function loadDecoder(): Promise<ParquetWasm> {
  loading ??= import('parquet-wasm').then(async (m) => {
    // The browser build needs its wasm fetched and instantiated; the Node build (tests) is ready.
    const init = (m as unknown as { default?: unknown }).default;
    if (typeof init === 'function') {
      const module = await compiledDecoder();
      await (init as (o?: { module_or_path: WebAssembly.Module }) => Promise<unknown>)(
        module ? { module_or_path: module } : undefined,
      );
    }
    return m;
  });
  return loading;
}

/** Turns what arrow-rs reports (a JS Error, or a trap from inside the wasm) into a reason. */
export function explainParquetError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (err instanceof WebAssembly.RuntimeError || /unreachable|memory access/i.test(msg)) {
    return `the file is truncated or corrupt (the Parquet reader stopped: ${msg})`;
  }
  if (/memory|allocat|capacity overflow/i.test(msg)) {
    return `the file needs more memory than this tab can give (${msg})`;
  }
  if (/not yet implemented|not supported|unsupported/i.test(msg)) {
    return `the file uses a Parquet feature this reader does not support (${msg})`;
  }
  return `the file is truncated or corrupt (the Parquet reader failed: ${msg})`;
}

const toBase64 = (b: Uint8Array) => btoa(Array.from(b, (c) => String.fromCharCode(c)).join(''));
const fromBase64 = (b: Uint8Array) =>
  Uint8Array.from(atob(new TextDecoder().decode(b)), (c) => c.charCodeAt(0));

/**
 * The file's embedded Arrow schema cut to the kept fields (arrow-rs requires it to match the
 * Parquet schema field for field), or null — types then come from the Parquet schema alone —
 * when arrow-js cannot read or write it.
 */
function projectArrowSchema(b64: Uint8Array, names: string[]): Uint8Array | null {
  try {
    const { schema } = tableFromIPC(fromBase64(b64));
    const fields = schema.fields.filter((f) => names.includes(f.name));
    if (fields.length !== names.length) return null;
    const out = tableToIPC(new Table(new Schema(fields, schema.metadata)), 'stream');
    const len = new DataView(out.buffer, out.byteOffset).getInt32(4, true);
    return new TextEncoder().encode(toBase64(out.subarray(0, 8 + len)));
  } catch {
    return null;
  }
}

export interface ReadParquetOptions {
  /** Top-level columns to decode, by name; all when undefined. Unknown names are ignored. */
  columns?: string[];
  /** Called after each row group with rows done and the file's total. */
  onProgress?: (done: number, total: number) => void;
  /** No rows: the schema only (a file of no row group is decoded). */
  schemaOnly?: boolean;
  /**
   * `parquet: true` reads the Parquet schema's types, not the embedded Arrow schema's; set to
   * true when the embedded one is refused, so later reads of the same file's columns agree.
   * `plainStrings: true` likewise once dictionary-encoded strings could not be read as Arrow
   * dictionaries (parquetDictionary.ts).
   */
  types?: { parquet: boolean; plainStrings?: boolean };
  /** Yield to the event loop between row groups (a background read lets requests in). */
  yieldBetweenGroups?: boolean;
  /** Stops between row groups (throws the abort reason). */
  signal?: AbortSignal;
  /**
   * For a file read by range (`bytes` is a buffer of the file's size holding its footer): brings
   * in these [start, end) byte ranges, one row group's chunks of the decoded columns, before
   * their pages are checked and decoded. The next group's are asked for while one is decoded.
   */
  fetch?: (ranges: [number, number][]) => Promise<void>;
  /**
   * A second decoder (parquetHelper.ts) that takes some row groups while this thread decodes
   * the others; what it cannot decode, or decoded with types that changed since, is decoded here.
   */
  helper?: GroupDecoder | null;
}

const readGroup = (pw: ParquetWasm, file: Uint8Array): Table =>
  tableFromIPC(pw.readParquet(file, { batchSize: 1 << 20 }).intoIPCStream());

/** polars' categoricals are stored as Dictionary<UInt32, Utf8View>, which arrow-rs 56 refuses. */
const refusedType = (err: unknown) =>
  /data type|not supported|unsupported/i.test(err instanceof Error ? err.message : String(err));

/**
 * Decodes a Parquet file (all columns, or the named ones) into an arrow-js Table, one record batch
 * per row group. The footer is checked first (offsets and sizes inside the file and the tab's
 * budget), so a damaged size field cannot ask the decoder for gigabytes.
 */
export async function readParquet(
  bytes: Uint8Array,
  opts: ReadParquetOptions = {},
): Promise<Table> {
  const meta = checkParquetFooter(bytes);
  const pw = await loadDecoder();
  let s: SplitFooter;
  try {
    s = splitFooter(bytes);
  } catch (err) {
    throw new DataError(
      `the Parquet file is corrupt: its footer is damaged (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const keep = opts.columns
    ? s.names.flatMap((n, i) => (opts.columns!.includes(n) ? [i] : []))
    : undefined;
  // The leaf columns decoded: their chunks' pages are checked (and fetched) group by group.
  const leaves = (keep ?? s.names.map((_, i) => i)).flatMap((k) => {
    const [a, b] = s.leaves[k]!;
    return Array.from({ length: b - a }, (_, i) => a + i);
  });
  const names = keep?.map((k) => s.names[k]!);
  // undefined: the file's own embedded Arrow schema; null: none (types from the Parquet schema).
  let arrowSchema: Uint8Array | null | undefined = opts.types?.parquet
    ? null
    : names && s.arrowSchema
      ? projectArrowSchema(s.arrowSchema, names)
      : undefined;
  // Dictionary-encoded strings read as dictionaries: the schema to embed says so.
  let plain = arrowSchema;
  const dicts = opts.types?.plainStrings
    ? new Set<string>()
    : dictionaryStrings(meta, s, declaredDictionaries(s.arrowSchema));
  if (names) for (const n of [...dicts]) if (!names.includes(n)) dicts.delete(n);
  /** `types` (as `arrowSchema`) with the dictionary strings said to be dictionaries. */
  const withDictionaries = (types: Uint8Array | null | undefined) => {
    if (!dicts.size) return types;
    try {
      const b64 = types ?? (types === undefined ? s.arrowSchema : null);
      const base = b64
        ? tableFromIPC(fromBase64(b64)).schema
        : readGroup(pw, rowGroupFile(bytes, s, s.numRowGroups, { keep, arrowSchema: null })).schema;
      return dictionarySchema(base, dicts) ?? types;
    } catch {
      // The file's own types, as before; the decode below says what is wrong, if anything.
      return types;
    }
  };
  arrowSchema = withDictionaries(arrowSchema);
  const total = Number(meta.num_rows);
  const batches: RecordBatch[] = [];
  let schema: Schema | null = null;
  let done = 0;
  // A file without row groups is still read once, for its schema.
  const file = (g: number) => rowGroupFile(bytes, s, g, { keep, arrowSchema });
  const groups = opts.schemaOnly
    ? [s.numRowGroups]
    : Array.from({ length: Math.max(1, s.numRowGroups) }, (_, g) => g);
  const fetch = (g: number): Promise<void> | null => {
    if (!opts.fetch || g >= meta.row_groups.length) return null;
    const chunks = meta.row_groups[g]!.columns;
    const ranges = leaves.flatMap((l) => {
      const m = chunks[l]?.meta_data;
      return m ? [chunkRange(m, bytes.length)] : [];
    });
    const p = opts.fetch(ranges);
    p.catch(() => {}); // awaited below; a group never reached (an error before) must not go unhandled
    return p;
  };
  let hinted = arrowSchema !== plain;
  const decodeGroup = (g: number): Table => {
    for (;;) {
      try {
        return readGroup(pw, file(g));
      } catch (err) {
        if (hinted && !(err instanceof WebAssembly.RuntimeError)) {
          // The dictionaries refused: plain strings, for this and every later read of the file.
          hinted = false;
          arrowSchema = plain;
          if (opts.types) opts.types.plainStrings = true;
          continue;
        }
        // Read the Parquet types instead, for this and every later group so all groups agree
        // (still with the dictionary strings as dictionaries: polars' categoricals are refused
        // in its own schema, as Dictionary<UInt32, Utf8View>, and would be a string per row).
        if (!s.arrowSchema || plain === null || !refusedType(err)) throw err;
        plain = null;
        arrowSchema = withDictionaries(null);
        hinted = arrowSchema !== plain;
        if (opts.types) opts.types.parquet = true;
      }
    }
  };
  if (opts.helper && !opts.schemaOnly && groups.length > 1) {
    batches.push(
      ...(await decodeShared(opts.helper, groups.length, {
        prepare: (k) => {
          const g = groups[k]!;
          return (fetch(g) ?? Promise.resolve()).then(() => {
            if (g < meta.row_groups.length) checkGroupPages(bytes, meta, g, leaves);
          });
        },
        local: (k) => {
          try {
            const t = decodeGroup(groups[k]!);
            hinted = false;
            return { t, types: arrowSchema };
          } catch (err) {
            throw new DataError(explainParquetError(err));
          }
        },
        remote: (k) => ({ file: file(groups[k]!), types: arrowSchema }),
        types: () => arrowSchema,
        onRows: (n) => {
          done += n;
          opts.onProgress?.(Math.min(total, done), total);
        },
        signal: opts.signal,
      })),
    );
  } else {
    let next = fetch(groups[0]!);
    for (const [k, g] of groups.entries()) {
      if (opts.yieldBetweenGroups && g > 0) await new Promise((r) => setTimeout(r, 0));
      opts.signal?.throwIfAborted();
      await next;
      next = k + 1 < groups.length ? fetch(groups[k + 1]!) : null;
      // Each chunk's page headers, just before the decoder trusts them.
      if (g < meta.row_groups.length) checkGroupPages(bytes, meta, g, leaves);
      let t: Table;
      try {
        t = decodeGroup(g);
        hinted = false; // every later group is read with the types of the first
      } catch (err) {
        throw new DataError(explainParquetError(err));
      }
      schema ??= t.schema;
      batches.push(...t.batches);
      done += t.numRows;
      if (!opts.schemaOnly) opts.onProgress?.(Math.min(total, done), total);
    }
  }
  schema ??= batches[0]?.schema ?? null;
  const table = batches.length ? new Table(batches) : new Table(schema!);
  if (table.schema.fields.length === 0) throw new DataError('the Parquet file has no columns');
  return table;
}

/** A decoded group and the embedded schema (types) it was decoded with. */
interface Decoded {
  t: Table;
  types: unknown;
}

interface SharedSteps {
  /** Brings in and checks group k's chunks (rejects with the check's message). */
  prepare: (k: number) => Promise<void>;
  /** Decodes group k on this thread, with the usual type fallbacks; throws a DataError. */
  local: (k: number) => Decoded;
  /** Group k's small file for the helper, and the types written into it. */
  remote: (k: number) => { file: Uint8Array; types: unknown };
  /** The types in force now (a local fallback may change them). */
  types: () => unknown;
  onRows: (n: number) => void;
  signal?: AbortSignal;
}

/**
 * Row groups decoded on two threads: this one and the helper take the next group in turn (this
 * one the first, whose types settle the file's), the helper with two in hand so it never waits
 * for this thread's answer; at the end this thread takes back the helper's second group rather
 * than wait for both. A group the helper failed, or decoded with types that changed since
 * (a refused dictionary or Arrow schema), is decoded again here, in order: the outcome, values
 * and messages, is the one-thread decode's.
 */
async function decodeShared(
  helper: GroupDecoder,
  n: number,
  step: SharedSteps,
): Promise<RecordBatch[]> {
  const out: (Decoded | null)[] = Array.from({ length: n }, () => null);
  const prepared = new Map<number, Promise<void>>();
  const prepare = (k: number) => {
    let p = prepared.get(k);
    if (!p) {
      p = step.prepare(k);
      p.catch(() => {}); // awaited by whoever takes group k
      prepared.set(k, p);
    }
    return p;
  };
  const start = performance.now();
  const helperStart = helperDecodeMs();
  let localMs = 0;
  let byHelper = 0;
  let taken = 0;
  let stopped = false;
  const take = () => (!stopped && taken < n ? taken++ : -1);
  /** Groups sent to the helper, not answered yet, in the order sent (it decodes in that order). */
  const sent: { k: number; abort: AbortController }[] = [];
  const unsend = (job: (typeof sent)[number]) => {
    const at = sent.indexOf(job);
    if (at >= 0) sent.splice(at, 1);
  };
  const localLane = async () => {
    for (;;) {
      let k = take();
      if (k < 0) {
        // None left to hand out: take back the last group sent, which the helper has not
        // started while it works on an earlier one, rather than wait for both.
        const job = sent.length > 1 ? sent.at(-1)! : undefined;
        if (!job) return;
        unsend(job);
        job.abort.abort();
        k = job.k;
      }
      await prepare(k);
      step.signal?.throwIfAborted();
      const t = performance.now();
      const d = step.local(k);
      localMs += performance.now() - t;
      if (!out[k]) step.onRows(d.t.numRows);
      out[k] = d;
      // Lets the helper's answers in (and hands it its next group) before the next decode.
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  const remoteLane = async () => {
    for (let k = take(); k >= 0; k = take()) {
      await prepare(k);
      step.signal?.throwIfAborted();
      const { file, types } = step.remote(k);
      const job = { k, abort: new AbortController() };
      sent.push(job);
      let t: Table | null = null;
      try {
        t = tableFromIPC(await helper.decode(file, job.abort.signal));
      } catch {
        // Failed or taken back: decoded here (afterwards, if need be), which says what is wrong.
      } finally {
        unsend(job);
      }
      if (stopped) return;
      if (t && !out[k]) {
        out[k] = { t, types };
        byHelper++;
        step.onRows(t.numRows);
      }
    }
  };
  // This thread first: it takes group 0, whose decode settles the types.
  const local = localLane();
  const remote = [remoteLane(), remoteLane()];
  for (const r of remote) r.catch(() => {}); // awaited below, unless this thread fails first
  try {
    await local;
    await Promise.all(remote);
  } finally {
    stopped = true;
  }
  // Until every group has the types in force (each pass can only move them toward the plainer).
  for (;;) {
    let again = false;
    for (let k = 0; k < n; k++) {
      const d = out[k];
      if (d && d.types === step.types()) continue;
      step.signal?.throwIfAborted();
      const redo = step.local(k);
      if (!d) step.onRows(redo.t.numRows);
      out[k] = redo;
      again = true;
    }
    if (!again) break;
  }
  try {
    // For the bench (a `wb:*` measure, bench/lib/cdp.mjs): how the groups were shared.
    const mine = Math.round(localMs);
    const its = Math.round(helperDecodeMs() - helperStart);
    performance.measure(
      `wb:parquet:two threads (helper ${byHelper} of ${n} groups; decoding ${its} ms there, ${mine} ms here)`,
      { start },
    );
  } catch {
    // No Performance API: the measure is optional.
  }
  return out.flatMap((d) => d!.t.batches);
}

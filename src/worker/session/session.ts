import { combineTables } from '../../data/combine';
import { setVectorAllocator } from '../../data/vectorMemory';
import { allocateScannable } from '../../engine/neighbors/simdScan';
import { OpenDataset } from './dataset';
import { ColumnPending } from './deferred';
import { summarize } from './summary';
import { type PartialOpen, openPartial, openWith } from './openPartial';
import { readParquetPartially } from '../../data/partial/parquetPartial';
import { readCsvPartially } from '../../data/partial/csvPartial';
import { readArriving } from '../../data/readArriving';
import { textKind } from '../../data/sniff';
import { placeholderOf } from '../../data/partial/placeholder';
import { checkTable } from '../../data/checkData';
import { columnNames, fromArrowTable } from '../../data/fromArrow';
import type { DataType } from 'apache-arrow';
import { MIN_PARTIAL_BYTES, readArrowPartially } from '../../data/partial/readPartial';
import { readRanges } from '../../data/partial/ranges';
import { timed, timedAsync } from './timing';
import { sanityChecks } from './sanityChecks';
import { applyThresholds } from './thresholds';
import { profileField } from '../services/cohorts/profileField';
import { CohortError } from '../../engine/cohort/truth';
import { popcount } from '../../engine/cohort/evaluate';
import type { CohortDef } from '../../shared/predicate';
import { loadTable } from '../../data/load';
import { type EvalArrays, classesOf, prepareEval } from '../../data/prepare';
import { DataError } from '../../data/readIpc';
import { type OpenFile, decodeFile } from '../../data/formats/decode';
import {
  type Progress,
  type Source,
  ReadBudget,
  readSource,
  setRefusal,
  sizeRefusal,
  sourceName,
} from '../../data/readSource';
import type { RoleMapping } from '../../shared/roles';
import type { ColumnInfo, LoadedTable } from '../../data/types';
import { computeOverview } from '../../engine/overview';
import type {
  Analysis,
  CohortStats,
  ColumnsUpdate,
  Field,
  FieldProfile,
  FileError,
  OpenResult,
} from '../../protocol';

// Vector columns are read straight into WebAssembly memory, where the SIMD kNN scan reads them.
setVectorAllocator(allocateScannable);

function reasonOf(err: unknown): string {
  if (err instanceof DataError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Every column a role mapping names (they must be read before it is applied). */
function mappingColumns(m: RoleMapping): (string | null)[] {
  return [
    m.id,
    m.label,
    ...m.versions.flatMap((v) => [v.prediction, v.score, v.probabilities, ...v.classColumns]),
  ];
}

const CANCELLED: OpenResult = { summary: null, errors: [], cancelled: true };

/** The worker's state: one open dataset at a time; a failed open never replaces it. */
export class Session {
  private current: OpenDataset | null = null;
  /** Files smaller than this are read whole (tests lower it to exercise the partial read). */
  partialMinBytes = MIN_PARTIAL_BYTES;
  /** Stops the background reading of the current dataset's remaining columns. */
  private background: AbortController | null = null;

  /** The open dataset becomes `d`; the columns still being read for the one before stop. */
  private replace(d: OpenDataset, background: AbortController | null = null): void {
    this.background?.abort();
    this.background = background;
    this.current = d;
  }

  /** Throws ColumnPending for the first of `names` still being read (not for failed ones). */
  requirePending(names: string[]): void {
    const deferred = this.current?.byName.deferred;
    for (const n of names) if (deferred?.pending(n)) throw new ColumnPending(n);
  }

  /**
   * Resolves when `column` of the open dataset is read; rejects with the reason it cannot be (it
   * failed, or another file was opened). Requests that met ColumnPending wait here (gate.ts).
   */
  columnReady(column: string): Promise<void> {
    const deferred = this.current?.byName.deferred;
    return deferred ? deferred.wait(column) : Promise.resolve();
  }

  /** The open dataset; throws when none is (callers are UI requests that need one). */
  get dataset(): OpenDataset {
    if (!this.current) throw new Error('no dataset is open');
    return this.current;
  }

  /**
   * Opens files already in memory: Arrow IPC bytes, or tables decoded from Parquet/CSV by
   * `openFiles` (the worker reads sources first; tests call this with Arrow bytes).
   */
  openBytes(
    files: OpenFile[],
    errors: FileError[] = [],
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): OpenResult {
    const tables: LoadedTable[] = [];
    for (const f of files) {
      if (signal?.aborted) return CANCELLED;
      onProgress?.({
        fileName: f.name,
        phase: 'decoding',
        bytesRead: f.bytes.byteLength,
        totalBytes: f.bytes.byteLength,
      });
      try {
        tables.push(f.table ?? timed('open:parse', () => loadTable(f.bytes, f.name)));
      } catch (err) {
        errors.push({ fileName: f.name, reason: reasonOf(err) });
      }
    }
    if (tables.length === 0) return { summary: null, errors };
    onProgress?.({
      fileName: tables.map((t) => t.fileName).join(', '),
      phase: 'joining',
      bytesRead: 0,
      totalBytes: null,
    });
    try {
      const combined = timed('open:combine', () => combineTables(tables));
      const summary = timed('open:summarize', () => summarize(combined, tables));
      if (signal?.aborted) return CANCELLED;
      this.replace(new OpenDataset(combined));
      return { summary, errors };
    } catch (err) {
      errors.push({ fileName: tables.map((t) => t.fileName).join(', '), reason: reasonOf(err) });
      return { summary: null, errors };
    }
  }

  /** Decodes Parquet, CSV and gzip files (Arrow passes through), then opens them. */
  async openFiles(
    files: OpenFile[],
    errors: FileError[] = [],
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<OpenResult> {
    const decoded: OpenFile[] = [];
    for (const f of files) {
      const report = (done: number, total: number) =>
        onProgress?.({ fileName: f.name, phase: 'decoding', bytesRead: done, totalBytes: total });
      try {
        decoded.push(await decodeFile(f.name, f.bytes, report));
      } catch (err) {
        errors.push({ fileName: f.name, reason: reasonOf(err) });
      }
    }
    return this.openBytes(decoded, errors, onProgress, signal);
  }

  private opening: { token: number; abort: AbortController } | null = null;

  /** Stops the open with this token (a later open stops any earlier one by itself). */
  cancelOpen(token: number): void {
    if (this.opening?.token === token) this.opening.abort.abort();
  }

  /**
   * Reads and opens sources. Only the latest open may replace the dataset: starting one cancels
   * the one before (its reads stop, its result is dropped), so a slow demo or a big file opened
   * first can never replace what the user opened last.
   */
  async open(
    sources: Source[],
    onProgress: (p: Progress) => void,
    token = 0,
    onColumns: (u: ColumnsUpdate) => void = () => {},
  ): Promise<OpenResult> {
    this.opening?.abort.abort();
    const { signal } = (this.opening = { token, abort: new AbortController() }).abort;
    const errors: FileError[] = [];
    const files: OpenFile[] = [];
    // Too large for the tab: refused before reading a byte (see readSource.ts for the limits).
    const budget = new ReadBudget();
    const refused = setRefusal(sources, budget);
    if (refused) {
      return {
        summary: null,
        errors: [{ fileName: sources.map(sourceName).join(', '), reason: refused }],
      };
    }
    const one = sources.length === 1 ? sources[0]! : null;
    if (one?.kind === 'file' && !sizeRefusal(one.file.size, budget)) {
      const opened =
        (await this.openFromFooter(one.file, onProgress, token, onColumns, signal)) ??
        (await this.openParquet(one.file, onProgress, token, onColumns, signal)) ??
        (await this.openCsv(one, budget, onProgress, token, onColumns, signal));
      if (opened) return opened;
    }
    for (const s of sources) {
      const name = sourceName(s);
      try {
        files.push({ name, bytes: await readSource(s, onProgress, budget, signal) });
      } catch (err) {
        if (signal.aborted) return CANCELLED;
        errors.push({ fileName: name, reason: reasonOf(err) });
      }
    }
    return this.openFiles(files, errors, onProgress, signal);
  }

  /**
   * Opens an uncompressed Arrow file from its footer: the columns the first view needs now, the
   * rest in the background. Null when the file is better read whole (then `open` reads it).
   */
  private async openFromFooter(
    file: File,
    onProgress: (p: Progress) => void,
    token: number,
    onColumns: (u: ColumnsUpdate) => void,
    signal: AbortSignal,
  ): Promise<OpenResult | null> {
    const fileName = file.name;
    let last = 0;
    const reading = (bytesRead: number, totalBytes: number) => {
      const now = Date.now();
      if (now - last < 50) return;
      last = now;
      onProgress({ fileName, phase: 'reading', bytesRead, totalBytes });
    };
    let partial;
    try {
      partial = await readArrowPartially(file, reading, signal, this.partialMinBytes);
    } catch {
      if (signal.aborted) return CANCELLED;
      return null; // the whole read reports what went wrong
    }
    if (!partial) return null;
    onProgress({
      fileName,
      phase: 'decoding',
      bytesRead: partial.eagerBytes,
      totalBytes: partial.eagerBytes,
    });
    const r = openPartial(partial, fileName, file.size, token, onColumns);
    if (r.kind === 'failed') return { summary: null, errors: [{ fileName, reason: r.reason }] };
    if (r.kind === 'whole') {
      try {
        const ranges = [...partial.deferred.values()].flat();
        await readRanges(file, partial.bytes, ranges, undefined, signal);
      } catch {
        if (signal.aborted) return CANCELLED;
        return null;
      }
      return this.openBytes([{ name: fileName, bytes: partial.bytes }], [], onProgress, signal);
    }
    if (signal.aborted) return CANCELLED;
    return this.startDeferred(r, file);
  }

  /** The dataset opened on its first columns becomes current; the rest are read after. */
  private startDeferred(r: PartialOpen & { kind: 'opened' }, file: Blob): OpenResult {
    const background = new AbortController();
    this.replace(r.dataset, background);
    // First the role arrays the page asks for next (it asks while it restores its saved state),
    // then the remaining columns.
    const roles = r.summary.inferred;
    setTimeout(() => {
      this.prewarm(r.dataset, roles);
      void r.deferred.run(file, background.signal);
    }, 0);
    return { summary: r.summary, errors: [] };
  }

  /**
   * Opens a single Parquet file on the columns the first view needs, read by byte range, the rest
   * read and decoded in the background (parquetPartial.ts). Null when it is not a Parquet file
   * this large or it cannot open this way: `open` then reads and decodes it whole, which gives
   * the usual messages.
   */
  private async openParquet(
    file: File,
    onProgress: (p: Progress) => void,
    token: number,
    onColumns: (u: ColumnsUpdate) => void,
    signal: AbortSignal,
  ): Promise<OpenResult | null> {
    const fileName = file.name;
    if (file.size < Math.max(this.partialMinBytes, 12)) return null;
    try {
      const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
      if (new TextDecoder().decode(head) !== 'PAR1') return null;
    } catch {
      return null; // the whole read reports what went wrong
    }
    const decoding = (bytesRead: number, totalBytes: number) =>
      onProgress({ fileName, phase: 'decoding', bytesRead, totalBytes });
    let p;
    try {
      p = await readParquetPartially(file, decoding, signal);
    } catch {
      if (signal.aborted) return CANCELLED;
      return null;
    }
    if (signal.aborted) return CANCELLED;
    if (!p) return null;
    let table: LoadedTable;
    try {
      checkTable(p.eager);
      table = fromArrowTable(p.eager, fileName, file.size);
    } catch {
      return null;
    }
    const order = columnNames(p.schema.fields);
    const later = p.deferred.map((i) => ({ index: i, name: order[i]! }));
    const infos = new Map<string, ColumnInfo>(
      later.map((c) => [
        c.name,
        placeholderOf(
          p.schema.fields[c.index]!.type as DataType,
          c.name,
          p.nullCounts[c.index]!,
          p.dims[c.index]!,
        ),
      ]),
    );
    const r = openWith(table, { order, infos }, later, p.source, token, onColumns);
    if (r.kind !== 'opened') return null;
    if (signal.aborted) return CANCELLED;
    return this.startDeferred(r, file);
  }

  /**
   * Opens a single large CSV/TSV file on the columns the first view needs, the rest parsed in
   * the background (csvPartial.ts). Null when it is not one (a gzip file is read whole);
   * otherwise read once, and parsed whole when it cannot open this way (the usual messages).
   */
  private async openCsv(
    source: Source & { kind: 'file' },
    budget: ReadBudget,
    onProgress: (p: Progress) => void,
    token: number,
    onColumns: (u: ColumnsUpdate) => void,
    signal: AbortSignal,
  ): Promise<OpenResult | null> {
    const { file } = source;
    const fileName = file.name;
    if (file.size < Math.max(this.partialMinBytes, 1)) return null;
    try {
      // What decodeFile decides from: textKind reads the first KiB.
      if (textKind(new Uint8Array(await file.slice(0, 1024).arrayBuffer())) !== 'csv') return null;
    } catch {
      return null;
    }
    const decoding = (bytesRead: number, totalBytes: number) =>
      onProgress({ fileName, phase: 'decoding', bytesRead, totalBytes });
    // Scanned while it is read (readArriving.ts): the parse follows the slices as they land.
    let p: Awaited<ReturnType<typeof readCsvPartially>>;
    let bytes: Uint8Array;
    try {
      const src = readArriving(file, onProgress, budget, signal);
      p = await timedAsync('open:parse', () => readCsvPartially(src, fileName, decoding));
      bytes = await src.done;
    } catch (err) {
      if (signal.aborted) return CANCELLED;
      return { summary: null, errors: [{ fileName, reason: reasonOf(err) }] };
    }
    const whole = () => this.openFiles([{ name: fileName, bytes }], [], onProgress, signal);
    if (signal.aborted) return CANCELLED;
    if (!p) return whole();
    const r = openWith(p.table, p, p.later, p.source, token, onColumns);
    if (r.kind !== 'opened') return whole();
    if (signal.aborted) return CANCELLED;
    return this.startDeferred(r, file);
  }

  private thresholds: Record<string, number> = {};

  /**
   * Prepares the role arrays of the inferred roles while the page is still showing the summary:
   * its first request is nearly always for them (saved roles that differ just miss).
   */
  private prewarm(d: OpenDataset, mapping: RoleMapping): void {
    if (this.current !== d) return;
    try {
      d.require(mappingColumns(mapping));
      const ev = timed('analyse:prepare', () => prepareEval(d.combined.columns, d.n, mapping));
      this.prepared = { d, key: JSON.stringify(mapping), ev };
    } catch {
      // The page's own request reports whatever went wrong.
    }
  }

  /**
   * The last prepared roles: a threshold edit re-derives predictions only, not every array; the
   * open's prewarm fills it before the page's first request.
   */
  private prepared: { d: OpenDataset; key: string; ev: EvalArrays } | null = null;
  private analysedHooks: ((ev: EvalArrays) => void)[] = [];

  /** Runs `hook` after every analysis (services warm their indexes in the background). */
  onAnalysed(hook: (ev: EvalArrays) => void): void {
    this.analysedHooks.push(hook);
  }

  analyse(mapping: RoleMapping): Analysis {
    const d = this.dataset;
    d.require(mappingColumns(mapping));
    const key = JSON.stringify(mapping);
    const kept = this.prepared?.d === d && this.prepared.key === key ? this.prepared.ev : null;
    const prepared =
      kept ?? timed('analyse:prepare', () => prepareEval(d.combined.columns, d.n, mapping));
    this.prepared = { d, key, ev: prepared };
    const ev = applyThresholds(prepared, this.thresholds);
    d.setRoles(mapping, ev);
    for (const hook of this.analysedHooks) hook(ev);
    const metrics = timed('analyse:overview', () => computeOverview(ev));
    const positiveClass = ev.task === 'binary' ? (ev.classes[ev.positive] ?? null) : null;
    const checks = sanityChecks(prepared, metrics, this.thresholds);
    const analysis = {
      task: ev.task,
      classes: ev.classes,
      positiveClass,
      metrics,
      warnings: ev.warnings,
      checks,
    };
    this.lastAnalysis = { ev, analysis };
    return analysis;
  }

  /** The class list a draft mapping would give (the mapping step's positive-class choice). */
  classesOf(mapping: RoleMapping): { classes: string[]; positiveClass: string | null } {
    this.dataset.require(mappingColumns(mapping));
    return classesOf(this.dataset.combined.columns, mapping);
  }

  /** The thresholds in force (a copy), part of the key of results that depend on them. */
  thresholdSettings(): Record<string, number> {
    return { ...this.thresholds };
  }

  /** Binary decision thresholds per version; predictions, metrics and cohorts follow them. */
  setThresholds(thresholds: Record<string, number>): Analysis | null {
    // The same thresholds twice (a Compare request carried them, then the page's own
    // setThresholds arrives) re-analyse once: the second call answers with the kept analysis.
    const last = this.lastAnalysis;
    if (last && last.ev === this.current?.ev && sameThresholds(thresholds, this.thresholds)) {
      return last.analysis;
    }
    this.thresholds = { ...thresholds };
    const roles = this.current?.roles;
    return roles ? this.analyse(roles) : null;
  }

  /** The last analysis and the prepared arrays it describes (dies with any re-analysis). */
  private lastAnalysis: { ev: EvalArrays; analysis: Analysis } | null = null;

  /** Size and headline metrics of each cohort; a cohort that cannot be evaluated says why. */
  cohorts(defs: CohortDef[]): CohortStats[] {
    const d = this.dataset;
    return defs.map((c) => {
      try {
        const { size, metrics } = d.cached(`cohort:${JSON.stringify(c.predicate)}`, () => {
          const mask = timed('cohort:mask', () => d.maskOf(c.predicate)!);
          return {
            size: popcount(mask),
            metrics: timed('cohort:aggregate', () => (d.ev ? computeOverview(d.ev, mask) : [])),
          };
        });
        return { id: c.id, size, metrics, error: null };
      } catch (err) {
        if (!(err instanceof CohortError)) throw err;
        return { id: c.id, size: 0, metrics: [], error: err.message };
      }
    });
  }

  /**
   * A service's answer to `req`, computed once under the current roles and thresholds: coming
   * back to a view, or to a setting seen before, costs a lookup (the cache dies with the roles).
   */
  memo<Req, T>(name: string, req: Req, compute: (d: OpenDataset, req: Req) => T): T {
    const d = this.dataset;
    return d.cached(`${name}:${JSON.stringify(req)}`, () => compute(d, req));
  }

  profile(field: Field, search?: string): FieldProfile {
    const d = this.dataset;
    return d.cached(`profile:${JSON.stringify([field, search])}`, () =>
      profileField(d, field, search),
    );
  }
}

function sameThresholds(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is(a[k], b[k]));
}

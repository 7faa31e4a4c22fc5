import { setVectorAllocator } from '../../data/vectorMemory';
import { allocateScannable } from '../../engine/neighbors/simdScan';
import { OpenDataset } from './dataset';
import { ColumnPending } from './deferred';
import type { PartialOpen } from './openPartial';
import { CANCELLED, type OpenCall, reasonOf } from './openCall';
import { openArrowPartial } from './openArrowPartial';
import { openParquetPartial } from './openParquetPartial';
import { openCsvPartial } from './openCsvPartial';
import { MIN_PARTIAL_BYTES } from '../../data/partial/readPartial';
import { timed } from './timing';
import { sanityChecks } from './sanityChecks';
import { applyThresholds, sameThresholds } from './thresholds';
import { span, traceStart } from '../../shared/trace';
import { profileField } from '../services/cohorts/profileField';
import { CohortError } from '../../engine/cohort/truth';
import { popcount } from '../../engine/cohort/evaluate';
import type { CohortDef } from '../../shared/predicate';
import { type EvalArrays, classesOf, prepareEval } from '../../data/prepare';
import type { OpenFile } from '../../data/formats/decode';
import { decodeAll, openWhole } from './openWhole';
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
import { computeOverview } from '../../engine/overview';
import { fusedCohortStats } from '../../engine/cohortStats';
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

/** Every column a role mapping names (they must be read before it is applied). */
function mappingColumns(m: RoleMapping): (string | null)[] {
  return [
    m.id,
    m.label,
    ...m.versions.flatMap((v) => [v.prediction, v.score, v.probabilities, ...v.classColumns]),
  ];
}

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
    const { result, dataset } = openWhole(files, errors, onProgress, signal);
    if (dataset) this.replace(dataset);
    return result;
  }

  /** Decodes Parquet, CSV and gzip files (Arrow passes through), then opens them. */
  async openFiles(
    files: OpenFile[],
    errors: FileError[] = [],
    onProgress?: (p: Progress) => void,
    signal?: AbortSignal,
  ): Promise<OpenResult> {
    const decoded = await decodeAll(files, errors, onProgress);
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
      const call: OpenCall = {
        onProgress,
        token,
        onColumns,
        signal,
        minBytes: this.partialMinBytes,
        openBytes: (fs) => this.openBytes(fs, [], onProgress, signal),
        openFiles: (fs) => this.openFiles(fs, [], onProgress, signal),
        start: (r, file) => this.startDeferred(r, file),
      };
      const opened =
        (await openArrowPartial(one.file, call)) ??
        (await openParquetPartial(one.file, call)) ??
        (await openCsvPartial(one, budget, call));
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
    return this.analysisOf(this.derive(d, mapping, prepared), prepared);
  }

  /** The prepared arrays under the thresholds in force become the dataset's (caches die). */
  private derive(d: OpenDataset, mapping: RoleMapping, prepared: EvalArrays): EvalArrays {
    const ev = applyThresholds(prepared, this.thresholds);
    d.setRoles(mapping, ev);
    for (const hook of this.analysedHooks) hook(ev);
    return ev;
  }

  /** The overview metrics and checks of `ev`, computed once per derived arrays. */
  private analysisOf(ev: EvalArrays, prepared: EvalArrays): Analysis {
    const last = this.lastAnalysis;
    if (last?.ev === ev) return last.analysis;
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

  /**
   * Binary decision thresholds per version: predictions (and what follows them: cohorts, flips,
   * confusion) are re-derived at once, the overview metrics only when asked (setThresholds). A
   * Compare request carries the page's thresholds and applies them here, so a threshold edit is
   * answered by that one request (issue 15) without waiting for the overview's re-analysis.
   */
  applyThresholds(thresholds: Record<string, number>): void {
    if (sameThresholds(thresholds, this.thresholds)) return;
    this.thresholds = { ...thresholds };
    const d = this.current;
    const roles = d?.roles;
    if (!d || !roles) return; // applied by the first analysis
    const t = traceStart();
    const prepared = this.prepared;
    // The arrays the analysis prepared: only predictions are derived again.
    if (prepared?.d === d && prepared.key === JSON.stringify(roles))
      this.derive(d, roles, prepared.ev);
    else this.analyse(roles);
    span('applyThresholds', t);
  }

  /** applyThresholds, then the analysis under them (kept: a repeat of the same ones is free). */
  setThresholds(thresholds: Record<string, number>): Analysis | null {
    this.applyThresholds(thresholds);
    const d = this.current;
    const prepared = this.prepared;
    if (!d?.roles || !d.ev) return null;
    if (prepared?.d !== d) return this.analyse(d.roles);
    const t = traceStart();
    const out = this.analysisOf(d.ev, prepared.ev);
    span('analysis', t);
    return out;
  }

  /** The last analysis and the prepared arrays it describes (dies with any re-analysis). */
  private lastAnalysis: { ev: EvalArrays; analysis: Analysis } | null = null;

  /** Size and headline metrics of each cohort; a cohort that cannot be evaluated says why. */
  cohorts(defs: CohortDef[]): CohortStats[] {
    const d = this.dataset;
    return defs.map((c) => {
      try {
        const { size, metrics } = d.cached(`cohort:${JSON.stringify(c.predicate)}`, () => {
          // An AND of ranges and category sets (most cohorts): size and matrices in one pass.
          const ev = d.ev;
          const fused = ev
            ? timed('cohort:fused', () => fusedCohortStats(ev, c.predicate, d.cohortData()))
            : null;
          if (fused) return fused;
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

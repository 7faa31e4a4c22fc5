import { create } from 'zustand';
import type { RoleMapping } from '../shared/roles';
import { client } from '../worker/client';
import type {
  Analysis,
  ColumnInfo,
  ColumnsUpdate,
  DatasetSummary,
  FileError,
  Progress,
  Source,
} from '../protocol';
import { restoreFor } from './restore';
import { write } from './savedStorage';
import { rememberHandles } from './fileHandles';

/** Columns the worker is still reading after the dataset opened (see worker/session/deferred.ts). */
export interface ColumnsLoading {
  /** Still being read, in reading order. */
  pending: string[];
  current: string | null;
  /** 0–1 of the bytes still to read when the dataset opened. */
  fraction: number;
}

interface DatasetState {
  progress: Progress | null;
  /** Null once every column is read (or when all were read before the dataset opened). */
  columnsLoading: ColumnsLoading | null;
  loading: boolean;
  summary: DatasetSummary | null;
  /** What the dataset on screen was read from: reopened if the engine restarts, or one file alone. */
  sources: Source[];
  roles: RoleMapping | null;
  rolesFromStorage: boolean;
  analysis: Analysis | null;
  errors: FileError[];
  /** Opens sources; handles of local files are kept so a reload can reopen them. */
  open: (sources: Source[], handles?: FileSystemFileHandle[]) => Promise<void>;
  /** Stops the open in progress; whatever was open stays. */
  cancelOpen: () => Promise<void>;
  setRoles: (m: RoleMapping) => Promise<void>;
  resetRoles: () => Promise<void>;
  dismissErrors: () => void;
  applyThresholds: (t: Record<string, number>) => Promise<void>;
  report: (errors: FileError[]) => void;
  /** Where a reopen of the dataset on screen (engine restart) sends its columns read later. */
  columnsOfReopen: () => (u: ColumnsUpdate) => void;
}

function failure(err: unknown, fileName: string): FileError {
  return { fileName, reason: err instanceof Error ? err.message : String(err) };
}

/** A part of the saved state or link that was dropped, and why (from the schema). */
function notRestored(problem: string): FileError {
  const [source, ...rest] = problem.split(': ');
  return { action: 'Not restored from', fileName: source ?? '', reason: rest.join(': ') };
}

/** Every open gets the next token; only the latest one's result is shown. */
let latestOpen = 0;
/** The token of the dataset on screen; the last dataset the worker committed to. */
let shown = 0;
let workerHolds: { token: number; sources: Source[]; summary: DatasetSummary } | null = null;
/** Columns read after their open, by open token: they can arrive before its summary is shown. */
let columnUpdates: { token: number; loaded: Map<string, ColumnInfo>; last: ColumnsUpdate } | null =
  null;

export const useDataset = create<DatasetState>((set, get) => {
  /**
   * The summaries of columns read since the dataset opened replace their placeholders, in the
   * same summary (same fingerprint, roles and order): views stay mounted, selections stay.
   */
  function applyColumns() {
    const summary = get().summary;
    const u = columnUpdates;
    if (!summary || !u || u.token !== shown) return;
    const failed = u.last.failed.filter((f) => !get().errors.some((e) => e.reason === f.reason));
    if (failed.length)
      get().report(
        failed.map((f) => ({
          action: 'Could not read a column of',
          fileName: summary.files.join(', '),
          reason: f.reason,
        })),
      );
    const fresh = summary.columns.some((c) => c.loading && u.loaded.has(c.name));
    const columnsLoading = u.last.pending.length
      ? {
          pending: u.last.pending,
          current: u.last.current,
          fraction: u.last.totalBytes ? u.last.bytesRead / u.last.totalBytes : 1,
        }
      : null;
    set({
      columnsLoading,
      ...(fresh
        ? {
            summary: { ...summary, columns: summary.columns.map((c) => u.loaded.get(c.name) ?? c) },
          }
        : {}),
    });
  }
  function onColumns(u: ColumnsUpdate) {
    if (u.token !== latestOpen && u.token !== shown) return;
    if (columnUpdates?.token !== u.token)
      columnUpdates = { token: u.token, loaded: new Map(), last: u };
    for (const c of u.loaded) columnUpdates.loaded.set(c.name, c);
    columnUpdates.last = u;
    applyColumns();
  }

  async function show(token: number, sources: Source[], summary: DatasetSummary) {
    shown = token;
    const restored = await restoreFor(summary);
    if (shown !== token) return;
    const roles = restored.roles ?? summary.inferred;
    const loading = summary.columns.filter((c) => c.loading).map((c) => c.name);
    set({
      summary,
      sources,
      roles,
      rolesFromStorage: !!restored.roles,
      analysis: null,
      columnsLoading: loading.length ? { pending: loading, current: null, fraction: 0 } : null,
    });
    applyColumns();
    if (restored.problems.length) get().report(restored.problems.map(notRestored));
    const analysis = await client.analyse(roles);
    if (shown === token) set({ analysis });
  }
  /**
   * The latest open ended with nothing. If an earlier open replaced the worker's dataset after
   * the one on screen (it finished before the worker saw the later request), show that one: the
   * screen must describe what the worker holds.
   */
  async function settle(token: number) {
    const held = workerHolds;
    if (held && held.token > shown && token === latestOpen)
      await show(held.token, held.sources, held.summary);
  }
  return {
    progress: null,
    columnsLoading: null,
    loading: false,
    summary: null,
    sources: [],
    roles: null,
    rolesFromStorage: false,
    analysis: null,
    errors: [],

    open: async (sources, handles) => {
      if (sources.length === 0) return;
      const token = ++latestOpen;
      set({ loading: true, progress: null, errors: [] });
      try {
        const result = await client.open(
          sources,
          (progress) => {
            if (token === latestOpen) set({ progress });
          },
          token,
          onColumns,
        );
        if (result.summary) workerHolds = { token, sources, summary: result.summary };
        if (result.summary && handles?.length)
          void rememberHandles(result.summary.fingerprint, handles);
        // A later open (or Cancel) took over: this result is not shown, unless the later one
        // ends with nothing and this is what the worker now holds (see settle).
        if (token !== latestOpen) return get().loading ? undefined : settle(latestOpen);
        set({ errors: result.errors });
        if (!result.summary) return settle(token);
        await show(token, sources, result.summary);
      } catch (err) {
        if (token !== latestOpen) return;
        set({
          errors: [
            ...get().errors,
            failure(err, sources.map((s) => (s.kind === 'file' ? s.file.name : s.url)).join(', ')),
          ],
        });
      } finally {
        if (token === latestOpen) set({ loading: false, progress: null });
      }
    },

    cancelOpen: () => {
      const token = latestOpen++;
      void client.cancelOpen(token);
      set({ loading: false, progress: null });
      return settle(latestOpen);
    },

    setRoles: async (m) => {
      const summary = get().summary;
      if (!summary) return;
      void write(summary.fingerprint, { roles: m }, []);
      set({ roles: m, rolesFromStorage: true });
      try {
        set({ analysis: await client.analyse(m) });
      } catch (err) {
        set({ errors: [failure(err, summary.files.join(', '))] });
      }
    },

    resetRoles: async () => {
      const summary = get().summary;
      if (!summary) return;
      void write(summary.fingerprint, { roles: null }, []);
      set({ roles: summary.inferred, rolesFromStorage: false });
      set({ analysis: await client.analyse(summary.inferred) });
    },

    dismissErrors: () => set({ errors: [] }),
    applyThresholds: async (t) => {
      if (!get().summary) return;
      try {
        const analysis = await client.setThresholds(t);
        if (analysis) set({ analysis });
      } catch (err) {
        set({ errors: [...get().errors, failure(err, get().summary?.files.join(', ') ?? '')] });
      }
    },
    report: (errors) => set({ errors: [...get().errors, ...errors] }),
    columnsOfReopen: () => {
      const token = shown;
      return (u) => onColumns({ ...u, token });
    },
  };
});

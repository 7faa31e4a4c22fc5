import { create } from 'zustand';
import type { RoleMapping } from '../shared/roles';
import { client } from '../worker/client';
import type { Analysis, DatasetSummary, FileError, Progress, Source } from '../protocol';
import { restoreFor } from './restore';
import { write } from './savedStorage';
import { rememberHandles } from './fileHandles';

interface DatasetState {
  progress: Progress | null;
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

export const useDataset = create<DatasetState>((set, get) => {
  async function show(token: number, sources: Source[], summary: DatasetSummary) {
    shown = token;
    const restored = await restoreFor(summary);
    if (shown !== token) return;
    const roles = restored.roles ?? summary.inferred;
    set({ summary, sources, roles, rolesFromStorage: !!restored.roles, analysis: null });
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
  };
});

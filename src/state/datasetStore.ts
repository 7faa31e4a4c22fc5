import { create } from 'zustand';
import type { RoleMapping } from '../shared/roles';
import { client } from '../worker/client';
import type { Analysis, DatasetSummary, FileError, Progress, Source } from '../protocol';
import { restoreFor } from './restore';
import { write } from './savedStorage';

interface DatasetState {
  progress: Progress | null;
  loading: boolean;
  summary: DatasetSummary | null;
  /** What the open dataset was read from: reopened if the engine has to restart. */
  sources: Source[];
  roles: RoleMapping | null;
  rolesFromStorage: boolean;
  analysis: Analysis | null;
  errors: FileError[];
  open: (sources: Source[]) => Promise<void>;
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

export const useDataset = create<DatasetState>((set, get) => ({
  progress: null,
  loading: false,
  summary: null,
  sources: [],
  roles: null,
  rolesFromStorage: false,
  analysis: null,
  errors: [],

  open: async (sources) => {
    if (sources.length === 0) return;
    set({ loading: true, progress: null, errors: [] });
    try {
      const result = await client.open(sources, (progress) => set({ progress }));
      set({ errors: result.errors });
      if (result.summary) {
        const restored = await restoreFor(result.summary);
        const roles = restored.roles ?? result.summary.inferred;
        set({
          summary: result.summary,
          sources,
          roles,
          rolesFromStorage: !!restored.roles,
          analysis: null,
        });
        if (restored.problems.length) get().report(restored.problems.map(notRestored));
        const analysis = await client.analyse(roles);
        set({ analysis });
      }
    } catch (err) {
      set({
        errors: [
          ...get().errors,
          failure(err, sources.map((s) => (s.kind === 'file' ? s.file.name : s.url)).join(', ')),
        ],
      });
    } finally {
      set({ loading: false, progress: null });
    }
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
}));

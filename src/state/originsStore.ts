import { create } from 'zustand';

const KEY = (fp: string) => `workbench:image-origins:${fp}`;

function load(fp: string): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY(fp)) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return [];
  }
}

interface OriginsState {
  /** Origins the user allowed remote images from, per dataset fingerprint. */
  byDataset: Record<string, string[]>;
  allow: (fp: string, origin: string) => void;
  revoke: (fp: string, origin: string) => void;
}

function save(fp: string, origins: string[]) {
  try {
    localStorage.setItem(KEY(fp), JSON.stringify(origins));
  } catch {
    // Storage full or disabled: the choice holds for this session.
  }
}

/**
 * Remote images are requested only from origins allowed here, for one dataset at a time (a
 * file's URLs could point anywhere: loading them tells that server what you opened).
 */
export const useOrigins = create<OriginsState>((set, get) => ({
  byDataset: {},
  allow: (fp, origin) => {
    const next = [...new Set([...originsOf(get(), fp), origin])].sort();
    save(fp, next);
    set({ byDataset: { ...get().byDataset, [fp]: next } });
  },
  revoke: (fp, origin) => {
    const next = originsOf(get(), fp).filter((o) => o !== origin);
    save(fp, next);
    set({ byDataset: { ...get().byDataset, [fp]: next } });
  },
}));

const NONE: string[] = [];
const loaded = new Map<string, string[]>();

/** The allowed origins of a dataset (read from storage the first time). */
export function originsOf(s: OriginsState, fp: string): string[] {
  const mine = s.byDataset[fp];
  if (mine) return mine;
  if (!fp) return NONE;
  if (!loaded.has(fp)) loaded.set(fp, load(fp));
  return loaded.get(fp)!;
}

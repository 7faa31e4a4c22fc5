import { createStore, del, get, update, type UseStore } from 'idb-keyval';
import { type SavedState, readSavedState } from './schema';
import { type CohortRecord, mergeCohorts } from './mergeCohorts';
import { readLegacy, forgetLegacy } from './legacyStorage';

/** What a dataset's record holds: the saved state plus deleted cohort ids (see mergeCohorts). */
type StoredRecord = Partial<SavedState> & { deleted?: string[] };

let db: UseStore | null = null;
const store = () => (db ??= createStore('model-workbench', 'saved-state'));
const key = (fingerprint: string) => `dataset:${fingerprint}`;

/** Told when a write fails (storage full, disabled, private mode), with the reason. */
let onError: (reason: string) => void = () => undefined;
export function onStorageError(handler: (reason: string) => void): void {
  onError = handler;
}

function reason(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'QuotaExceededError')
    return 'the browser storage for this site is full; export the workspace to keep your changes, or free space';
  return `the browser refused to store it (${err instanceof Error ? err.message : String(err)})`;
}

let persistAsked = false;
/** Asks once for storage the browser will not evict under pressure (it may say no). */
function askPersist(): void {
  if (persistAsked) return;
  persistAsked = true;
  void navigator.storage?.persist?.().catch(() => undefined);
}

/**
 * A dataset's saved state from IndexedDB (else from the localStorage keys of earlier versions),
 * through the schema: invalid parts are dropped and named in `problems`.
 */
export async function loadSaved(
  fingerprint: string,
  hasColumn: (name: string) => boolean,
): Promise<{ state: SavedState; deleted: string[]; problems: string[] }> {
  let raw: StoredRecord | undefined;
  try {
    raw = await get<StoredRecord>(key(fingerprint), store());
  } catch (err) {
    return {
      ...readSavedState(readLegacy(fingerprint), opts(hasColumn)),
      deleted: [],
      problems: [`saved state could not be read: ${reason(err)}`],
    };
  }
  const legacy = raw === undefined ? readLegacy(fingerprint) : undefined;
  const { state, problems } = readSavedState(raw ?? legacy, opts(hasColumn));
  if (legacy && (await write(fingerprint, state, []))) forgetLegacy(fingerprint);
  const deleted = Array.isArray(raw?.deleted)
    ? raw.deleted.filter((d) => typeof d === 'string')
    : [];
  return { state, deleted, problems };
}

const opts = (hasColumn: (name: string) => boolean) => ({
  source: 'saved state',
  cohortIds: true,
  hasColumn,
});

/**
 * Writes the parts given; cohorts are merged by id with what another tab stored meanwhile
 * (inside one IndexedDB transaction). Resolves to the cohorts now stored, or null on failure
 * (the user is told why).
 */
export async function write(
  fingerprint: string,
  patch: Partial<SavedState>,
  deleted: string[],
): Promise<CohortRecord | null> {
  askPersist();
  let merged: CohortRecord | null = null;
  try {
    await update<StoredRecord>(
      key(fingerprint),
      (old) => {
        const next: StoredRecord = { ...old, ...patch };
        if (patch.cohorts) {
          const stored = { cohorts: old?.cohorts ?? [], deleted: old?.deleted ?? [] };
          merged = mergeCohorts(stored, { cohorts: patch.cohorts, deleted });
          next.cohorts = merged.cohorts;
          next.deleted = merged.deleted;
        }
        return next;
      },
      store(),
    );
    return merged ?? { cohorts: patch.cohorts ?? [], deleted };
  } catch (err) {
    onError(reason(err));
    return null;
  }
}

/** "Reset this dataset's saved state": forgets everything kept for it here. */
export async function clearSaved(fingerprint: string): Promise<void> {
  forgetLegacy(fingerprint);
  try {
    await del(key(fingerprint), store());
  } catch (err) {
    onError(reason(err));
  }
}

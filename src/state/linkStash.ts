import { createStore, get, set, type UseStore } from 'idb-keyval';

let db: UseStore | null = null;
const store = () => (db ??= createStore('model-workbench-links', 'stash'));

let id: string | null = null;
/** This tab's stash key: one per tab, so its link keeps naming the same record as it changes. */
export function linkStashId(): string {
  return (id ??= Math.random().toString(36).slice(2, 12));
}

let pending: Record<string, unknown> | null = null;
let writing = false;

/** Stores a link's large parts; bursts of writes coalesce into the latest one. */
export function writeStash(parts: Record<string, unknown>): void {
  pending = parts;
  if (writing) return;
  writing = true;
  void (async () => {
    while (pending) {
      const next = pending;
      pending = null;
      await set(linkStashId(), next, store()).catch(() => undefined);
    }
    writing = false;
  })();
}

export async function readStash(key: string): Promise<Record<string, unknown> | null> {
  try {
    const v = await get<unknown>(key, store());
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

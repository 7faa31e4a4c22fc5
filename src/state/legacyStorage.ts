// Earlier versions kept state in localStorage, one key per part; read once, then moved.

const KEYS = ['roles', 'cohorts', 'compare'] as const;
const key = (part: string, fp: string) => `workbench:${part}:${fp}`;

function readJson(k: string): unknown {
  try {
    const raw = localStorage.getItem(k);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/** The old keys as one unchecked record (the schema checks it like any stored state). */
export function readLegacy(fingerprint: string): Record<string, unknown> | undefined {
  if (typeof localStorage === 'undefined') return undefined;
  const [roles, cohorts, compare] = KEYS.map((p) => readJson(key(p, fingerprint)));
  if (roles === undefined && cohorts === undefined && compare === undefined) return undefined;
  const c = (cohorts ?? {}) as { cohorts?: unknown; activeId?: unknown };
  return { roles, cohorts: c.cohorts, activeId: c.activeId, compare };
}

export function forgetLegacy(fingerprint: string): void {
  try {
    for (const p of KEYS) localStorage.removeItem(key(p, fingerprint));
  } catch {
    /* nothing to forget */
  }
}

// Small checks for untrusted JSON (links, workspace files, storage). Every reader builds a fresh
// object from the fields it knows, so nothing inherited or unexpected passes through.

/** Longest name (column, version, cohort, id) kept from untrusted state. */
export const MAX_NAME = 1000;

export const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

export const isName = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;

export const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A field that must be a name or null; undefined when it is neither. */
export function nameOrNull(v: unknown): string | null | undefined {
  return v === null || v === undefined ? null : isName(v) ? v : undefined;
}

/** The value of an object's own field only (never one inherited from Object.prototype). */
export function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** What a reader dropped and why, to be shown to the user. */
export class Problems {
  readonly list: string[] = [];
  constructor(private readonly source: string) {}
  add(what: string, why: string): void {
    this.list.push(`${this.source}: ${what}: ${why}; left out`);
  }
}

/** A short description of a value for messages ("an object", "the number 3"). */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length > 40 ? 'a long text' : `"${v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

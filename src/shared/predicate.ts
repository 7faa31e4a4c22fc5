// A cohort is data, not code: a serializable predicate tree. The same definition applies to any
// dataset with those columns, goes into the URL, into JSON exports and into storage.

export type Predicate =
  | { op: 'and' | 'or'; children: Predicate[] }
  | { op: 'not'; child: Predicate }
  /** Numbers and timestamps (epoch ms): min ≤ v ≤ max; either end may be open (null). */
  | { op: 'range'; column: string; min: number | null; max: number | null }
  /** Category sets: strings, booleans ("true"/"false") and integers as printed. */
  | { op: 'in'; column: string; values: string[] }
  | {
      op: 'text';
      column: string;
      pattern: string;
      mode: 'contains' | 'regex';
      caseSensitive?: boolean;
    }
  | { op: 'isNull'; column: string }
  /** Role predicates, portable across datasets because they name versions, not columns. */
  | { op: 'label'; values: string[] }
  | { op: 'predicted'; version: string; values: string[] }
  | { op: 'outcome'; version: string; correct: boolean }
  | { op: 'score'; version: string; min: number | null; max: number | null }
  | { op: 'changed'; a: string; b: string }
  | { op: 'flip'; from: string; to: string; kind: 'correct-to-wrong' | 'wrong-to-correct' }
  /** Picked rows, by id (exact string form), so a selection survives reloads. */
  | { op: 'ids'; ids: string[] };

export interface CohortDef {
  id: string;
  name: string;
  predicate: Predicate;
}

/** The columns a predicate names (for "missing column" checks on import). */
export function columnsOf(p: Predicate): string[] {
  switch (p.op) {
    case 'and':
    case 'or':
      return p.children.flatMap(columnsOf);
    case 'not':
      return columnsOf(p.child);
    case 'range':
    case 'in':
    case 'text':
    case 'isNull':
      return [p.column];
    default:
      return [];
  }
}

/** The versions a predicate names. */
export function versionsOf(p: Predicate): string[] {
  switch (p.op) {
    case 'and':
    case 'or':
      return p.children.flatMap(versionsOf);
    case 'not':
      return versionsOf(p.child);
    case 'predicted':
    case 'outcome':
    case 'score':
      return [p.version];
    case 'changed':
      return [p.a, p.b];
    case 'flip':
      return [p.from, p.to];
    default:
      return [];
  }
}

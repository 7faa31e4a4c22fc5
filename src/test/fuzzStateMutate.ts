// Seeded mutations of valid saved state (a stored record, a workspace file, a link), for the
// state fuzzer (fuzzState.ts): hostile values put where the schema expects something else.

import type { Rng } from './fuzzMutate';

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)]!;

const deep = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};

/** Values that broke, or could break, a reader that trusts shapes. */
const HOSTILE: (() => unknown)[] = [
  () => null,
  () => 0,
  () => -1,
  () => 1e308,
  () => '',
  () => 'constructor',
  () => '__proto__',
  () => 'toString',
  () => 'x'.repeat(5000),
  () => '\u202egnp.exe',
  () => true,
  () => [],
  () => [null],
  () => ({}),
  () => ({ x: 1 }),
  () => ({ constructor: 1, __proto__: { polluted: 1 } }),
  () => deep(2000),
  () => Array.from({ length: 3000 }, (_, i) => i),
];

export const STATE_MUTATIONS = ['replace', 'delete', 'inherited-key', 'duplicate', 'text'] as const;

/** Every path to a value inside `v` (object keys and array indices). */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(prefix);
  if (v && typeof v === 'object' && out.length < 5000)
    for (const [k, child] of Object.entries(v))
      paths(child, [...prefix, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

function parentOf(
  root: unknown,
  path: (string | number)[],
): Record<string | number, unknown> | null {
  let v = root;
  for (const k of path.slice(0, -1)) v = (v as Record<string | number, unknown>)[k];
  return v && typeof v === 'object' ? (v as Record<string | number, unknown>) : null;
}

/** One mutation of a JSON value (a fresh copy); returns it and what was done (for replaying). */
export function mutateState(
  value: unknown,
  rng: Rng,
): { value: unknown; text: string | null; what: string } {
  const root = structuredClone(value);
  const all = paths(root).filter((p) => p.length > 0);
  const path = all.length ? pick(rng, all) : [];
  const at = path.join('.');
  const parent = path.length ? parentOf(root, path) : null;
  const key = path[path.length - 1]!;
  const kind = pick(rng, STATE_MUTATIONS);
  switch (kind) {
    case 'replace': {
      const h = int(rng, HOSTILE.length);
      if (parent) parent[key] = HOSTILE[h]!();
      return { value: root, text: null, what: `replace ${at} with hostile #${h}` };
    }
    case 'delete':
      if (parent) {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      }
      return { value: root, text: null, what: `delete ${at}` };
    case 'inherited-key': {
      // JSON.parse makes "__proto__" an own key; a reader copying with [] = would not.
      const name = pick(rng, ['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
      const target = parent && typeof parent[key] === 'object' && parent[key] ? parent[key] : root;
      const text = JSON.stringify(root).replace(
        JSON.stringify(target),
        JSON.stringify(target).replace(/^\{/, `{"${name}":{"polluted":1},`).replace(/,\}$/, '}'),
      );
      return { value: null, text, what: `own key ${name} in ${at || 'root'}` };
    }
    case 'duplicate': {
      if (parent && Array.isArray(parent))
        parent.push(...Array.from({ length: 1 + int(rng, 1500) }, () => parent[key]));
      return { value: root, text: null, what: `duplicate ${at}` };
    }
    case 'text': {
      const s = JSON.stringify(root);
      const cut = int(rng, s.length);
      return rng() < 0.5
        ? { value: null, text: s.slice(0, cut), what: `truncate text at ${cut}` }
        : {
            value: null,
            text: s.slice(0, cut) + pick(rng, ['"', '{', ']', ',', '\\']) + s.slice(cut + 1),
            what: `change char ${cut}`,
          };
    }
  }
}

import type { Predicate } from '../../shared/predicate';
import { type CohortData, CohortError, FALSE, TRUE, UNKNOWN } from './truth';

interface Kernels {
  classSet(d: CohortData, values: string[]): Uint8Array;
  byCode(codes: Int32Array, member: Uint8Array): Uint8Array;
  range(values: ArrayLike<number>, min: number | null, max: number | null): Uint8Array;
}

function versionOf(d: CohortData, name: string) {
  const v = d.version(name);
  if (!v) throw new CohortError(`there is no model version "${name}" in this dataset`);
  return v;
}

function predOf(d: CohortData, name: string): Int32Array {
  const p = versionOf(d, name).pred;
  if (!p) throw new CohortError(`version "${name}" has no predicted classes`);
  return p;
}

function labelOf(d: CohortData): Int32Array {
  if (!d.label) throw new CohortError('this dataset has no label column');
  return d.label;
}

/** Role predicates (label, predictions, outcomes, flips, ids): they name versions, not columns. */
export function evaluateRoles(p: Predicate, d: CohortData, k: Kernels): Uint8Array {
  switch (p.op) {
    case 'label':
      return k.byCode(labelOf(d), k.classSet(d, p.values));
    case 'predicted':
      return k.byCode(predOf(d, p.version), k.classSet(d, p.values));
    case 'score': {
      const s = versionOf(d, p.version).score;
      if (!s) throw new CohortError(`version "${p.version}" has no score`);
      return k.range(s, p.min, p.max);
    }
    case 'outcome': {
      const label = labelOf(d);
      const pred = predOf(d, p.version);
      const out = new Uint8Array(d.n);
      for (let i = 0; i < d.n; i++) {
        const l = label[i]!;
        const q = pred[i]!;
        out[i] = l < 0 || q < 0 ? UNKNOWN : (l === q) === p.correct ? TRUE : FALSE;
      }
      return out;
    }
    case 'changed': {
      const a = predOf(d, p.a);
      const b = predOf(d, p.b);
      const out = new Uint8Array(d.n);
      for (let i = 0; i < d.n; i++)
        out[i] = a[i]! < 0 || b[i]! < 0 ? UNKNOWN : a[i] !== b[i] ? TRUE : FALSE;
      return out;
    }
    case 'flip': {
      const label = labelOf(d);
      const a = predOf(d, p.from);
      const b = predOf(d, p.to);
      const wantA = p.kind === 'correct-to-wrong';
      const out = new Uint8Array(d.n);
      for (let i = 0; i < d.n; i++) {
        const l = label[i]!;
        if (l < 0 || a[i]! < 0 || b[i]! < 0) out[i] = UNKNOWN;
        else out[i] = (a[i] === l) === wantA && (b[i] === l) === !wantA ? TRUE : FALSE;
      }
      return out;
    }
    case 'ids': {
      if (!d.idKey) throw new CohortError('this dataset has no id column');
      const set = new Set(p.ids);
      const out = new Uint8Array(d.n);
      for (let i = 0; i < d.n; i++) {
        const key = d.idKey(i);
        out[i] = key !== null && set.has(key) ? TRUE : FALSE;
      }
      return out;
    }
    default:
      throw new CohortError(`unknown condition "${(p as { op: string }).op}"`);
  }
}

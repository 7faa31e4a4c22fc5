import { codeCounts, numericHistogram } from '../../../engine/profile';
import type { OpenDataset } from '../../session/dataset';
import type { Field, FieldProfile } from '../../../protocol';

const BINS = 40;
const TOP = 200;
/** Above this many distinct strings a column is free text: filtered by contains/regex. */
const TEXT_DISTINCT = 5000;

function top(
  names: string[],
  counts: Float64Array,
  search: string,
): { value: string; count: number }[] {
  const needle = search.toLowerCase();
  const idx: number[] = [];
  for (let j = 0; j < names.length; j++) {
    if (counts[j]! > 0 && (!needle || names[j]!.toLowerCase().includes(needle))) idx.push(j);
  }
  idx.sort((a, b) => counts[b]! - counts[a]!);
  return idx.slice(0, TOP).map((j) => ({ value: names[j]!, count: counts[j]! }));
}

function range(values: ArrayLike<number>, timestamp: boolean): FieldProfile {
  const h = numericHistogram(values, BINS);
  if (Number.isNaN(h.min)) return { kind: 'none', reason: 'every value is null' };
  return { kind: 'range', timestamp, ...h };
}

/** The distribution of one field over all rows, with category search for large sets. */
export function profileField(d: OpenDataset, field: Field, search = ''): FieldProfile {
  const ev = d.ev;
  if (field.type !== 'column') {
    if (!ev) return { kind: 'none', reason: 'no roles yet' };
    if (field.type === 'score') {
      const s = ev.versions.find((v) => v.name === field.version)?.score;
      return s ? range(s, false) : { kind: 'none', reason: 'this version has no score' };
    }
    const codes =
      field.type === 'label' ? ev.label : ev.versions.find((v) => v.name === field.version)?.pred;
    if (!codes) return { kind: 'none', reason: 'no classes for this field' };
    const { counts, nulls } = codeCounts(codes, ev.classes.length);
    return {
      kind: 'categories',
      nulls,
      distinct: ev.classes.length,
      values: top(ev.classes, counts, search),
    };
  }
  const c = d.byName.get(field.name);
  if (!c) return { kind: 'none', reason: `no column "${field.name}"` };
  switch (c.kind) {
    case 'numeric':
      return range(c.values, false);
    case 'timestamp':
      return range(c.values, true);
    case 'boolean': {
      const codes = Int32Array.from(c.values, (v) => (v === 2 ? -1 : v));
      const { counts, nulls } = codeCounts(codes, 2);
      return {
        kind: 'categories',
        nulls,
        distinct: 2,
        values: top(['false', 'true'], counts, search),
      };
    }
    case 'string': {
      const { counts, nulls } = codeCounts(c.codes, c.dictionary.length);
      const kind = c.dictionary.length > TEXT_DISTINCT ? 'text' : 'categories';
      return {
        kind,
        nulls,
        distinct: c.dictionary.length,
        values: top(c.dictionary, counts, search),
      };
    }
    case 'vector':
    case 'binary':
      return { kind: 'none', reason: `${c.kind} values cannot be filtered directly` };
  }
}

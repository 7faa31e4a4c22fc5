import { useState } from 'react';
import type { Field } from '../../protocol';
import { formatCount } from '../../ui/format';
import { useProfile } from './useProfile';

interface Props {
  field: Field;
  values: string[];
  n: number;
  onChange: (values: string[]) => void;
}

/** A set of categories: searchable (in the worker, for thousands of values), with counts. */
export function CategoryEditor({ field, values, n, onChange }: Props) {
  const [search, setSearch] = useState('');
  const profile = useProfile(field, search);
  const chosen = new Set(values);
  const toggle = (v: string) =>
    onChange(chosen.has(v) ? values.filter((x) => x !== v) : [...values, v]);
  const list = profile && profile.kind !== 'range' && profile.kind !== 'none' ? profile.values : [];
  const shown = new Set(list.map((v) => v.value));
  return (
    <span className="category-editor">
      <input
        type="search"
        aria-label={`Search values of condition ${n}`}
        placeholder={
          profile && 'distinct' in profile
            ? `search ${formatCount(profile.distinct)} values`
            : 'search'
        }
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <span className="hint"> {formatCount(values.length)} selected</span>
      <ul className="checklist" aria-label={`Values of condition ${n}`}>
        {values
          .filter((v) => !shown.has(v))
          .map((v) => (
            <li key={`chosen:${v}`}>
              <label>
                <input type="checkbox" checked onChange={() => toggle(v)} /> {v}
              </label>
            </li>
          ))}
        {list.map((v) => (
          <li key={v.value}>
            <label>
              <input
                type="checkbox"
                checked={chosen.has(v.value)}
                onChange={() => toggle(v.value)}
              />{' '}
              {v.value} <span className="hint">{formatCount(v.count)}</span>
            </label>
          </li>
        ))}
      </ul>
    </span>
  );
}

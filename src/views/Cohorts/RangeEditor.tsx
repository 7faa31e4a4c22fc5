import type { Field } from '../../protocol';
import { Histogram } from '../../charts/Histogram';
import { useProfile } from './useProfile';

interface Props {
  field: Field;
  min: number | null;
  max: number | null;
  n: number;
  onChange: (min: number | null, max: number | null) => void;
}

const round = (v: number) => Number(v.toPrecision(6));

function parse(v: string): number | null {
  if (v.trim() === '') return null;
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
}

function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const off = d.getTimezoneOffset() * 60_000;
  return new Date(ms - off).toISOString().slice(0, 16);
}

/** A numeric or time range: a brushable histogram and two editable ends (empty = open). */
export function RangeEditor({ field, min, max, n, onChange }: Props) {
  const profile = useProfile(field);
  const time = profile?.kind === 'range' && profile.timestamp;
  const input = (which: 'min' | 'max', value: number | null) => (
    <input
      aria-label={`${which === 'min' ? 'Minimum' : 'Maximum'} of condition ${n}`}
      type={time ? 'datetime-local' : 'number'}
      step="any"
      value={time ? toLocalInput(value) : (value ?? '')}
      placeholder={which === 'min' ? 'no minimum' : 'no maximum'}
      onChange={(e) => {
        const v = time
          ? e.target.value
            ? new Date(e.target.value).getTime()
            : null
          : parse(e.target.value);
        if (which === 'min') onChange(v, max);
        else onChange(min, v);
      }}
    />
  );
  return (
    <span className="range-editor">
      {profile?.kind === 'range' && (
        <Histogram
          edges={profile.edges}
          counts={profile.counts}
          min={min}
          max={max}
          label={`Distribution for condition ${n}; drag to select a range`}
          onBrush={(a, b) =>
            onChange(time ? Math.round(a) : round(a), time ? Math.round(b) : round(b))
          }
        />
      )}
      {profile?.kind === 'none' && <span className="hint">{profile.reason}</span>}
      <span className="inline">
        {input('min', min)} to {input('max', max)}
        {profile?.kind === 'range' && profile.nulls > 0 && (
          <span className="hint">{profile.nulls} null (never in range)</span>
        )}
      </span>
    </span>
  );
}

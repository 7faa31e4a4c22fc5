import { useState } from 'react';

interface Props {
  label: string;
  value: number;
  onCommit: (v: number) => void;
  min?: number;
  max?: number;
  step?: number;
  className?: string;
}

/**
 * A number field that commits only valid numbers within [min, max] and keeps what is being typed
 * ("0." on the way to "0.7") instead of snapping it to the last committed value.
 */
export function NumberInput({ label, value, onCommit, min, max, step, className }: Props) {
  const [text, setText] = useState(String(value));
  const [last, setLast] = useState(value);
  if (value !== last) {
    // The value changed from outside (another control, a link): show it unless it is what the
    // field already says.
    setLast(value);
    if (Number(text) !== value || text.trim() === '') setText(String(value));
  }
  const ok = (v: number) =>
    Number.isFinite(v) && (min === undefined || v >= min) && (max === undefined || v <= max);
  return (
    <input
      type="number"
      className={className ?? 'number-input'}
      aria-label={label}
      value={text}
      min={min}
      max={max}
      step={step}
      aria-invalid={text.trim() === '' || !ok(Number(text))}
      onChange={(e) => {
        setText(e.target.value);
        const v = Number(e.target.value);
        if (e.target.value.trim() !== '' && ok(v) && v !== value) onCommit(v);
      }}
      onBlur={() => {
        if (text.trim() === '' || !ok(Number(text))) setText(String(value));
      }}
    />
  );
}

import { useEffect, useRef, useState } from 'react';
import { NumberInput } from '../Rules/NumberInput';
import { formatThreshold } from '../../../ui/format';
import { traceMark } from '../../../shared/trace';

interface Props {
  version: string;
  value: number;
  color: string;
  onCommit: (t: number) => void;
}

/** Four decimals are enough to read; the stored threshold keeps full precision. */
const shown = (t: number) => Number(formatThreshold(t));

/**
 * How long the slider or the typing rests before the threshold is committed: longer than the gap
 * between a fast typist's keys, short enough that the tables answer ≤ 200 ms after the last key at
 * 1M rows (issue 15; it was 250 ms, the whole budget). A commit made mid-word is superseded by the
 * next: the worker drops the running bootstrap of the older thresholds.
 */
const REST_MS = 100;

/**
 * Slider and number field for one version's threshold. Dragging or typing updates the field at
 * once but commits (re-deriving predictions in the worker) only once the input rests for
 * REST_MS: typing "0.35" starts one computation, not three.
 */
export function ThresholdControl({ version, value, color, onCommit }: Props) {
  const [draft, setDraft] = useState<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The edit waiting for its commit, and the latest onCommit (for the unmount flush).
  const pending = useRef<number | null>(null);
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const t = pending.current;
    pending.current = null;
    if (t !== null) {
      traceMark('threshold-commit');
      commit.current(t);
    }
  };
  // Leaving the view (or the page re-rendering without this control) still commits the edit.
  useEffect(() => flush, []);
  const slide = (t: number) => {
    setDraft(t);
    pending.current = t;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      flush();
      setDraft(null);
    }, REST_MS);
  };
  // Leaving the field (e.g. to press "Match operating point") or Enter commits at once.
  const now = () => {
    if (pending.current === null) return;
    flush();
    setDraft(null);
  };
  const current = draft ?? value;
  return (
    <div className="threshold-control" onBlur={now} onKeyDown={(e) => e.key === 'Enter' && now()}>
      <span className="swatch" style={{ background: color }} aria-hidden="true" />
      <strong>{version}</strong>
      <input
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={current}
        aria-label={`Threshold of ${version}`}
        onChange={(e) => slide(Number(e.target.value))}
      />
      <NumberInput
        label={`Threshold of ${version} (number)`}
        value={shown(current)}
        min={0}
        max={1}
        step={0.01}
        onCommit={slide}
      />
    </div>
  );
}

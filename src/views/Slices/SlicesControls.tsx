import { useSlices } from './sliceStore';

interface Props {
  versions: string[];
  version: string;
  baseline: string | null;
  busy: boolean;
  onRun: () => void;
}

/** Mode, versions, bins, minimum size, depth, and the button that starts the search. */
export function SlicesControls({ versions, version, baseline, busy, onRun }: Props) {
  const settings = useSlices((s) => s.settings);
  const set = useSlices((s) => s.set);
  const regression = settings.mode !== 'failure';
  const canRun = !busy && (!regression || (baseline !== null && baseline !== version));
  return (
    <form
      className="slices-controls"
      onSubmit={(e) => {
        e.preventDefault();
        if (canRun) onRun();
      }}
    >
      <label>
        Find{' '}
        <select
          value={settings.mode}
          onChange={(e) => {
            const v = e.target.value;
            set({ mode: v === 'regression' || v === 'improvement' ? v : 'failure' });
          }}
        >
          <option value="failure">where a version fails</option>
          <option value="regression" disabled={versions.length < 2}>
            where a version got worse
          </option>
          <option value="improvement" disabled={versions.length < 2}>
            where a version got better
          </option>
        </select>
      </label>
      <label>
        Version{' '}
        <select value={version} onChange={(e) => set({ version: e.target.value })}>
          {versions.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
      {regression && (
        <label>
          Baseline{' '}
          <select value={baseline ?? ''} onChange={(e) => set({ baseline: e.target.value })}>
            {versions
              .filter((v) => v !== version)
              .map((v) => (
                <option key={v}>{v}</option>
              ))}
          </select>
        </label>
      )}
      <label>
        Numeric bins{' '}
        <input
          type="number"
          min={2}
          max={20}
          value={settings.bins}
          onChange={(e) => set({ bins: Math.max(2, Math.min(20, Number(e.target.value) || 5)) })}
        />
      </label>
      <label>
        Minimum rows{' '}
        {/* The rule behind "auto" in the box's title: in the label it wrapped the row at 1280 px;
            the note under a result states the size used. */}
        <input
          type="number"
          className="min-rows"
          min={1}
          placeholder="auto"
          title="Empty: the larger of 30 and 1% of the rows in scope"
          value={settings.minSize ?? ''}
          onChange={(e) =>
            set({ minSize: e.target.value === '' ? null : Math.max(1, Number(e.target.value)) })
          }
        />
      </label>
      <label>
        Conditions up to{' '}
        <select
          value={settings.maxConditions}
          onChange={(e) =>
            set({
              maxConditions:
                Number(e.target.value) === 1 ? 1 : Number(e.target.value) === 2 ? 2 : 3,
            })
          }
        >
          <option value={1}>1</option>
          <option value={2}>2</option>
          <option value={3}>3</option>
        </select>
      </label>
      <button type="submit" className="button primary" disabled={!canRun}>
        Find slices
      </button>
    </form>
  );
}

import type { Task } from '../../../shared/roles';
import type { ReleaseRule } from '../../../protocol';
import {
  KIND_NAMES,
  type RuleKind,
  defaultRule,
  describeRule,
  kindsFor,
  newRuleId,
  scoreWord,
} from './describe';
import { NumberInput } from './NumberInput';

interface Props {
  rules: ReleaseRule[];
  task: Task | null;
  onChange: (rules: ReleaseRule[]) => void;
}

function Fields({
  r,
  n,
  task,
  set,
}: {
  r: ReleaseRule;
  n: number;
  task: Task | null;
  set: (r: ReleaseRule) => void;
}) {
  switch (r.kind) {
    case 'metric-drop':
      return (
        <>
          <select
            aria-label={`Metric of rule ${n}`}
            value={r.metric}
            onChange={(e) => set({ ...r, metric: e.target.value as typeof r.metric })}
          >
            <option value="accuracy">Accuracy</option>
            <option value="macroF1">Macro-F1</option>
            {task === 'binary' && <option value="auc">ROC-AUC</option>}
          </select>
          <span>must not drop by more than</span>
          <NumberInput
            label={`Largest drop of rule ${n} (points)`}
            value={r.maxDropPoints}
            min={0}
            step={0.5}
            onCommit={(v) => set({ ...r, maxDropPoints: v })}
          />
          <span>points</span>
        </>
      );
    case 'share-above-rise':
      return (
        <>
          <span>the share of {scoreWord(task)} above</span>
          <NumberInput
            label={`Score threshold of rule ${n}`}
            value={r.threshold}
            step={0.05}
            onCommit={(v) => set({ ...r, threshold: v })}
          />
          <span>must not rise by more than</span>
          <NumberInput
            label={`Largest rise of rule ${n} (points)`}
            value={r.maxRisePoints}
            min={0}
            step={0.5}
            onCommit={(v) => set({ ...r, maxRisePoints: v })}
          />
          <span>points</span>
        </>
      );
    case 'negative-flip-rate':
      return (
        <>
          <span>must not exceed</span>
          <NumberInput
            label={`Largest negative flip rate of rule ${n} (%)`}
            value={r.maxRate}
            min={0}
            max={100}
            step={0.5}
            onCommit={(v) => set({ ...r, maxRate: v })}
          />
          <span>%</span>
        </>
      );
    case 'regression-metric-rise':
      return (
        <>
          <select
            aria-label={`Metric of rule ${n}`}
            value={r.metric}
            onChange={(e) => set({ ...r, metric: e.target.value as typeof r.metric })}
          >
            <option value="mae">MAE</option>
            <option value="rmse">RMSE</option>
          </select>
          <span>must not rise by more than</span>
          <NumberInput
            label={`Largest rise of rule ${n}`}
            value={r.maxRise}
            min={0}
            step={0.01}
            onCommit={(v) => set({ ...r, maxRise: v })}
          />
        </>
      );
  }
}

/** One row of selects and number inputs per rule; every control is named after its rule. */
export function RuleEditor({ rules, task, onChange }: Props) {
  const kinds = kindsFor(task);
  const replace = (i: number, r: ReleaseRule) => onChange(rules.map((x, j) => (j === i ? r : x)));
  return (
    // The rules are listed in words in the report's header: the controls stay out of it.
    <div className="rule-editor" data-report-skip="">
      {rules.length === 0 && (
        <p className="note">
          No rules yet. A rule is checked in every cohort, for every version against the baseline.
        </p>
      )}
      <ol className="rule-list">
        {rules.map((r, i) => (
          <li
            key={r.id}
            className="rule-row"
            aria-label={`Rule ${i + 1}: ${describeRule(r, task)}`}
          >
            <select
              aria-label={`Kind of rule ${i + 1}`}
              value={r.kind}
              onChange={(e) => replace(i, defaultRule(e.target.value as RuleKind, r.id))}
            >
              {(kinds.includes(r.kind) ? kinds : [r.kind, ...kinds]).map((k) => (
                <option key={k} value={k}>
                  {KIND_NAMES[k]}
                </option>
              ))}
            </select>
            <Fields r={r} n={i + 1} task={task} set={(x) => replace(i, x)} />
            <button
              type="button"
              className="button small"
              onClick={() => onChange(rules.filter((_, j) => j !== i))}
              aria-label={`Remove rule ${i + 1}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button"
        onClick={() => onChange([...rules, defaultRule(kinds[0]!, newRuleId())])}
      >
        Add rule
      </button>
    </div>
  );
}

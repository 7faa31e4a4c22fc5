import type { Predicate } from '../../protocol';
import { revealInvisible } from '../../ui/invisibleChars';
import type { Condition } from './draft';
import { type FieldOption, optionKeyOf } from './fields';
import { RangeEditor } from './RangeEditor';
import { CategoryEditor } from './CategoryEditor';

interface Props {
  index: number;
  condition: Condition;
  options: FieldOption[];
  onChange: (c: Condition) => void;
  onRemove: () => void;
}

/** Operators a column condition can switch between, by its starting kind. */
function operatorsFor(initial: Predicate): Predicate['op'][] {
  if (initial.op === 'range') return ['range', 'isNull'];
  if (initial.op === 'in' || initial.op === 'text') return ['in', 'text', 'isNull'];
  return [initial.op];
}

const OP_LABEL: Partial<Record<Predicate['op'], string>> = {
  range: 'in range',
  in: 'is one of',
  text: 'text matches',
  isNull: 'is null',
};

function switchOp(leaf: Predicate, op: Predicate['op']): Predicate {
  const column = 'column' in leaf ? leaf.column : '';
  if (op === 'isNull') return { op, column };
  if (op === 'text') return { op, column, pattern: '', mode: 'contains' };
  if (op === 'in') return { op, column, values: [] };
  return { op: 'range', column, min: null, max: null };
}

export function ConditionRow({ index, condition, options, onChange, onRemove }: Props) {
  const { leaf } = condition;
  const option = options.find((o) => o.key === optionKeyOf(leaf));
  const set = (l: Predicate) => onChange({ ...condition, leaf: l });
  const n = index + 1;
  const ops = option ? operatorsFor(option.initial()) : [];
  return (
    <li className="condition">
      <label className="inline">
        <input
          type="checkbox"
          checked={condition.negate}
          onChange={(e) => onChange({ ...condition, negate: e.target.checked })}
        />{' '}
        not
      </label>
      <select
        aria-label={`Field of condition ${n}`}
        value={option?.key ?? ''}
        onChange={(e) => {
          const next = options.find((o) => o.key === e.target.value);
          if (next) set(next.initial());
        }}
      >
        {(['Roles', 'Columns'] as const).map((g) => (
          <optgroup key={g} label={g}>
            {options
              .filter((o) => o.group === g)
              .map((o) => (
                <option key={o.key} value={o.key}>
                  {revealInvisible(o.label)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      {ops.length > 1 && (
        <select
          aria-label={`Operator of condition ${n}`}
          value={leaf.op}
          onChange={(e) => set(switchOp(leaf, e.target.value as Predicate['op']))}
        >
          {ops.map((op) => (
            <option key={op} value={op}>
              {OP_LABEL[op]}
            </option>
          ))}
        </select>
      )}
      <div className="condition-value">
        <LeafEditor leaf={leaf} option={option} n={n} set={set} />
      </div>
      <button
        type="button"
        className="button small"
        aria-label={`Remove condition ${n}`}
        onClick={onRemove}
      >
        ✕
      </button>
    </li>
  );
}

function LeafEditor({
  leaf,
  option,
  n,
  set,
}: {
  leaf: Predicate;
  option: FieldOption | undefined;
  n: number;
  set: (p: Predicate) => void;
}) {
  const field = option?.field ?? null;
  switch (leaf.op) {
    case 'range':
    case 'score':
      return field ? (
        <RangeEditor
          field={field}
          min={leaf.min}
          max={leaf.max}
          n={n}
          onChange={(min, max) => set({ ...leaf, min, max })}
        />
      ) : null;
    case 'in':
    case 'label':
    case 'predicted':
      return field ? (
        <CategoryEditor
          field={field}
          values={leaf.values}
          n={n}
          onChange={(values) => set({ ...leaf, values })}
        />
      ) : null;
    case 'text':
      return (
        <span className="inline">
          <select
            aria-label={`Match mode of condition ${n}`}
            value={leaf.mode}
            onChange={(e) => set({ ...leaf, mode: e.target.value as 'contains' | 'regex' })}
          >
            <option value="contains">contains</option>
            <option value="regex">regex</option>
          </select>
          <input
            aria-label={`Text of condition ${n}`}
            value={leaf.pattern}
            onChange={(e) => set({ ...leaf, pattern: e.target.value })}
          />
          <label className="inline">
            <input
              type="checkbox"
              checked={!!leaf.caseSensitive}
              onChange={(e) => set({ ...leaf, caseSensitive: e.target.checked })}
            />{' '}
            case-sensitive
          </label>
        </span>
      );
    case 'outcome':
      return (
        <select
          aria-label={`Outcome of condition ${n}`}
          value={leaf.correct ? 'correct' : 'wrong'}
          onChange={(e) => set({ ...leaf, correct: e.target.value === 'correct' })}
        >
          <option value="wrong">wrong</option>
          <option value="correct">correct</option>
        </select>
      );
    case 'flip':
      return (
        <select
          aria-label={`Flip kind of condition ${n}`}
          value={leaf.kind}
          onChange={(e) =>
            set({ ...leaf, kind: e.target.value as 'correct-to-wrong' | 'wrong-to-correct' })
          }
        >
          <option value="correct-to-wrong">correct → wrong</option>
          <option value="wrong-to-correct">wrong → correct</option>
        </select>
      );
    default:
      return null;
  }
}

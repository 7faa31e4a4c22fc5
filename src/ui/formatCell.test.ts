import { describe, expect, it } from 'vitest';
import { formatCell, formatValue } from './formatCell';

describe('formatCell', () => {
  it('keeps int64 ids and strings exact, and shows missing as a dash', () => {
    expect(formatCell({ t: 'int64', v: '9007199254740993' })).toBe('9007199254740993');
    expect(formatCell({ t: 'str', v: '<b>x</b>' })).toBe('<b>x</b>');
    expect(formatCell(null)).toBe('–');
  });

  it('formats numbers, probabilities and booleans', () => {
    expect(formatValue(20)).toBe('20');
    expect(formatValue(0.169308677)).toBe('0.1693');
    expect(formatValue(-1234.5678)).toBe('-1234.57');
    expect(formatCell({ t: 'num', v: 0.9951 }, true)).toBe('99.5%');
    expect(formatCell({ t: 'bool', v: false })).toBe('false');
  });

  it('summarizes vectors and probability vectors', () => {
    expect(formatCell({ t: 'vec', dim: 32, head: [0.123, -0.4, 1], norm: 3 })).toBe(
      '[0.12, −0.40, 1.00, …] 32-d',
    );
    expect(formatCell({ t: 'vec', dim: 2, head: [1, 2], norm: 2.2 })).toBe('[1.00, 2.00] 2-d');
    expect(
      formatCell({
        t: 'probs',
        top: [
          { cls: '3', p: 0.9 },
          { cls: '5', p: 0.05 },
        ],
      }),
    ).toBe('3: 90.0% · 5: 5.0%');
  });

  it('shows calendar dates as written, whatever the time zone', () => {
    const ms = Date.UTC(2024, 0, 31);
    expect(formatCell({ t: 'time', v: ms, dateOnly: true })).toMatch(/31/);
    expect(formatCell({ t: 'time', v: ms, dateOnly: true })).toMatch(/2024/);
  });
});

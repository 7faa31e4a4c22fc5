import { describe, expect, it } from 'vitest';
import { digitIds as digits } from '../../test/fixtures';
import { cohortMask, popcount } from './evaluate';
import { compilePattern } from './pattern';

describe('user patterns run in linear time', () => {
  // RegExp takes ~0.4 s per id on this pattern (the digits demo's 4,000 ids: ~27 min).
  it.each([20, 200_000])(
    'a catastrophically backtracking pattern over %i ids finishes at once',
    (n) => {
      const d = digits(n);
      const t = performance.now();
      const mask = cohortMask(
        { op: 'text', column: 'id', pattern: '^(((.+)+)+)+#', mode: 'regex' },
        d,
      );
      expect(popcount(mask)).toBe(0);
      expect(performance.now() - t).toBeLessThan(3000);
    },
  );

  it('matches as RegExp does on what both express', () => {
    const d = digits(1000);
    const mask = cohortMask(
      { op: 'text', column: 'id', pattern: '^digit-000[0-4]\\d$', mode: 'regex' },
      d,
    );
    expect(popcount(mask)).toBe(50);
    expect(compilePattern('ÉTÉ', false)('un été')).toBe(true);
    expect(compilePattern('ÉTÉ', true)('un été')).toBe(false);
  });

  it('refuses what RE2 cannot express, saying why', () => {
    expect(() => compilePattern('a(?=b)', true)).toThrow(
      /lookahead and lookbehind are not supported/,
    );
    expect(() => compilePattern('(?<!x)y', true)).toThrow(/lookahead and lookbehind/);
    expect(() => compilePattern('(a)\\1', true)).toThrow(/backreferences are not supported/);
    expect(() => compilePattern('([', true)).toThrow(/invalid regular expression/);
    expect(() => compilePattern('a'.repeat(1001), true)).toThrow(/at most 1000/);
  });
});

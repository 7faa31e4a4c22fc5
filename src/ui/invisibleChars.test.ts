import { describe, expect, it } from 'vitest';
import { revealInvisible, splitInvisible } from './invisibleChars';

describe('invisible characters in names', () => {
  it('"gnp.exe" behind a right-to-left override cannot pose as "exe.png"', () => {
    expect(revealInvisible('photo\u202egnp.exe')).toBe('photo⟨RLO⟩gnp.exe');
    expect(splitInvisible('a\u200bb')).toEqual([
      { text: 'a', hidden: false },
      { text: 'ZWSP', hidden: true, code: 'U+200B' },
      { text: 'b', hidden: false },
    ]);
  });

  it('leaves ordinary names, including right-to-left scripts, as they are', () => {
    expect(revealInvisible('score_v1')).toBe('score_v1');
    expect(revealInvisible('עמודה')).toBe('עמודה');
  });
});

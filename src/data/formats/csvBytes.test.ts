// The byte-level number readers must agree with the string path they shortcut: Number(text) for
// plain decimals, JSON.parse for lists, and refuse (undefined / -1) whatever they do not cover.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/fuzzMutate';
import { isPlainInteger, plainList, plainListReference, plainNumber } from './csvBytes';

const enc = new TextEncoder();
const num = (t: string) => {
  const b = enc.encode(t);
  return plainNumber(b, 0, b.length);
};
const list = (t: string, out?: Float32Array) => {
  const b = enc.encode(t);
  return plainList(b, 0, b.length, out);
};

describe('plainNumber', () => {
  it('equals Number(text) on random decimals, bit for bit', () => {
    const rnd = mulberry32(7);
    for (let i = 0; i < 20000; i++) {
      const digits = (n: number) =>
        Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
      const sign = rnd() < 0.3 ? '-' : rnd() < 0.1 ? '+' : '';
      const text =
        sign +
        digits(1 + Math.floor(rnd() * 9)) +
        (rnd() < 0.7 ? '.' + digits(Math.floor(rnd() * 12)) : '');
      const v = num(text);
      if (v !== undefined) expect(Object.is(v, Number(text)), text).toBe(true);
    }
  });

  it.each([
    '1e5',
    '1.5E-3',
    'inf',
    'NaN',
    '',
    '-',
    '.',
    '1.2.3',
    '0x10',
    '1 ',
    '12345678901234567890',
  ])('leaves %j to the string path', (t) => expect(num(t)).toBeUndefined());

  it('integers', () => {
    const b = enc.encode('-42');
    expect(isPlainInteger(b, 0, 3)).toBe(true);
    expect(isPlainInteger(enc.encode('4.0'), 0, 3)).toBe(false);
    expect(isPlainInteger(enc.encode('-'), 0, 1)).toBe(false);
  });
});

describe('plainList', () => {
  it('JSON arrays of numbers: the length and the values JSON.parse gives', () => {
    const out = new Float32Array(4);
    expect(list('[0.1, -2,3.25 ,4]', out)).toBe(4);
    expect(Array.from(out)).toEqual(Array.from(Float32Array.from(JSON.parse('[0.1,-2,3.25,4]'))));
    expect(list('[]')).toBe(0);
    expect(list('[ ]')).toBe(0);
  });

  it.each([
    '[1,]',
    '[,1]',
    '[1 2]',
    '[null,1]',
    '[1e3]',
    '[+1]',
    '[.5]',
    '[1.]',
    '[01]',
    '[[1]]',
    '1,2',
    '["1"]',
  ])('leaves %j to JSON.parse', (t) => expect(list(t)).toBe(-1));
});

describe('plainList into float32', () => {
  it('equals Math.fround(JSON.parse) on long random decimals, bit for bit', () => {
    const rnd = mulberry32(11);
    const out = new Float32Array(8);
    let handled = 0;
    for (let i = 0; i < 5000; i++) {
      // 17-digit shortest doubles of float32 values (what DuckDB writes), and arbitrary digits.
      const xs = Array.from({ length: 8 }, () =>
        rnd() < 0.5
          ? String(Math.fround((rnd() - 0.5) * 10 ** Math.floor(rnd() * 8 - 4)))
          : (rnd() * 100).toFixed(Math.floor(rnd() * 21)),
      ).filter((x) => !x.includes('e'));
      const text = `[${xs.join(',')}]`;
      const n = list(text, out);
      if (n < 0) continue;
      handled++;
      const want = Float32Array.from(JSON.parse(text) as number[]);
      expect(Array.from(out.subarray(0, n)), text).toEqual(Array.from(want));
    }
    expect(handled).toBeGreaterThan(4000);
  });
});

describe('plainList, one pass per value', () => {
  it('gives what the two-step reader gives (length, refusal, each float32) on random texts', () => {
    const rnd = mulberry32(23);
    const pieces = ['0', '-', '.', '1', '9', '00', ',', ' ', '\n', 'e', '+', ']', '[', 'x'];
    const texts: string[] = [];
    for (let i = 0; i < 20000; i++) {
      if (rnd() < 0.5) {
        // Near-valid lists: numbers of every length, some over 2^53 or past 22 decimals.
        const xs = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => {
          const digits = (n: number) =>
            Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
          return (
            (rnd() < 0.3 ? '-' : '') +
            digits(1 + Math.floor(rnd() * 20)) +
            (rnd() < 0.7 ? '.' + digits(1 + Math.floor(rnd() * 26)) : '')
          );
        });
        texts.push(`[${xs.join(rnd() < 0.2 ? ', ' : ',')}]`);
      } else {
        const k = 1 + Math.floor(rnd() * 12);
        const body = Array.from({ length: k }, () => pieces[Math.floor(rnd() * pieces.length)]);
        texts.push(`[${body.join('')}]`);
      }
    }
    for (const t of texts) {
      const b = enc.encode(t);
      for (const max of [Infinity, 2]) {
        const a = new Float32Array(32).fill(7);
        const r = new Float32Array(32).fill(7);
        const n = plainList(b, 0, b.length, a, 1, max);
        expect(n, t).toBe(plainListReference(b, 0, b.length, r, 1, max));
        if (n >= 0) expect(Array.from(a), t).toEqual(Array.from(r));
      }
      expect(plainList(b, 0, b.length), t).toBe(plainListReference(b, 0, b.length));
    }
  });
});

// The byte-level number readers must agree with the string path they shortcut: Number(text) for
// plain decimals, JSON.parse for lists, and refuse (undefined / -1) whatever they do not cover.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/fuzzMutate';
import { isPlainInteger, plainList, plainNumber } from './csvBytes';

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

  it('exponents, as JSON writes them', () => {
    const out = new Float32Array(4);
    const text = '[5.7717033996596e-7,1E3,-2.5e+2,0e-400]';
    expect(list(text, out)).toBe(4);
    expect(Array.from(out)).toEqual(Array.from(Float32Array.from(JSON.parse(text))));
  });

  it.each([
    '[1,]',
    '[,1]',
    '[1 2]',
    '[null,1]',
    '[1e]',
    '[1e+]',
    '[-]',
    '[1.e3]',
    '[1,2',
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

/** What the string path makes of a text: JSON.parse's numbers as float32, or null (not a list). */
function reference(t: string): Float32Array | null {
  let v: unknown;
  try {
    v = JSON.parse(t);
  } catch {
    return null;
  }
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number')) return null;
  return Float32Array.from(v as number[]);
}

describe('plainList against JSON.parse', () => {
  it('never differs from the string path on random texts (length, each float32 bit for bit)', () => {
    const rnd = mulberry32(23);
    const pieces = ['0', '-', '.', '1', '9', '00', ',', ' ', '\n', 'e', 'E', '+', ']', '[', 'x'];
    const texts: string[] = [];
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
    for (let i = 0; i < 20000; i++) {
      if (rnd() < 0.6) {
        // Near-valid lists: numbers of every length, some over 2^53, past 22 decimals, with
        // exponents, leading zeros in the fraction, shortest doubles of float32 values.
        const xs = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => {
          const r = rnd();
          if (r < 0.15) return String(Math.fround((rnd() - 0.5) * 10 ** (rnd() * 80 - 40)));
          if (r < 0.25)
            return `0.${'0'.repeat(Math.floor(rnd() * 30))}${digits(1 + Math.floor(rnd() * 20))}`;
          return (
            (rnd() < 0.3 ? '-' : '') +
            (rnd() < 0.2
              ? '0'
              : String(1 + Math.floor(rnd() * 9)) + digits(Math.floor(rnd() * 20))) +
            (rnd() < 0.7 ? '.' + digits(1 + Math.floor(rnd() * 26)) : '') +
            (rnd() < 0.2
              ? `e${rnd() < 0.5 ? '-' : rnd() < 0.5 ? '+' : ''}${digits(1 + Math.floor(rnd() * 2))}`
              : '')
          );
        });
        texts.push(`[${xs.join(rnd() < 0.2 ? ', ' : ',')}]`);
      } else {
        const k = 1 + Math.floor(rnd() * 12);
        const body = Array.from({ length: k }, () => pieces[Math.floor(rnd() * pieces.length)]);
        texts.push(`[${body.join('')}]`);
      }
    }
    let lists = 0;
    for (const t of texts) {
      const b = enc.encode(t);
      const want = reference(t);
      const n = plainList(b, 0, b.length);
      // Without values: the length JSON.parse gives, or -1 where the string path does not read a list.
      if (n >= 0) expect(want?.length, t).toBe(n);
      if (want) lists++;
      for (const max of [Infinity, 2]) {
        const a = new Float32Array(32).fill(7);
        const got = plainList(b, 0, b.length, a, 1, max);
        if (got < 0) continue;
        expect(got, t).toBe(want!.length);
        const k = Math.min(got, max);
        expect(Array.from(a.subarray(1, 1 + k)), t).toEqual(Array.from(want!.subarray(0, k)));
        expect(a[1 + k], t).toBe(7);
      }
    }
    expect(lists).toBeGreaterThan(8000);
  });

  it('reads nearly every probability list as DuckDB writes them (float32 as shortest doubles)', () => {
    const rnd = mulberry32(5);
    const out = new Float32Array(10);
    let refused = 0;
    for (let i = 0; i < 20000; i++) {
      const xs = Array.from({ length: 10 }, () => String(Math.fround(rnd() ** 6)));
      const text = `[${xs.join(',')}]`;
      const b = enc.encode(text);
      if (plainList(b, 0, b.length, out) < 0) refused++;
      else expect(Array.from(out), text).toEqual(Array.from(reference(text)!));
    }
    // Each refusal costs a JSON.parse: values too close to call are about 1 in 10^6.
    expect(refused).toBeLessThan(20);
  });

  it('0 and -0, and values at float32 rounding boundaries', () => {
    const out = new Float32Array(8);
    const text = '[0,-0,0.0,-0.0,16777217,1.00000005960464477539,3.4028235677973366e38,1e-45]';
    const n = list(text, out);
    if (n >= 0) {
      expect(n).toBe(8);
      const want = Float32Array.from(JSON.parse(text) as number[]);
      for (let k = 0; k < 8; k++) expect(Object.is(out[k], want[k]), String(k)).toBe(true);
    }
  });
});

describe('plainList, four digits at a time', () => {
  /** Math.fround(Number(x)) per value of a JSON list (the string path's float32s). */
  const fround = (t: string) => Float32Array.from(JSON.parse(t) as number[]);

  it('at float32 rounding boundaries (double rounding): refuses or equals Math.fround(Number)', () => {
    // The text near the midpoint of two float32s: Number(text) may round to the midpoint itself,
    // which fround then ties to even, away from the decimal's own nearest float32.
    const rnd = mulberry32(41);
    const out = new Float32Array(1);
    let kept = 0;
    for (let i = 0; i < 20000; i++) {
      const f = Math.fround((rnd() + 0.001) * 10 ** Math.floor(rnd() * 16 - 10));
      const up = new Float32Array([f]);
      new Uint32Array(up.buffer)[0]! += 1;
      const mid = (f + up[0]!) / 2; // exact in a double (25 bits)
      const eps = mid * 2 ** -53 * (rnd() * 4 - 2);
      const text = `[${(mid + eps).toPrecision(12 + Math.floor(rnd() * 14))}]`;
      const b = enc.encode(text);
      if (plainList(b, 0, b.length, out) < 0) continue;
      kept++;
      expect(Object.is(out[0], fround(text)[0]), text).toBe(true);
    }
    // (most are refused: that is the point; some land clear of the boundary once cut to digits)
    expect(kept).toBeLessThan(20000);
  });

  it('digit runs of every length and position against the 32-bit words', () => {
    const rnd = mulberry32(43);
    const out = new Float32Array(4);
    let handled = 0;
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
    for (let i = 0; i < 20000; i++) {
      const xs = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => {
        const int = rnd() < 0.6 ? '0' : String(1 + Math.floor(rnd() * 9)) + digits(rnd() * 14);
        const frac =
          rnd() < 0.9 ? `.${'0'.repeat(rnd() < 0.3 ? rnd() * 8 : 0)}${digits(1 + rnd() * 24)}` : '';
        const exp = rnd() < 0.2 ? `e${rnd() < 0.5 ? '-' : ''}${Math.floor(rnd() * 40)}` : '';
        return `${rnd() < 0.3 ? '-' : ''}${int}${frac}${exp}`;
      });
      const text = `[${xs.join(',')}]`;
      // At an arbitrary place in a larger buffer (the words are read at any alignment).
      const pad = Math.floor(rnd() * 8);
      const b = new Uint8Array(pad + text.length + Math.floor(rnd() * 3));
      b.set(enc.encode(text), pad);
      const n = plainList(b, pad, pad + text.length, out);
      if (n < 0) continue;
      handled++;
      const want = fround(text);
      expect(n, text).toBe(want.length);
      for (let k = 0; k < n; k++) expect(Object.is(out[k], want[k]), `${text} [${k}]`).toBe(true);
    }
    expect(handled).toBeGreaterThan(15000);
  });

  it('a byte that is no digit inside a word (any byte, ASCII or not) is caught', () => {
    const rnd = mulberry32(47);
    const base = '[0.021453039720654488,0.87910741567611693,12.000084173399955]';
    const codes = [0x00, 0x2f, 0x3a, 0x3f, 0x40, 0x7f, 0x80, 0xc3, 0xf9, 0xfa, 0xff, 0x20];
    for (let i = 0; i < 5000; i++) {
      const b = enc.encode(base);
      // a digit position replaced by a byte that is not a digit
      let at: number;
      do at = 1 + Math.floor(rnd() * (b.length - 2));
      while (b[at]! < 0x30 || b[at]! > 0x39);
      const c = codes[Math.floor(rnd() * codes.length)]!;
      b[at] = c;
      const text = new TextDecoder().decode(b);
      const got = plainList(b, 0, b.length, new Float32Array(3));
      // A space ends a value: JSON then sees two numbers in a row (invalid) unless at the edge.
      if (c === 0x20 && got >= 0) expect(fround(text).length, text).toBe(got);
      else expect(got, `${text} (byte ${c} at ${at})`).toBe(-1);
    }
  });

  it('denormals, huge exponents, -0 and values past 2^53 in the integer part', () => {
    const out = new Float32Array(8);
    for (const text of [
      '[1e-45,1.4e-45,7e-46,-1e-40,1.17549435e-38,3.4028234663852886e38,3.4028236e38,-0.0]',
      '[123456789012345678901234,0.000000000000000000000012345678901234567,-0e10,5e-324]',
      '[9007199254740993,1.00000005960464477539,1.0000000596046448,0.99999997019767761]',
    ]) {
      const b = enc.encode(text);
      const n = plainList(b, 0, b.length, out);
      if (n < 0) continue;
      const want = fround(text);
      for (let k = 0; k < n; k++) expect(Object.is(out[k], want[k]), `${text} [${k}]`).toBe(true);
    }
  });
});

// The word-at-a-time tokenizer against a byte-at-a-time reference (the scanner as it was before
// the 32-bit words): the same fields, offsets, quoting, record ends and errors on random texts.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/fuzzMutate';
import { scanRecord, scanned } from './csvScan';

/** One record from `i`, byte by byte: its fields as [col, start, end, quoted] and the next offset. */
function reference(bytes: Uint8Array, i: number, delim: number) {
  const n = bytes.length;
  const fields: number[][] = [];
  let col = 0;
  for (;;) {
    let start = i;
    let end: number;
    let quoted = false;
    if (bytes[i] === 0x22) {
      quoted = true;
      start = ++i;
      for (;;) {
        while (i < n && bytes[i] !== 0x22) i++;
        if (i >= n) return { error: true, fields, next: -1, count: 0 };
        if (bytes[i + 1] === 0x22) i += 2;
        else break;
      }
      end = i++;
      while (i < n && bytes[i] !== delim && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else {
      while (i < n && bytes[i] !== delim && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
      end = i;
    }
    const last = i >= n || bytes[i] !== delim;
    const after = () => (i < n ? i + (bytes[i] === 0x0d && bytes[i + 1] === 0x0a ? 2 : 1) : n);
    if (last && col === 0 && end === start && !quoted)
      return { error: false, fields, next: after(), count: 0 };
    fields.push([col, start, end, quoted ? 1 : 0]);
    col++;
    if (last) return { error: false, fields, next: after(), count: col };
    i++;
  }
}

describe('scanRecord, a word at a time', () => {
  it('finds the fields and record ends the byte-at-a-time scan finds', () => {
    const rnd = mulberry32(53);
    // Runs of plain bytes (ASCII and not), delimiters, quotes, line breaks: fields of every
    // length, ends at every position within a word and near the end of the buffer.
    const pieces = ['a', '1', '0.25', 'abcdefgh', ',', ';', '\t', '"', '""', '\n', '\r', '\r\n'];
    const bytesOf = (t: string) => new TextEncoder().encode(t);
    let records = 0;
    for (let c = 0; c < 1500; c++) {
      const k = 1 + Math.floor(rnd() * 40);
      let text = '';
      for (let j = 0; j < k; j++) {
        const r = rnd();
        text +=
          r < 0.05
            ? 'é'
            : r < 0.1
              ? `"${'x,'.repeat(Math.floor(rnd() * 9))}"`
              : pieces[Math.floor(rnd() * pieces.length)];
      }
      const b = bytesOf(text);
      // extra high bytes around the text: the words must not read them as anything but bytes
      const buf = new Uint8Array(b.length + 3);
      buf.set(b);
      const bytes = buf.subarray(0, b.length);
      for (const delim of [0x2c, 0x3b, 0x09]) {
        let i = 0;
        while (i < bytes.length) {
          const want = reference(bytes, i, delim);
          const got: number[][] = [];
          let next: number;
          try {
            next = scanRecord(bytes, i, delim, (col, s, e, q) => got.push([col, s, e, q ? 1 : 0]));
          } catch {
            expect(want.error, `${JSON.stringify(text)} at ${i}`).toBe(true);
            break;
          }
          expect(want.error, JSON.stringify(text)).toBe(false);
          expect(got, `${JSON.stringify(text)} at ${i}`).toEqual(want.fields);
          expect(next, JSON.stringify(text)).toBe(want.next);
          expect(scanned.fields).toBe(want.count);
          records++;
          i = next;
        }
      }
    }
    expect(records).toBeGreaterThan(4000);
  });

  it('a quoted list of any length, quotes found at every offset of a word', () => {
    for (let len = 0; len < 40; len++)
      for (let pad = 0; pad < 8; pad++) {
        const text = `${'x'.repeat(pad)},"[${'1,'.repeat(len)}2]",${'y'.repeat(len % 9)}\n`;
        const bytes = new TextEncoder().encode(text);
        const got: number[][] = [];
        const next = scanRecord(bytes, 0, 0x2c, (col, s, e, q) => got.push([col, s, e, q ? 1 : 0]));
        expect(got).toEqual(reference(bytes, 0, 0x2c).fields);
        expect(next).toBe(bytes.length);
      }
  });
});

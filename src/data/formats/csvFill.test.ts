// Text columns coded from their bytes (csvFill.ts `strings`): every field decodes to its own
// text, whatever the number of categories (the table grows), quotes, non-ASCII or null tokens.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/fuzzMutate';
import { readCsv } from './csv';

describe('text columns', () => {
  it('each row decodes to the text written, across thousands of categories', () => {
    const rnd = mulberry32(3);
    const words = ['cat', 'dog', 'émeu', 'a"b', 'x,y', 'NA', '', 'long category'];
    const texts: string[] = [];
    for (let i = 0; i < 30000; i++) {
      const r = rnd();
      texts.push(
        r < 0.3
          ? words[Math.floor(rnd() * words.length)]!
          : `c_${Math.floor(rnd() ** 2 * 5000)}${r < 0.35 ? 'ü' : ''}`,
      );
    }
    const quote = (t: string) => (/[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
    const csv = `k,t\n${texts.map((t, i) => `${i},${quote(t)}`).join('\n')}\n`;
    const table = readCsv(new TextEncoder().encode(csv), 't.csv');
    const col = table.columns[1]!;
    if (col.kind !== 'string') throw new Error(`t read as ${col.kind}`);
    const nulls = new Set(['NA', '']);
    texts.forEach((t, i) => {
      const code = col.codes[i]!;
      expect(code < 0 ? null : col.dictionary[code], `row ${i}`).toBe(nulls.has(t) ? null : t);
    });
    expect(new Set(col.dictionary).size).toBe(col.dictionary.length);
  });

  it('texts that differ in one byte anywhere (words compared, the last one overlapping)', () => {
    // Every length from 5 to 40, each text one byte away from a base of its length: a word
    // compared wrongly, or the overlapping last word skipped, would merge two of them.
    const texts: string[] = [];
    for (let len = 5; len <= 40; len++) {
      const base = 'q'.repeat(len);
      texts.push(base);
      for (let at = 0; at < len; at++) texts.push(`${base.slice(0, at)}r${base.slice(at + 1)}`);
    }
    const rows = [...texts, ...texts.slice().reverse(), ...texts];
    const csv = `k,t\n${rows.map((t, i) => `${i},${t}`).join('\n')}\n`;
    const col = readCsv(new TextEncoder().encode(csv), 't.csv').columns[1]!;
    if (col.kind !== 'string') throw new Error(`t read as ${col.kind}`);
    rows.forEach((t, i) => expect(col.dictionary[col.codes[i]!], `row ${i}`).toBe(t));
    expect(col.dictionary.length).toBe(texts.length);
  });
});

// Bidi controls and zero-width characters change how a name reads without being seen:
// "gnp.exe" preceded by U+202E (right-to-left override) shows as "exe.png".

const NAMES: Record<string, string> = {
  '\u00ad': 'SHY',
  '\u061c': 'ALM',
  '\u200b': 'ZWSP',
  '\u200c': 'ZWNJ',
  '\u200d': 'ZWJ',
  '\u200e': 'LRM',
  '\u200f': 'RLM',
  '\u202a': 'LRE',
  '\u202b': 'RLE',
  '\u202c': 'PDF',
  '\u202d': 'LRO',
  '\u202e': 'RLO',
  '\u2060': 'WJ',
  '\u2066': 'LRI',
  '\u2067': 'RLI',
  '\u2068': 'FSI',
  '\u2069': 'PDI',
  '\ufeff': 'BOM',
};
const INVISIBLE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

export type Piece = { text: string; hidden: false } | { text: string; hidden: true; code: string };

/** Splits a name into plain text and the invisible characters in it, each named. */
export function splitInvisible(s: string): Piece[] {
  const out: Piece[] = [];
  let last = 0;
  for (const m of s.matchAll(INVISIBLE)) {
    if (m.index > last) out.push({ text: s.slice(last, m.index), hidden: false });
    const ch = m[0];
    out.push({
      text: NAMES[ch]!,
      hidden: true,
      code: `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
    });
    last = m.index + ch.length;
  }
  if (last < s.length) out.push({ text: s.slice(last), hidden: false });
  return out;
}

/** The name as plain text with each invisible character shown as ⟨NAME⟩ (for <option>, titles). */
export function revealInvisible(s: string): string {
  return splitInvisible(s)
    .map((p) => (p.hidden ? `⟨${p.text}⟩` : p.text))
    .join('');
}

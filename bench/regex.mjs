// Regex cohorts: the browser's RegExp vs RE2 (re2js), each testing 1M distinct strings once
// (the engine tests each distinct string of a column once, however many rows hold it).
// Run: node bench/regex.mjs   (Node, no build; timings are noisy on shared machines)
import { RE2JS } from 're2js';

const n = 1_000_000;
const strings = Array.from(
  { length: n },
  (_, i) => `${String(i).padStart(7, '0')}-${i % 3 ? 'ORD' : 'JFK'}`,
);
const patterns = ['JFK$', '^00[0-9]+-O', 'A|B|C', '(foo|bar)+baz', '^(((.+)+)+)+#'];
const time = (test) => {
  const t = performance.now();
  let hits = 0;
  for (const s of strings) if (test(s)) hits++;
  return { ms: Math.round(performance.now() - t), hits };
};
const timeRegExp = (p) => {
  const re = new RegExp(p, 'u');
  return time((s) => re.test(s));
};
for (const p of patterns) {
  const re2 = RE2JS.compile(p);
  const b = time((s) => re2.test(s));
  // The backtracking pattern is skipped on RegExp: ~10 chars take it 0.2 s each, hours in all.
  const a = p.includes('+)+') ? { ms: NaN, hits: NaN } : timeRegExp(p);
  console.log(
    `${p.padEnd(16)} RegExp ${String(a.ms).padStart(5)} ms  RE2 ${String(b.ms).padStart(5)} ms  hits ${b.hits}`,
  );
}

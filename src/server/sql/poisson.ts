// The tab's Poisson(1) bootstrap weights (engine/stats/poisson.ts) in SQL, bit for bit: resamples
// 2j and 2j + 1 share the hash fmix32(row ^ key_j) (murmur3's finalizer) and take its high and
// low 16 bits, each looked up against the Poisson(1) CDF as POISSON16 does. The keys are computed
// here (one per pair of resamples, sent as a VALUES list); the hash runs in DuckDB with 64-bit
// integers: a 32-bit product is split in 16-bit halves so nothing overflows a signed BIGINT.
// So a replicate drawn in DuckDB and one drawn in the tab under the same seed are the same
// resample, and their intervals are equal (up to the order of floating-point sums).
import { POISSON16, MAX_WEIGHT, resampleKey } from '../../engine/stats/poisson';
import { ident, int } from './quote';

const MASK32 = 4294967295;

/** (x · c) mod 2^32 for 0 ≤ x, c < 2^32: lo·c < 2^48 and the high half's product kept mod 2^16. */
export function mul32(x: string, c: number): string {
  return `((((${x}) & 65535) * ${int(c)} + (((((${x}) >> 16) * ${int(c)}) & 65535) << 16)) & ${int(MASK32)})`;
}

/** The first 16-bit uniform whose weight exceeds k, for k = 0 .. MAX_WEIGHT − 1. */
const CUTS = Array.from({ length: MAX_WEIGHT }, (_, k) => POISSON16.findIndex((w) => w > k));

/** POISSON16[u] as a CASE over the cut points. */
function weightOf(u: string): string {
  const whens = CUTS.filter((c) => c >= 0).map((c, k) => `WHEN ${u} < ${int(c)} THEN ${int(k)}`);
  return `(CASE ${whens.join(' ')} ELSE ${int(MAX_WEIGHT)} END)`;
}

/**
 * `inner` (a SELECT with the row index `row` and the columns `cols`) times `resamples`
 * resamples: the same columns plus `r` (the resample) and `w` (the row's weight in it). Each
 * step of the hash is its own SELECT so no expression is repeated more than twice.
 */
export function poissonWeighted(
  inner: string,
  row: string,
  cols: string[],
  resamples: number,
  seed: number,
): string {
  const pairs = Math.ceil(resamples / 2);
  const keys = Array.from(
    { length: pairs },
    (_, j) => `(${int(j)}, ${int(resampleKey(seed, j) >>> 0)})`,
  );
  const c = cols.map(ident).join(', ');
  const keep = c ? `${c}, ` : '';
  const step = (from: string, h: string) => `(SELECT ${keep}pair, ${h} AS h FROM ${from})`;
  let t = `(SELECT ${keep}pair, xor(CAST(${ident(row)} AS BIGINT), k) AS h FROM (${inner}) d CROSS JOIN (VALUES ${keys.join(', ')}) p(pair, k))`;
  t = step(`${t} t0`, 'xor(h, h >> 16)');
  t = step(`${t} t1`, mul32('h', 0x85ebca6b));
  t = step(`${t} t2`, 'xor(h, h >> 13)');
  t = step(`${t} t3`, mul32('h', 0xc2b2ae35));
  t = step(`${t} t4`, 'xor(h, h >> 16)');
  const u = `(CASE half WHEN 0 THEN h >> 16 ELSE h & 65535 END)`;
  return (
    `(SELECT ${keep}2 * pair + half AS r, ${weightOf(u)} AS w FROM ${t} t5 ` +
    `CROSS JOIN (VALUES (0), (1)) hh(half) WHERE 2 * pair + half < ${int(resamples)})`
  );
}

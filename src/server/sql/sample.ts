// The map's sample in SQL: the rows with the smallest fmix32(row ^ key), the same murmur3
// finalizer the bootstrap weights use (poisson.ts, engine/stats/poisson.ts). A pure function of
// the row index, so the sample is the same on every request, in any engine, and a reference in
// JS (fmix32 from the engine) names the same rows.
import { resampleKey } from '../../engine/stats/poisson';
import { mul32 } from './poisson';
import { ident, int } from './quote';

/** The seed of the map's sample (fixed: the sample is part of what a link shows). */
export const MAP_SAMPLE_SEED = 0x6d6170;

/** The key rows are hashed with: fmix32(row ^ key) orders the rows for the sample. */
export const MAP_SAMPLE_KEY = resampleKey(MAP_SAMPLE_SEED, 0) >>> 0;

/**
 * `inner` (a SELECT with the row index `r` and the columns `cols`) cut to the `cap` rows of
 * smallest hash (ties, impossible for a bijection of 32-bit rows, by row), returned in row order.
 * One scan; each step of the hash is its own SELECT, as in poisson.ts.
 */
export function hashSampleSql(inner: string, cols: string[], cap: number): string {
  const c = cols.map(ident).join(', ');
  const keep = c ? `r, ${c}` : 'r';
  const step = (from: string, h: string) => `(SELECT ${keep}, ${h} AS h FROM ${from})`;
  let t = `(SELECT ${keep}, xor(CAST(r AS BIGINT) & 4294967295, ${int(MAP_SAMPLE_KEY)}) AS h FROM (${inner}) d)`;
  t = step(`${t} t0`, 'xor(h, h >> 16)');
  t = step(`${t} t1`, mul32('h', 0x85ebca6b));
  t = step(`${t} t2`, 'xor(h, h >> 13)');
  t = step(`${t} t3`, mul32('h', 0xc2b2ae35));
  t = step(`${t} t4`, 'xor(h, h >> 16)');
  return `SELECT ${keep} FROM (SELECT ${keep} FROM ${t} t5 ORDER BY h, r LIMIT ${int(cap)}) s ORDER BY r`;
}
